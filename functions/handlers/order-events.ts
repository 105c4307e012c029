import { SQSClient } from '@aws-sdk/client-sqs';
import { createDocumentClient } from '#adapters/dynamodb-client.ts';
import { DeliveryRepository } from '#adapters/delivery-store/delivery-repository.ts';
import { SqsRejectedEvents } from '#adapters/rejected-events.ts';
import { handleOrderEvent } from '#application/order-events.ts';
import { systemDeps } from '#application/system-deps.ts';
import { orderEventsEnvSchema, readEnv } from '#shared/env.ts';
import { serviceHandler } from '#shared/service-handler.ts';

const env = readEnv(orderEventsEnvSchema());
const context = {
  repository: new DeliveryRepository({ client: createDocumentClient(), tableName: env.DELIVERY_TABLE_NAME }),
  deps: systemDeps,
  rejected: new SqsRejectedEvents(new SQSClient({}), env.REJECTED_EVENTS_QUEUE_URL),
};

/** Inbound `OrderPaid` / `OrderCancelled` from the bus (contract §5). */
export const handler = serviceHandler<unknown, { outcome: string }>().handler(async (event) => ({ outcome: await handleOrderEvent(event, context) }));
