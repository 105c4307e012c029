import type { DeliveryRepository } from '#adapters/delivery-store/delivery-repository.ts';
import { requestHash } from '#adapters/delivery-store/request-hash.ts';
import type { RejectedEvents } from '#adapters/rejected-events.ts';
import type { DecideDeps } from '#domain/decision.ts';
import { fieldIssues } from '#shared/field-issues.ts';
import { orderEventSchema } from '#schemas/order-events.ts';
import { logger } from '#shared/logger.ts';
import { executeCommand } from './execute-command.ts';
import { logCommitted } from './log-committed.ts';

/** What the order-events handler works with. */
export interface OrderEventsContext {
  readonly repository: DeliveryRepository;
  readonly deps: DecideDeps;
  readonly rejected: RejectedEvents;
}

/**
 * The order's item; for an order with none, marks it cancelled and gives null, unless a create for it
 * won the race to the item, which is then read.
 */
const findOrMarkCancelled = async (repository: DeliveryRepository, orderId: string, reason: string) => {
  const order = await repository.findByOrderId(orderId);
  if (order !== null) return order;
  if (await repository.markOrderCancelled(orderId, reason)) return null;
  return repository.findByOrderId(orderId);
};

/** What happened to an inbound event. */
export type OrderEventOutcome = 'created' | 'already-created' | 'cancelled' | 'cancelled-before-delivery' | 'already-applied' | 'rejected';

/**
 * `OrderPaid` creates the delivery, idempotently on `orderId`; `OrderCancelled` cancels it, and an
 * `OrderCancelled` that comes first (or alone) marks the order cancelled so that no delivery is ever
 * created for it. An event that can never be applied (malformed, another body for the same order, a
 * paid order already cancelled, a cancel the table forbids) goes to the dead-letter queue with its
 * reason, and nothing is written. Failures that may pass (the store unreachable) throw, so that Lambda
 * tries again.
 */
export const handleOrderEvent = async (event: unknown, context: OrderEventsContext): Promise<OrderEventOutcome> => {
  logger.resetKeys();
  const reject = async (reason: string): Promise<OrderEventOutcome> => {
    logger.warn('order event rejected', { reason });
    await context.rejected.reject(event, reason);
    return 'rejected';
  };
  const parsed = orderEventSchema.safeParse(event);
  if (!parsed.success) {
    return reject(`malformed: ${fieldIssues(parsed.error).map((d) => `${d.field}: ${d.message}`).join('; ')}`);
  }
  const { id, detail } = parsed.data;
  logger.appendKeys({ orderId: detail.orderId, orderEventId: id, orderEvent: parsed.data['detail-type'] });

  if (parsed.data['detail-type'] === 'OrderPaid') {
    const request = parsed.data.detail;
    const execution = await executeCommand(context.repository, context.deps, {
      deliveryId: null,
      command: { type: 'CREATE', commandId: id, request },
    });
    if (execution.kind === 'committed') {
      logCommitted(execution);
      return 'created';
    }
    if (execution.kind === 'order-exists' && execution.deliveryId === null) {
      return reject(`order ${request.orderId} was cancelled before it was paid: no delivery is created`);
    }
    if (execution.kind === 'order-exists' && execution.requestHash === requestHash(request)) return 'already-created';
    return reject(`order ${request.orderId} already has delivery ${execution.kind === 'order-exists' ? String(execution.deliveryId) : '?'}, created from another body`);
  }

  const { reason } = parsed.data.detail;
  // EventBridge does not keep order: the OrderPaid may still be on its way, or never come. The order is
  // marked cancelled, so that its OrderPaid creates nothing; a create that won the race is cancelled below.
  const order = await findOrMarkCancelled(context.repository, detail.orderId, reason);
  if (order === null) {
    logger.info('order cancelled before its delivery was created');
    return 'cancelled-before-delivery';
  }
  if (order.deliveryId === null) return 'already-applied';
  logger.appendKeys({ deliveryId: order.deliveryId });
  const execution = await executeCommand(context.repository, context.deps, {
    deliveryId: order.deliveryId,
    command: { type: 'CANCEL', commandId: id, source: 'CUSTOMER', actor: null, reason },
    idempotencyKey: `order-event#${id}`,
  });
  if (execution.kind === 'committed') {
    logCommitted(execution);
    return 'cancelled';
  }
  if (execution.kind === 'duplicate') return 'already-applied';
  return reject(execution.kind === 'refused' ? execution.refusal.message : `cancel ended ${execution.kind}`);
};
