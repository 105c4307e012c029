import * as z from 'zod/mini';
import { createDeliverySchema, orderIdSchema } from './create-delivery.ts';

/** The `source` of the order service's events (contract §5). */
export const ORDER_EVENTS_SOURCE = 'bookstore.orders';

const envelope = { id: z.string().check(z.minLength(1)), source: z.literal(ORDER_EVENTS_SOURCE) };

/** `OrderPaid` (detail = the create body) and `OrderCancelled` (`{orderId, reason}`), as EventBridge delivers them. */
export const orderEventSchema = z.discriminatedUnion('detail-type', [
  z.object({ ...envelope, 'detail-type': z.literal('OrderPaid'), detail: createDeliverySchema }),
  z.object({
    ...envelope,
    'detail-type': z.literal('OrderCancelled'),
    detail: z.strictObject({ orderId: orderIdSchema, reason: z.string().check(z.trim(), z.minLength(1), z.maxLength(500)) }),
  }),
]);

/** A valid inbound order event. */
export type OrderEvent = z.infer<typeof orderEventSchema>;
