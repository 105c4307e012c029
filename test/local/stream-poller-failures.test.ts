import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it, onTestFinished } from 'vitest';
import { freshRepository, localClientConfig } from '#test/support/dynamodb.ts';
import { eventually } from '#test/support/eventually.ts';
import { pollStream } from '../../local/dynamodb-stream-poller.ts';
import { streamArnOf } from '../../local/dynamodb-stream-reader.ts';
import { freePort } from '../../local/free-port.ts';

describe('the local stream poller when DynamoDB Local stops answering', () => {
  it('names the cause once when its reads start failing, not at every retry, and says so once it reads again', async () => {
    const { client, raw, tableName } = await freshRepository();
    const reachable = new DynamoDBStreamsClient(localClientConfig());
    // Nothing listens on a spare port: every call is refused, as when DynamoDB Local was killed.
    const unreachable = new DynamoDBStreamsClient({ ...localClientConfig(), endpoint: `http://127.0.0.1:${String(await freePort())}`, maxAttempts: 1 });
    const state = { down: true, failedCalls: 0 };
    const streams = {
      send: (command: never) => {
        if (state.down) state.failedCalls += 1;
        return (state.down ? unreachable : reachable).send(command);
      },
    } as unknown as DynamoDBStreamsClient;
    const told: string[] = [];
    const handled: string[] = [];
    const poller = pollStream(
      streams,
      await streamArnOf(raw, tableName),
      (records) => {
        handled.push(...records.map((record) => record.dynamodb?.Keys?.['pk']?.S ?? '?'));
        return Promise.resolve({ batchItemFailures: [] });
      },
      {
        intervalMs: 1,
        onError: (error) => told.push(`failing: ${error.message}`),
        onRecovered: (failedReads) => told.push(`reading again after ${String(failedReads)} failed reads`),
      },
    );
    onTestFinished(() => poller.stop());

    await eventually('six failed reads', () => (state.failedCalls >= 6 ? true : undefined));
    expect(told, 'one line for the whole outage, naming the cause').toEqual([expect.stringMatching(/^failing: .*ECONNREFUSED/)]);

    state.down = false;
    await client.send(new PutCommand({ TableName: tableName, Item: { pk: 'ITEM#after', sk: 'X' } }));
    await eventually('the record written once it answers', () => (handled.includes('ITEM#after') ? true : undefined));
    expect(told).toEqual([expect.stringMatching(/ECONNREFUSED/), expect.stringMatching(/^reading again after \d+ failed reads$/)]);
  });
});
