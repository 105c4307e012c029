import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it, onTestFinished } from 'vitest';
import { pollStream } from '../../local/dynamodb-stream-poller.ts';
import { streamArnOf } from '../../local/dynamodb-stream-reader.ts';
import { DynamoDbStreamCheckpoints } from '../../local/stream-checkpoints.ts';
import { freshRepository, localClientConfig } from '#test/support/dynamodb.ts';

const until = async (what: string, check: () => boolean): Promise<void> => {
  for (let i = 0; i < 200 && !check(); i += 1) await new Promise((resolve) => setTimeout(resolve, 25));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
};

describe('the local stream poller', () => {
  it('reads the stream in order and, after a reported failure, reads again from the failed record on', async () => {
    const { client, raw, tableName } = await freshRepository();
    for (const n of [1, 2, 3]) await client.send(new PutCommand({ TableName: tableName, Item: { pk: `ITEM#${String(n)}`, sk: 'X', n } }));
    const seen: number[] = [];
    let failuresLeft = 2;
    const numberOf = (record: DynamoDBRecord): number => Number(record.dynamodb?.NewImage?.['n']?.N);
    const poller = pollStream(
      new DynamoDBStreamsClient(localClientConfig()),
      await streamArnOf(raw, tableName),
      (records) => {
        for (const record of records) {
          seen.push(numberOf(record));
          if (numberOf(record) === 2 && failuresLeft > 0) {
            failuresLeft -= 1;
            return Promise.resolve({ batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] });
          }
        }
        return Promise.resolve({ batchItemFailures: [] });
      },
      { intervalMs: 10 },
    );
    onTestFinished(() => poller.stop());
    await until('record 3', () => seen.includes(3));
    expect(seen).toEqual([1, 2, 2, 2, 3]);
  });

  it('keeps its place: a poller started again goes on after the last record handled, up to a failed one', async () => {
    const { client, raw, tableName } = await freshRepository();
    const put = async (n: number): Promise<void> => {
      await client.send(new PutCommand({ TableName: tableName, Item: { pk: `ITEM#${String(n)}`, sk: 'X', n } }));
    };
    const numberOf = (record: DynamoDBRecord): number => Number(record.dynamodb?.NewImage?.['n']?.N);
    const streamArn = await streamArnOf(raw, tableName);
    /** Runs a poller with the consumer's checkpoints until `done`; what it saw. */
    const runUntil = async (done: (seen: number[]) => boolean, failOn?: number): Promise<number[]> => {
      const seen: number[] = [];
      const poller = pollStream(
        new DynamoDBStreamsClient(localClientConfig()),
        streamArn,
        (records) => {
          for (const record of records) {
            seen.push(numberOf(record));
            if (numberOf(record) === failOn) return Promise.resolve({ batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] });
          }
          return Promise.resolve({ batchItemFailures: [] });
        },
        { intervalMs: 10, checkpoints: await DynamoDbStreamCheckpoints.open(raw, 'test-consumer', streamArn) },
      );
      try {
        await until('the records', () => done(seen));
      } finally {
        await poller.stop();
      }
      return seen;
    };

    for (const n of [1, 2, 3]) await put(n);
    expect((await runUntil((seen) => seen.includes(2), 2)).slice(0, 2)).toEqual([1, 2]);
    expect(await runUntil((seen) => seen.includes(3))).toEqual([2, 3]);
    await put(4);
    expect(await runUntil((seen) => seen.includes(4))).toEqual([4]);
  });
});
