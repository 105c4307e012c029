import type { Delivery } from '#domain/index.ts';
import { logger } from '#shared/logger.ts';
import { executionArnOf } from './delivery-view.ts';

/**
 * Puts a delivery's ids on every later log line of the invocation: `deliveryId`, `orderId` and, when the
 * state machine is known, the `executionArn` of its workflow. Ids only: never personal data.
 */
export const logAbout = (delivery: Pick<Delivery, 'deliveryId' | 'orderId'>, stateMachineArn: string | null = null): void => {
  logger.appendKeys({
    deliveryId: delivery.deliveryId,
    orderId: delivery.orderId,
    ...(stateMachineArn === null ? {} : { executionArn: executionArnOf(stateMachineArn, delivery.deliveryId) }),
  });
};
