/**
 * The outbox relay as a process of its own, as the local stack runs it: reads the delivery table's
 * stream in DynamoDB Local from where it last got to and hands each batch of real stream records to the
 * relay's Lambda handler, which publishes to the local EventBridge endpoint. Configured only by
 * environment, as the Lambda is. It stops on SIGTERM and when the process that started it goes, and not
 * on SIGINT: Ctrl-C reaches the whole process group, and the stack stops its relay in its own turn.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import * as z from 'zod';
import { handler } from '#handlers/relay.ts';
import { readEnv } from '#shared/env.ts';
import { pollStream } from './dynamodb-stream-poller.ts';
import { streamArnOf } from './dynamodb-stream-reader.ts';
import { lambdaContext } from './lambda-context.ts';
import { DynamoDbStreamCheckpoints } from './stream-checkpoints.ts';

const stopping: { stop?: () => Promise<void> } = {};
const exit = (): void => {
  void (stopping.stop?.() ?? Promise.resolve()).then(() => process.exit(0));
};
process.once('SIGTERM', exit);
process.once('disconnect', exit);
process.on('SIGINT', () => undefined);

/** The relay runs only against local endpoints: each AWS service it calls must be pointed at one. */
const env = readEnv(
  z.object({
    DELIVERY_TABLE_NAME: z.string().min(1),
    AWS_ENDPOINT_URL_DYNAMODB: z.url(),
    AWS_ENDPOINT_URL_DYNAMODB_STREAMS: z.url(),
    AWS_ENDPOINT_URL_EVENTBRIDGE: z.url(),
  }),
);

const dynamodb = new DynamoDBClient({});
const streamArn = await streamArnOf(dynamodb, env.DELIVERY_TABLE_NAME);
const poller = pollStream(new DynamoDBStreamsClient({}), streamArn, (records) => handler({ Records: records }, lambdaContext('relay', randomUUID(), 60_000)), {
  checkpoints: await DynamoDbStreamCheckpoints.open(dynamodb, 'outbox-relay', streamArn),
  onError: (error) => {
    console.error(`outbox relay: reading the table's stream fails: ${error.message} Trying again, and saying so only when the cause changes or it reads again.`);
  },
  onRecovered: (failedReads) => {
    console.error(`outbox relay: reading the table's stream again, after ${String(failedReads)} failed reads`);
  },
});
stopping.stop = () => poller.stop();
if (process.connected) process.send?.('ready');
