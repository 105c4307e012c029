import { setTimeout as sleep } from 'node:timers/promises';
import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type DynamoDBStreamsClient,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { toLambdaRecord } from './dynamodb-stream-reader.ts';
import type { StreamCheckpoints } from './stream-checkpoints.ts';
import { streamReadErrorOf, type StreamReadError } from './stream-read-failure.ts';

/** A stream handler as Lambda calls it: a batch of records, partial failures reported. */
export type StreamHandler = (records: DynamoDBRecord[]) => Promise<DynamoDBBatchResponse>;

/** A running poller. */
export interface StreamPoller {
  /** Stops after the batch in hand, if any. */
  stop(): Promise<void>;
}

/** Stream sequence numbers are decimal strings of any length: compare them as numbers. */
const bySequence = (a: string, b: string): number => {
  const difference = BigInt(a) - BigInt(b);
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
};

/** The longest pause between reads while a record keeps failing. */
const MAX_BACKOFF_MS = 5_000;

/** Options of {@link pollStream}. */
export interface PollOptions {
  /**
   * The pause between two reads of the stream.
   * @default 50
   */
  readonly intervalMs?: number;
  /**
   * Told when reads start failing, and when they go on failing for another cause; not at every retry.
   * The error names the cause in its message.
   */
  readonly onError?: (error: StreamReadError) => void;
  /** Told when a read succeeds after reads failed, with how many failed. */
  readonly onRecovered?: (failedReads: number) => void;
  /**
   * Where the poller keeps its place, to resume after the last record handled when it starts again.
   * @default none: it reads every shard from its start
   */
  readonly checkpoints?: StreamCheckpoints;
}

const sequenceOf = (record: DynamoDBRecord): string => record.dynamodb?.SequenceNumber ?? '0';

/**
 * The first record of a batch that failed, as Lambda reads a batch response: the lowest reported
 * failure; an identifier that names no record of the batch fails the whole batch.
 */
const firstFailedOf = (records: readonly DynamoDBRecord[], response: DynamoDBBatchResponse): string | undefined => {
  const sequences = records.map(sequenceOf).sort(bySequence);
  const reported = response.batchItemFailures.map((failure) => failure.itemIdentifier);
  if (reported.some((id) => !sequences.includes(id))) return sequences[0];
  return reported.sort(bySequence)[0];
};

/** The last record handled of a batch: the last one, or the one before the first that failed. */
const lastHandled = (records: readonly DynamoDBRecord[], firstFailed: string | undefined): string | undefined =>
  records
    .map(sequenceOf)
    .filter((sequence) => firstFailed === undefined || bySequence(sequence, firstFailed) < 0)
    .sort(bySequence)
    .at(-1);

/** Shard ids in reading order: a shard is read only once the parent it split from is read to its end. */
const readableShards = (shards: readonly Shard[], closed: ReadonlySet<string>): string[] => {
  const listed = new Set(shards.map((shard) => shard.ShardId));
  return shards.flatMap((shard) => {
    const { ShardId: id, ParentShardId: parent } = shard;
    if (id === undefined || closed.has(id)) return [];
    return parent !== undefined && listed.has(parent) && !closed.has(parent) ? [] : [id];
  });
};

/**
 * Reads a DynamoDB stream the way Lambda's event source mapping does, for the local stack: shards in
 * order (a parent before its children), batches to `handle`, and after a batch item failure or a failed
 * call, read again after the last record handled. With `checkpoints` that place is kept after each
 * batch, so that a poller started again goes on from there.
 */
export const pollStream = (streams: DynamoDBStreamsClient, streamArn: string, handle: StreamHandler, options: PollOptions = {}): StreamPoller => {
  const iterators = new Map<string, string>();
  const positions = new Map<string, string>();
  const closed = new Set<string>();
  const stopping = new AbortController();

  const resumeIn = async (shardId: string): Promise<string | undefined> => {
    const after = positions.get(shardId) ?? (await options.checkpoints?.read(shardId));
    const request = after === undefined ? { ShardIteratorType: 'TRIM_HORIZON' as const } : { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER' as const, SequenceNumber: after };
    return (await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ...request }))).ShardIterator;
  };

  /** Reads one batch of `shardId` and hands it over; whether a record failed. */
  const readShard = async (shardId: string): Promise<boolean> => {
    const iterator = iterators.get(shardId) ?? (await resumeIn(shardId));
    if (iterator === undefined) return false;
    const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 100 }));
    const records = (page.Records ?? []).map(toLambdaRecord);
    const firstFailed = records.length > 0 ? firstFailedOf(records, await handle(records)) : undefined;
    const handled = lastHandled(records, firstFailed);
    if (handled !== undefined) {
      positions.set(shardId, handled);
      await options.checkpoints?.write(shardId, handled);
    }
    if (firstFailed !== undefined) {
      iterators.delete(shardId);
      return true;
    }
    if (page.NextShardIterator === undefined) {
      closed.add(shardId);
      iterators.delete(shardId);
    } else {
      iterators.set(shardId, page.NextShardIterator);
    }
    return false;
  };

  /** Reads every readable shard once; whether a record failed. */
  const tick = async (): Promise<boolean> => {
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    let anyFailed = false;
    for (const shardId of readableShards(StreamDescription?.Shards ?? [], closed)) anyFailed = (await readShard(shardId)) || anyFailed;
    return anyFailed;
  };

  /** The failure reads are in, if they fail: told once when it starts or changes, once when it ends. */
  let failing: { kind: string; reads: number } | undefined;
  const readFailed = (error: unknown): void => {
    const failure = streamReadErrorOf(error);
    if (failing?.kind !== failure.kind) options.onError?.(failure);
    failing = { kind: failure.kind, reads: (failing?.reads ?? 0) + 1 };
  };
  const readSucceeded = (): void => {
    if (failing === undefined) return;
    options.onRecovered?.(failing.reads);
    failing = undefined;
  };

  const loop = (async () => {
    const interval = options.intervalMs ?? 50;
    let failures = 0;
    while (!stopping.signal.aborted) {
      try {
        failures = (await tick()) ? failures + 1 : 0;
        readSucceeded();
      } catch (error) {
        failures += 1;
        iterators.clear();
        readFailed(error);
      }
      await sleep(failures === 0 ? interval : Math.min(MAX_BACKOFF_MS, interval * 2 ** failures), undefined, { signal: stopping.signal }).catch(() => undefined);
    }
  })();

  return {
    stop: async () => {
      stopping.abort();
      await loop;
    },
  };
};
