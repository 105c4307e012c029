import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type DynamoDBStreamsClient,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { toLambdaRecord } from './dynamodb-stream-reader.ts';

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

/**
 * Reads a DynamoDB stream the way Lambda's event source mapping does, for the local stack: every
 * shard in order, batches to `handle`, and a batch item failure read again from that record on.
 */
export const pollStream = (
  streams: DynamoDBStreamsClient,
  streamArn: string,
  handle: StreamHandler,
  options: { intervalMs?: number; onError?: (error: unknown) => void } = {},
): StreamPoller => {
  const iterators = new Map<string, string>();
  const closed = new Set<string>();
  const control = { running: true };

  const iteratorFor = async (shardId: string, type: 'TRIM_HORIZON' | 'AT_SEQUENCE_NUMBER', sequence?: string) =>
    (await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ShardIteratorType: type, SequenceNumber: sequence })))
      .ShardIterator;

  /** Reads every open shard once; whether a record failed. */
  const tick = async (): Promise<boolean> => {
    let anyFailed = false;
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    for (const shard of StreamDescription?.Shards ?? []) {
      const shardId = shard.ShardId;
      if (shardId === undefined || closed.has(shardId)) continue;
      const iterator = iterators.get(shardId) ?? (await iteratorFor(shardId, 'TRIM_HORIZON'));
      if (iterator === undefined) continue;
      const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 100 }));
      const records = (page.Records ?? []).map(toLambdaRecord);
      const failed = records.length > 0 ? (await handle(records)).batchItemFailures : [];
      const firstFailed = failed.map((failure) => failure.itemIdentifier).sort(bySequence)[0];
      if (firstFailed !== undefined) anyFailed = true;
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
