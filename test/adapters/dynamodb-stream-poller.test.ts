import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it, onTestFinished } from 'vitest';
import { pollStream } from '../../local/dynamodb-stream-poller.ts';
import { streamArnOf } from '../../local/dynamodb-stream-reader.ts';
import { DynamoDbStreamCheckpoints } from '../../local/stream-checkpoints.ts';
import { freshRepository, localClientConfig } from '#test/support/dynamodb.ts';
import { eventually } from '#test/support/eventually.ts';

const numberOf = (record: DynamoDBRecord): number => Number(record.dynamodb?.NewImage?.['n']?.N);

describe('the local stream poller', () => {
  it('reads the stream in order and, after a reported failure, reads again from the failed record on', async () => {
    const { client, raw, tableName } = await freshRepository();
    for (const n of [1, 2, 3]) await client.send(new PutCommand({ TableName: tableName, Item: { pk: `ITEM#${String(n)}`, sk: 'X', n } }));
    const seen: number[] = [];
    let failuresLeft = 2;
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
    await eventually('record 3', () => (seen.includes(3) ? true : undefined));
    expect(seen).toEqual([1, 2, 2, 2, 3]);
  });

  it('keeps its place: a poller started again goes on after the last record handled, up to a failed one', async () => {
    const { client, raw, tableName } = await freshRepository();
    const put = async (n: number): Promise<void> => {
      await client.send(new PutCommand({ TableName: tableName, Item: { pk: `ITEM#${String(n)}`, sk: 'X', n } }));
    };
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
        await eventually('the records', () => (done(seen) ? true : undefined));
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

  it('reads the whole batch again when a reported failure names no record of it, as Lambda does', async () => {
    const { client, raw, tableName } = await freshRepository();
    for (const n of [1, 2]) await client.send(new PutCommand({ TableName: tableName, Item: { pk: `ITEM#${String(n)}`, sk: 'X', n } }));
    const batches: number[][] = [];
    const poller = pollStream(
      new DynamoDBStreamsClient(localClientConfig()),
      await streamArnOf(raw, tableName),
      (records) => {
        batches.push(records.map(numberOf));
        return Promise.resolve({ batchItemFailures: batches.length === 1 ? [{ itemIdentifier: 'not-a-record' }] : [] });
      },
      { intervalMs: 10 },
    );
    onTestFinished(() => poller.stop());
    await eventually('the batch read again', () => (batches.length >= 2 ? true : undefined));
    expect(batches.slice(0, 2)).toEqual([
      [1, 2],
      [1, 2],
    ]);
  });
});
