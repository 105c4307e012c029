import type { DeliveryRepository } from '#adapters/delivery-store/delivery-repository.ts';
import { requestHash } from '#adapters/delivery-store/request-hash.ts';
import type { RejectedEvents } from '#adapters/rejected-events.ts';
import type { DecideDeps } from '#domain/decision.ts';
import { fieldIssues } from '#shared/field-issues.ts';
import { orderEventSchema } from '#schemas/order-events.ts';
import { logger } from '#shared/logger.ts';
import { executeCommand } from './execute-command.ts';

/** What the order-events handler works with. */
export interface OrderEventsContext {
  readonly repository: DeliveryRepository;
  readonly deps: DecideDeps;
  readonly rejected: RejectedEvents;
}

/** An OrderCancelled for an order with no delivery yet: retried, since its OrderPaid may come later. */
export class OrderNotYetKnownError extends Error {
  override readonly name = 'OrderNotYetKnownError';
  constructor(orderId: string) {
    super(`order ${orderId} has no delivery yet`);
  }
}

/** What happened to an inbound event. */
export type OrderEventOutcome = 'created' | 'already-created' | 'cancelled' | 'already-applied' | 'rejected';

/**
 * `OrderPaid` creates the delivery, idempotently on `orderId`; `OrderCancelled` cancels it. An event
 * that can never be applied (malformed, another body for the same order, a cancel the table forbids)
 * goes to the dead-letter queue with its reason, and nothing is written. Failures that may pass (the
 * store unreachable, a cancel before its order's delivery exists) throw, so that EventBridge tries again.
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
    if (execution.kind === 'committed') return 'created';
    if (execution.kind === 'order-exists' && execution.requestHash === requestHash(request)) return 'already-created';
    return reject(`order ${request.orderId} already has delivery ${execution.kind === 'order-exists' ? execution.deliveryId : '?'}, created from another body`);
  }

  const order = await context.repository.findByOrderId(detail.orderId);
  // EventBridge does not keep order: the OrderPaid may still be on its way. Failing lets EventBridge try again
  // (and, past its retries, the rule's dead-letter queue keeps the event).
  if (order === null) throw new OrderNotYetKnownError(detail.orderId);
  const execution = await executeCommand(context.repository, context.deps, {
    deliveryId: order.deliveryId,
    command: { type: 'CANCEL', commandId: id, source: 'CUSTOMER', actor: null, reason: parsed.data.detail.reason },
    idempotencyKey: `order-event#${id}`,
  });
  if (execution.kind === 'committed') return 'cancelled';
  if (execution.kind === 'duplicate') return 'already-applied';
  return reject(execution.kind === 'refused' ? execution.refusal.message : `cancel ended ${execution.kind}`);
};
