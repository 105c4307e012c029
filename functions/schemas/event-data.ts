import * as z from 'zod/mini';
import { DeliveryEventType } from '#domain/event-types.ts';
import { DELIVERY_STATUSES } from '#domain/statuses.ts';
import { HOLD_REASONS } from '#domain/hold-reasons.ts';
import { DispatchFailure } from '#domain/dispatch-failures.ts';
import { createDeliverySchema } from './create-delivery.ts';
import { partnerRefSchema } from './partner-ref.ts';

const empty = () => z.strictObject({});
const partnerReason = () => z.nullable(z.string());
const count = () => z.int().check(z.minimum(0));

/** How to build the `data` schema of each domain event, by event name (built when first needed). */
export const eventDataSchemaBuilders = {
  [DeliveryEventType.DeliveryCreated]: () => z.strictObject({ request: createDeliverySchema, maxAttempts: z.int().check(z.minimum(1)) }),
  [DeliveryEventType.DeliveryDispatchRequested]: () => z.strictObject({ candidates: z.array(z.string().check(z.minLength(1))).check(z.minLength(1)) }),
  [DeliveryEventType.DeliveryPartnerAssigned]: empty,
  [DeliveryEventType.DeliveryDispatchFailed]: () => z.strictObject({
    failedPartnerId: z.string().check(z.minLength(1)),
    failure: z.enum(DispatchFailure),
    nextPartnerId: z.nullable(z.string().check(z.minLength(1))),
  }),
  [DeliveryEventType.DeliveryPutOnHold]: () => z.strictObject({ holdReason: z.enum(HOLD_REASONS), partnerReason: partnerReason() }),
  [DeliveryEventType.DeliveryHoldReleased]: () => z.strictObject({
    releasedHoldReason: z.enum(HOLD_REASONS),
    action: z.enum(['RESUME', 'REATTEMPT']),
    maxAttempts: z.int().check(z.minimum(1)),
  }),
  [DeliveryEventType.DeliveryHandedOver]: empty,
  [DeliveryEventType.DeliveryOutForDelivery]: empty,
  [DeliveryEventType.DeliveryAttemptFailed]: () => z.strictObject({ attemptCount: count(), maxAttempts: z.int().check(z.minimum(1)), partnerReason: partnerReason() }),
  [DeliveryEventType.DeliveryAvailableForPickup]: empty,
  [DeliveryEventType.DeliveryDelivered]: empty,
  [DeliveryEventType.DeliveryDelayed]: () => z.strictObject({ partnerStatus: z.enum(['DELAYED', 'EXCEPTION']), partnerReason: partnerReason() }),
  [DeliveryEventType.DeliveryReturnInitiated]: empty,
  [DeliveryEventType.DeliveryReturned]: empty,
  [DeliveryEventType.DeliveryLost]: empty,
  [DeliveryEventType.DeliveryCancellationRequested]: empty,
  [DeliveryEventType.DeliveryCancellationRejected]: empty,
  [DeliveryEventType.DeliveryCancelled]: empty,
  [DeliveryEventType.DeliveryPartnerReassigned]: () => z.strictObject({
    fromPartner: z.nullable(partnerRefSchema),
    toPartnerId: z.string().check(z.minLength(1)),
  }),
  [DeliveryEventType.DeliveryFailed]: empty,
  [DeliveryEventType.DeliverySlaBreached]: () => z.strictObject({ promisedBy: z.iso.datetime({ offset: true }) }),
  [DeliveryEventType.DeliveryAnomalyDetected]: () => z.strictObject({
    partnerStatus: z.string().check(z.minLength(1)),
    partnerEventId: z.string().check(z.minLength(1)),
    jobId: z.string().check(z.minLength(1)),
    outcome: z.enum(DELIVERY_STATUSES),
  }),
} as const satisfies Record<DeliveryEventType, () => z.ZodMiniType>;

/** The `data` of the event named `T`. */
export type EventData<T extends DeliveryEventType> = z.infer<ReturnType<(typeof eventDataSchemaBuilders)[T]>>;
