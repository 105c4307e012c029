import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { EventPublisher } from '#adapters/event-publisher.ts';
import { relayStreamRecords } from '#application/outbox-relay.ts';
import { readEnv, relayEnvSchema } from '#shared/env.ts';
import { serviceHandler } from '#shared/service-handler.ts';

const env = readEnv(relayEnvSchema());
const publisher = new EventPublisher({ client: new EventBridgeClient({}) });

/** The outbox relay: the delivery table's stream → `PutEvents` on the bus, partial failures reported. */
export const handler = serviceHandler<DynamoDBStreamEvent, DynamoDBBatchResponse>().handler((event) =>
  relayStreamRecords(event.Records, publisher, { eventBusName: env.EVENT_BUS_NAME, stateMachineArn: env.STATE_MACHINE_ARN }),
);
