import * as z from 'zod/mini';
import { OPERATOR_ACTIONS } from '#domain/commands.ts';
import { DELIVERY_STATUSES } from '#domain/statuses.ts';
import { partnerIdSchema } from './partner-id.ts';

const reason = z.string().check(z.trim(), z.minLength(1, 'a reason is required'), z.maxLength(500));

/** Body of `POST /deliveries/{deliveryId}/cancel`. */
export const cancelRequestSchema = z.strictObject({ reason });

/** Body of `POST /deliveries/{deliveryId}/actions`: an operator's action, always with a reason. */
export const operatorActionRequestSchema = z.strictObject({
  action: z.enum(OPERATOR_ACTIONS),
  reason,
  partnerId: z.optional(partnerIdSchema),
});

/** Query of `GET /deliveries`. */
export const listDeliveriesQuerySchema = z.strictObject({
  status: z.enum(DELIVERY_STATUSES),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 50),
  nextToken: z.optional(z.string().check(z.minLength(1), z.maxLength(2048))),
});

/** Query of the operator dashboard's `GET /holds`. */
export const listHoldsQuerySchema = z.omit(listDeliveriesQuerySchema, { status: true });

/** A delivery id in a path. */
export const deliveryIdSchema = z.string().check(z.regex(/^dlv-[A-Za-z0-9-]{1,64}$/, 'not a delivery id'));
