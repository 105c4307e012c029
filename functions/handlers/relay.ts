import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { EventPublisher } from '#adapters/event-publisher.ts';
import { relayStreamRecords } from '#application/outbox-relay.ts';
import { readEnv, relayEnvSchema } from '#shared/env.ts';

const env = readEnv(relayEnvSchema);
const publisher = new EventPublisher({ client: new EventBridgeClient({}) });

/** The outbox relay: the delivery table's stream → `PutEvents` on the bus, partial failures reported. */
export const handler = (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> =>
  relayStreamRecords(event.Records, publisher, env.EVENT_BUS_NAME);
