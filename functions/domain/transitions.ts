import type { Delivery } from './delivery.ts';
import type { EventEmitter } from './emitter.ts';
import { DeliveryEventType } from './event-types.ts';
import type { HoldReason } from './hold-reasons.ts';
import { DeliveryStatus } from './statuses.ts';
import { DispatchFailure } from './dispatch-failures.ts';

/** Puts the delivery ON_HOLD for `holdReason` (from ON_HOLD too: the reason changes). */
export const putOnHold = (out: EventEmitter, holdReason: HoldReason, partnerReason: string | null = null): EventEmitter =>
  out.emit(DeliveryEventType.DeliveryPutOnHold, DeliveryStatus.ON_HOLD, { holdReason, partnerReason });

/** The next partner to try after `failedPartnerId`, in routing order, or null when none is left. */
export const nextCandidate = (delivery: Delivery, failedPartnerId: string): string | null =>
  delivery.candidates.find((id) => id !== failedPartnerId && !delivery.triedPartners.includes(id)) ?? null;

/**
 * A booking did not stick: DISPATCHING with the next partner, or ON_HOLD(NO_PARTNER_CAPACITY) when
 * none is left. A job the partner dropped unasked is booked again (with the next partner, else the same).
 */
export const dispatchFailed = (
  out: EventEmitter,
  delivery: Delivery,
  failedPartnerId: string,
  failure: DispatchFailure,
): EventEmitter => {
  const next = nextCandidate(delivery, failedPartnerId) ?? (failure === DispatchFailure.DROPPED ? failedPartnerId : null);
  out.emit(
    DeliveryEventType.DeliveryDispatchFailed,
    DeliveryStatus.DISPATCHING,
    { failedPartnerId, failure, nextPartnerId: next },
    next === null ? null : { id: next, jobId: null, trackingNumber: null },
  );
  return next === null ? putOnHold(out, 'NO_PARTNER_CAPACITY') : out;
};

/** The partner refused to cancel, or showed it has the parcel, while CANCELLING. */
export const cancellationRejected = (out: EventEmitter): EventEmitter =>
  putOnHold(out.emit(DeliveryEventType.DeliveryCancellationRejected, DeliveryStatus.CANCELLING, {}), 'CANCEL_REJECTED');
