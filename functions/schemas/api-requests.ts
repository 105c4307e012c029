import * as z from 'zod';
import { OPERATOR_ACTIONS } from '#domain/commands.ts';
import { DELIVERY_STATUSES } from '#domain/statuses.ts';
import { partnerIdSchema } from './create-delivery.ts';

const reason = z.string().trim().min(1, 'a reason is required').max(500);

/** Body of `POST /deliveries/{deliveryId}/cancel`. */
export const cancelRequestSchema = z.strictObject({ reason });

/** Body of `POST /deliveries/{deliveryId}/actions`: an operator's action, always with a reason. */
export const operatorActionRequestSchema = z.strictObject({
  action: z.enum(OPERATOR_ACTIONS),
  reason,
  partnerId: partnerIdSchema.optional(),
});

/** Query of `GET /deliveries`. */
export const listDeliveriesQuerySchema = z.strictObject({
  status: z.enum(DELIVERY_STATUSES),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  nextToken: z.string().min(1).max(2048).optional(),
});

/** Query of the operator dashboard's `GET /holds`. */
export const listHoldsQuerySchema = listDeliveriesQuerySchema.omit({ status: true });

/** A delivery id in a path. */
export const deliveryIdSchema = z.string().regex(/^dlv-[A-Za-z0-9-]{1,64}$/, 'not a delivery id');
