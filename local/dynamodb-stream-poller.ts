import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type DynamoDBStreamsClient,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { toLambdaRecord } from './dynamodb-stream-reader.ts';
import type { StreamCheckpoints } from './stream-checkpoints.ts';

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
  /** Told of a failed read, before the poller tries again. */
  readonly onError?: (error: unknown) => void;
  /**
   * Where the poller keeps its place, to resume after the last record handled when it starts again.
   * @default none: it reads every shard from its start
   */
  readonly checkpoints?: StreamCheckpoints;
}

const sequenceOf = (record: DynamoDBRecord): string => record.dynamodb?.SequenceNumber ?? '0';

/** The last record handled of a page: the last one, or the one before the first that failed. */
const lastHandled = (records: readonly DynamoDBRecord[], firstFailed: string | undefined): string | undefined =>
  records
    .map(sequenceOf)
    .filter((sequence) => firstFailed === undefined || bySequence(sequence, firstFailed) < 0)
    .sort(bySequence)
    .at(-1);

/**
 * Reads a DynamoDB stream the way Lambda's event source mapping does, for the local stack: every
 * shard in order, batches to `handle`, a batch item failure read again from that record on, and (with
 * `checkpoints`) the place kept after each batch, so that a poller started again goes on from there.
 */
export const pollStream = (streams: DynamoDBStreamsClient, streamArn: string, handle: StreamHandler, options: PollOptions = {}): StreamPoller => {
  const iterators = new Map<string, string>();
  const closed = new Set<string>();
  const control = { running: true };

  const iteratorFor = async (shardId: string, type: 'TRIM_HORIZON' | 'AT_SEQUENCE_NUMBER' | 'AFTER_SEQUENCE_NUMBER', sequence?: string) =>
    (await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ShardIteratorType: type, SequenceNumber: sequence })))
      .ShardIterator;

  const resumeIn = async (shardId: string) => {
    const checkpoint = await options.checkpoints?.read(shardId);
    return checkpoint === undefined ? iteratorFor(shardId, 'TRIM_HORIZON') : iteratorFor(shardId, 'AFTER_SEQUENCE_NUMBER', checkpoint);
  };

  /** Reads every open shard once; whether a record failed. */
  const tick = async (): Promise<boolean> => {
    let anyFailed = false;
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    for (const shard of StreamDescription?.Shards ?? []) {
      const shardId = shard.ShardId;
      if (shardId === undefined || closed.has(shardId)) continue;
      const iterator = iterators.get(shardId) ?? (await resumeIn(shardId));
      if (iterator === undefined) continue;
      const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 100 }));
      const records = (page.Records ?? []).map(toLambdaRecord);
      const failed = records.length > 0 ? (await handle(records)).batchItemFailures : [];
      const firstFailed = failed.map((failure) => failure.itemIdentifier).sort(bySequence)[0];
      if (firstFailed !== undefined) anyFailed = true;
      const handled = lastHandled(records, firstFailed);
      if (handled !== undefined) await options.checkpoints?.write(shardId, handled);
      const next = firstFailed !== undefined ? await iteratorFor(shardId, 'AT_SEQUENCE_NUMBER', firstFailed) : page.NextShardIterator;
      if (next === undefined) {
        closed.add(shardId);
        iterators.delete(shardId);
      } else {
        iterators.set(shardId, next);
      }
    }
    return anyFailed;
  };

  const loop = (async () => {
    const interval = options.intervalMs ?? 50;
    let failures = 0;
    while (control.running) {
      try {
        failures = (await tick()) ? failures + 1 : 0;
      } catch (error) {
        failures += 1;
        options.onError?.(error);
      }
      await new Promise((resolve) => setTimeout(resolve, failures === 0 ? interval : Math.min(MAX_BACKOFF_MS, interval * 2 ** failures)));
    }
  })();

  return {
    stop: async () => {
      control.running = false;
      await loop;
    },
  };
};
