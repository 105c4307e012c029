import type { ApplyPartnerEvent } from './commands.ts';
import { hasCustody } from './custody.ts';
import type { DomainEvent } from '#schemas/event-envelope.ts';
import { accepted, refused, type DecideDeps, type DecideResult } from './decision.ts';
import type { Delivery } from './delivery.ts';
import { DispatchFailure } from './dispatch-failures.ts';
import { EventEmitter, type Cause } from './emitter.ts';
import { DeliveryEventType, EventSource } from './event-types.ts';
import { HoldReason, isHoldReason } from './hold-reasons.ts';
import { isBefore } from './instants.ts';
import { MILESTONE_STATUS } from './milestones.ts';
import { PartnerEventDisposition, type PartnerEventInput, type PartnerEventRecorded } from './partner-event.ts';
import { CUSTODY_PARTNER_STATUSES, isPartnerStatus, PartnerStatus } from './partner-statuses.ts';
import { movesForward } from './progress.ts';
import { refuse, RefusalCode } from './refusal.ts';
import { DeliveryStatus, isTerminal } from './statuses.ts';
import { cancellationRejected, dispatchFailed, putOnHold } from './transitions.ts';

/** For each terminal status, the partner statuses that agree with it; any other newer one is an anomaly. */
const AGREES_WITH_OUTCOME: Readonly<Partial<Record<DeliveryStatus, ReadonlySet<PartnerStatus>>>> = {
  [DeliveryStatus.DELIVERED]: new Set([PartnerStatus.DELIVERED]),
  [DeliveryStatus.RETURNED]: new Set([PartnerStatus.RETURNED]),
  [DeliveryStatus.LOST]: new Set([PartnerStatus.LOST]),
  [DeliveryStatus.CANCELLED]: new Set([PartnerStatus.CANCELLED]),
  [DeliveryStatus.FAILED]: new Set(),
};

/** Partner statuses that, while CANCELLING, show the partner already has the parcel. */
const SHOWS_PICKUP: ReadonlySet<PartnerStatus> = new Set([
  PartnerStatus.PICKED_UP,
  PartnerStatus.IN_TRANSIT,
  PartnerStatus.OUT_FOR_DELIVERY,
]);

/** Puts on hold unless the delivery is already on hold for the same reason (a partner repeating itself). */
const holdOnce = (out: EventEmitter, state: Delivery, reason: HoldReason, partnerReason: string | null = null): void => {
  if (state.status !== DeliveryStatus.ON_HOLD || state.holdReason !== reason) putOnHold(out, reason, partnerReason);
};

/** The rows of the transition table for a newest event of the current job; returns a status change made without events. */
const applyRow = (state: Delivery, status: PartnerStatus, input: PartnerEventInput, out: EventEmitter): DeliveryStatus | null => {
  const from = state.status;
  const partnerReason = input.reason ?? null;
  switch (status) {
    case PartnerStatus.ACCEPTED:
      if (from === DeliveryStatus.DISPATCHING && state.partner) {
        const trackingNumber = input.trackingNumber ?? state.partner.trackingNumber;
        out.emit(DeliveryEventType.DeliveryPartnerAssigned, DeliveryStatus.AWAITING_PICKUP, {}, { ...state.partner, trackingNumber });
      }
      return null;
    case PartnerStatus.REJECTED:
      if (from === DeliveryStatus.DISPATCHING) dispatchFailed(out, state, input.partnerId, DispatchFailure.REJECTED);
      return null;
    case PartnerStatus.PICKED_UP:
    case PartnerStatus.IN_TRANSIT:
      if (from === DeliveryStatus.AWAITING_PICKUP) out.emit(DeliveryEventType.DeliveryHandedOver, DeliveryStatus.IN_TRANSIT, {});
      if (from === DeliveryStatus.CANCELLING) cancellationRejected(out);
      return status === PartnerStatus.IN_TRANSIT && from === DeliveryStatus.ATTEMPT_FAILED ? DeliveryStatus.IN_TRANSIT : null;
    case PartnerStatus.OUT_FOR_DELIVERY:
      if (from === DeliveryStatus.AWAITING_PICKUP) out.emit(DeliveryEventType.DeliveryHandedOver, DeliveryStatus.IN_TRANSIT, {});
      if (from === DeliveryStatus.AWAITING_PICKUP || from === DeliveryStatus.IN_TRANSIT || from === DeliveryStatus.ATTEMPT_FAILED) {
        out.emit(DeliveryEventType.DeliveryOutForDelivery, DeliveryStatus.OUT_FOR_DELIVERY, {});
      }
      if (from === DeliveryStatus.CANCELLING) cancellationRejected(out);
      return null;
    case PartnerStatus.DELIVERY_ATTEMPTED:
      if (from === DeliveryStatus.OUT_FOR_DELIVERY) {
        const attemptCount = state.attemptCount + 1;
        const data = { attemptCount, maxAttempts: state.maxAttempts, partnerReason };
        out.emit(DeliveryEventType.DeliveryAttemptFailed, DeliveryStatus.ATTEMPT_FAILED, data);
        if (attemptCount >= state.maxAttempts) putOnHold(out, HoldReason.MAX_ATTEMPTS);
      }
      return null;
    case PartnerStatus.AVAILABLE_FOR_PICKUP:
      if (from === DeliveryStatus.IN_TRANSIT || from === DeliveryStatus.OUT_FOR_DELIVERY || from === DeliveryStatus.ATTEMPT_FAILED) {
        out.emit(DeliveryEventType.DeliveryAvailableForPickup, DeliveryStatus.AVAILABLE_FOR_PICKUP, {});
      }
      return null;
    case PartnerStatus.DELIVERED:
      if (hasCustody(state) || from === DeliveryStatus.AWAITING_PICKUP || from === DeliveryStatus.ON_HOLD) {
        out.emit(DeliveryEventType.DeliveryDelivered, DeliveryStatus.DELIVERED, {});
      }
      return null;
    case PartnerStatus.DELAYED:
      out.emit(DeliveryEventType.DeliveryDelayed, from, { partnerStatus: status, partnerReason });
      return null;
    case PartnerStatus.EXCEPTION:
      if (input.actionRequired === true) holdOnce(out, state, isHoldReason(partnerReason) ? partnerReason : HoldReason.EXCEPTION, partnerReason);
      else out.emit(DeliveryEventType.DeliveryDelayed, from, { partnerStatus: status, partnerReason });
      return null;
    case PartnerStatus.DAMAGED:
      holdOnce(out, state, HoldReason.DAMAGED, partnerReason);
      return null;
    case PartnerStatus.RETURN_TO_SENDER:
      if ((hasCustody(state) || from === DeliveryStatus.ON_HOLD) && from !== DeliveryStatus.RETURNING) {
        out.emit(DeliveryEventType.DeliveryReturnInitiated, DeliveryStatus.RETURNING, {});
      }
      return null;
    case PartnerStatus.RETURNED:
      if (from === DeliveryStatus.RETURNING) out.emit(DeliveryEventType.DeliveryReturned, DeliveryStatus.RETURNED, {});
      return null;
    case PartnerStatus.LOST:
      if (hasCustody(state) || from === DeliveryStatus.ON_HOLD) out.emit(DeliveryEventType.DeliveryLost, DeliveryStatus.LOST, {});
      return null;
    case PartnerStatus.CANCELLED:
      if (from === DeliveryStatus.CANCELLING) out.emit(DeliveryEventType.DeliveryCancelled, DeliveryStatus.CANCELLED, {});
      if (from === DeliveryStatus.DISPATCHING || from === DeliveryStatus.AWAITING_PICKUP) {
        dispatchFailed(out, state, input.partnerId, DispatchFailure.DROPPED);
      }
      return null;
    case PartnerStatus.CANCEL_REJECTED:
      if (from === DeliveryStatus.CANCELLING) cancellationRejected(out);
      return null;
  }
};

/** The row for a partner status while CANCELLING that the table leaves to PICKED_UP alone: any sign of pickup. */
const applyWhileCancelling = (state: Delivery, status: PartnerStatus, input: PartnerEventInput, out: EventEmitter): DeliveryStatus | null => {
  if (SHOWS_PICKUP.has(status)) {
    cancellationRejected(out);
    return null;
  }
  return applyRow(state, status, input, out);
};

/**
 * A partner status update: deduplicated before it gets here; ordered by the high-water mark; events of
 * superseded jobs recorded (or ON_HOLD(CONFLICT) when they show custody); unknown statuses quarantined;
 * terminal deliveries record and flag contradictions. Never refused for its status.
 */
export const decidePartnerEvent = (state: Delivery, command: ApplyPartnerEvent, deps: DecideDeps): DecideResult => {
  const input = command.event;
  const current = state.partner?.id === input.partnerId && state.partner.jobId === input.jobId;
  if (!current && !state.jobs.some((job) => job.partnerId === input.partnerId && job.jobId === input.jobId)) {
    return refused(refuse(RefusalCode.UNKNOWN_JOB, command.type, state.status, `job ${input.jobId} of ${input.partnerId} is not this delivery's`));
  }
  const status = isPartnerStatus(input.status) ? input.status : null;
  const fresh = state.partnerHighWater === null || !isBefore(input.occurredAt, state.partnerHighWater);
  const terminal = isTerminal(state.status);
  const cause: Cause = {
    source: EventSource.PARTNER,
    causationId: input.eventId,
    actor: null,
    reason: input.reason ?? null,
    occurredAt: input.occurredAt,
  };
  const table = (out: EventEmitter): DeliveryStatus | null =>
    status === null
      ? null
      : state.status === DeliveryStatus.CANCELLING
        ? applyWhileCancelling(state, status, input, out)
        : applyRow(state, status, input, out);
  const out = new EventEmitter(state, cause, deps);
  let disposition: PartnerEventRecorded['disposition'];
  let statusAfter: DeliveryStatus | null = null;

  if (terminal) {
    disposition = PartnerEventDisposition.AFTER_TERMINAL;
    const agrees = AGREES_WITH_OUTCOME[state.status]?.has(status ?? PartnerStatus.DELAYED) ?? true;
    const relevant = current || (status !== null && CUSTODY_PARTNER_STATUSES.has(status));
    if (status !== null && fresh && relevant && !agrees) {
      out.emit(DeliveryEventType.DeliveryAnomalyDetected, state.status, {
        partnerStatus: status,
        partnerEventId: input.eventId,
        jobId: input.jobId,
        outcome: state.status,
      });
    }
  } else if (!current) {
    disposition = PartnerEventDisposition.SUPERSEDED;
    if (status !== null && CUSTODY_PARTNER_STATUSES.has(status)) holdOnce(out, state, HoldReason.CONFLICT);
  } else if (status === null) {
    disposition = PartnerEventDisposition.UNKNOWN_STATUS;
    if (fresh && input.actionRequired === true) holdOnce(out, state, HoldReason.UNKNOWN_PARTNER_STATUS, input.reason ?? null);
  } else if (!fresh) {
    const late = new EventEmitter(state, cause, deps);
    const lateStatus = table(late);
    const forward = movesForward(state.status, lateStatus ?? late.status ?? state.status);
    disposition = forward ? PartnerEventDisposition.APPLIED : PartnerEventDisposition.STALE;
    if (forward) return recordAndAccept(state, input, late.events, lateStatus, { disposition, current, fresh, status }, deps);
  } else {
    statusAfter = table(out);
    disposition = out.events.length > 0 || statusAfter !== null ? PartnerEventDisposition.APPLIED : PartnerEventDisposition.NO_CHANGE;
  }
  return recordAndAccept(state, input, out.events, statusAfter, { disposition, current, fresh, status }, deps);
};

interface Taken {
  readonly disposition: PartnerEventDisposition;
  readonly current: boolean;
  readonly fresh: boolean;
  readonly status: PartnerStatus | null;
}

/** Accepts a partner event's domain events together with the record that keeps it on the timeline. */
const recordAndAccept = (
  state: Delivery,
  input: PartnerEventInput,
  events: readonly DomainEvent[],
  statusAfter: DeliveryStatus | null,
  taken: Taken,
  deps: DecideDeps,
): DecideResult => {
  const terminal = isTerminal(state.status);
  const { current, fresh, status } = taken;
  // Acceptance comes first in every job, whatever the clocks say (the booking reply carries ours).
  const newerMilestone =
    state.milestone === null || state.milestone.status === PartnerStatus.ACCEPTED || !isBefore(input.occurredAt, state.milestone.occurredAt);
  const newest = current && fresh && !terminal;
  const record: PartnerEventRecorded = {
    type: 'PartnerEventRecorded',
    partnerId: input.partnerId,
    eventId: input.eventId,
    jobId: input.jobId,
    status: input.status,
    occurredAt: input.occurredAt,
    recordedAt: deps.now(),
    reason: input.reason ?? null,
    actionRequired: input.actionRequired ?? false,
    trackingNumber: input.trackingNumber ?? null,
    details: input.details ?? {},
    disposition: taken.disposition,
    currentJob: current && !terminal,
    newest,
    milestone: current && !terminal && status !== null && MILESTONE_STATUS.has(status) && newerMilestone,
    statusAfter,
  };
  const applied = !terminal && (events.length > 0 || statusAfter !== null);
  return accepted(events, record, applied ? 'applied' : 'recorded');
};
