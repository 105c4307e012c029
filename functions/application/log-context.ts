import type { Delivery } from '#domain/index.ts';
import type { DomainEvent } from '#schemas/event-envelope.ts';
import { logger } from '#shared/logger.ts';
import { executionArnOf } from './delivery-view.ts';

/** The ids that name a delivery on a log line, with its workflow's `executionArn` when the state machine is known. Ids only: never personal data. */
export const deliveryLogKeys = (delivery: Pick<Delivery, 'deliveryId' | 'orderId'>, stateMachineArn: string | null = null) => ({
  deliveryId: delivery.deliveryId,
  orderId: delivery.orderId,
  ...(stateMachineArn === null ? {} : { executionArn: executionArnOf(stateMachineArn, delivery.deliveryId) }),
});

/** The ids that name a delivery on a log line. */
export type DeliveryLogKeys = ReturnType<typeof deliveryLogKeys>;

/** The ids that name a domain event on a log line: its delivery's, its own, and what caused it. */
export const eventLogKeys = (event: DomainEvent, stateMachineArn: string | null = null) => ({
  ...deliveryLogKeys(event, stateMachineArn),
  eventId: event.eventId,
  eventType: event.type,
  sequence: event.sequence,
  causationId: event.causationId,
});

/** Puts a delivery's ids ({@link deliveryLogKeys}) on every later log line of the invocation. */
export const logAbout = (delivery: Pick<Delivery, 'deliveryId' | 'orderId'>, stateMachineArn: string | null = null): void => {
  logger.appendKeys(deliveryLogKeys(delivery, stateMachineArn));
};
