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
import { CUSTODY_PARTNER_STATUSES, isPartnerStatus, PartnerStatus, PICKUP_EVIDENCE } from './partner-statuses.ts';
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

/**
 * While CANCELLING the table has rows for CANCELLED, CANCEL_REJECTED and PICKED_UP; any other sign that
 * the partner has the parcel means the same (ON_HOLD(CANCEL_REJECTED)), and a DELIVERED means the
 * cancellation came too late (DeliveryCancellationRejected, then DELIVERED).
 */
const applyWhileCancelling = (state: Delivery, status: PartnerStatus, input: PartnerEventInput, out: EventEmitter): DeliveryStatus | null => {
  if (PICKUP_EVIDENCE.has(status)) {
    cancellationRejected(out);
    return null;
  }
  if (status === PartnerStatus.DELIVERED) {
    out.emit(DeliveryEventType.DeliveryCancellationRejected, DeliveryStatus.CANCELLING, {});
    out.emit(DeliveryEventType.DeliveryDelivered, DeliveryStatus.DELIVERED, {});
    return null;
  }
  return applyRow(state, status, input, out);
};

/** The table for a known status of the current job; returns a status change made without events. */
const applyTable = (state: Delivery, status: PartnerStatus, input: PartnerEventInput, out: EventEmitter): DeliveryStatus | null =>
  state.status === DeliveryStatus.CANCELLING ? applyWhileCancelling(state, status, input, out) : applyRow(state, status, input, out);

/** Statuses that ask for an operator's attention whenever they happened: late ones still hold. */
const HOLD_SIGNALS: ReadonlySet<PartnerStatus> = new Set([PartnerStatus.DAMAGED, PartnerStatus.EXCEPTION]);

/** Where a late attempt report still counts, though it no longer moves the status: the courier is out again. */
const COURIER_ACTIVE: ReadonlySet<DeliveryStatus> = new Set([DeliveryStatus.OUT_FOR_DELIVERY, DeliveryStatus.ATTEMPT_FAILED]);

/** What a partner event did to the delivery. */
interface Taken {
  readonly disposition: PartnerEventDisposition;
  readonly events: readonly DomainEvent[];
  readonly statusAfter: DeliveryStatus | null;
}

const taken = (disposition: PartnerEventDisposition, out: EventEmitter, statusAfter: DeliveryStatus | null = null): Taken => ({
  disposition,
  events: out.events,
  statusAfter,
});

/** After the end: recorded; DeliveryAnomalyDetected when a newer event of the job (or custody shown by an old one) contradicts the outcome. */
const takeAfterTerminal = (state: Delivery, status: PartnerStatus | null, input: PartnerEventInput, context: Context): Taken => {
  const agrees = status === null || (AGREES_WITH_OUTCOME[state.status]?.has(status) ?? true);
  const relevant = context.current || (status !== null && CUSTODY_PARTNER_STATUSES.has(status));
  if (status !== null && context.fresh && relevant && !agrees) {
    context.out.emit(DeliveryEventType.DeliveryAnomalyDetected, state.status, {
      partnerStatus: status,
      partnerEventId: input.eventId,
      jobId: input.jobId,
      outcome: state.status,
    });
  }
  return taken(PartnerEventDisposition.AFTER_TERMINAL, context.out);
};

/**
 * An event older than the high-water mark never moves the status backwards. It is applied when it
 * moves it forward, or holds (damage, exceptions); a late attempt report still counts the attempt.
 */
const takeLate = (state: Delivery, status: PartnerStatus, input: PartnerEventInput, context: Context): Taken => {
  const { out } = context;
  if (status === PartnerStatus.DELIVERY_ATTEMPTED && COURIER_ACTIVE.has(state.status)) {
    const attemptCount = state.attemptCount + 1;
    out.emit(DeliveryEventType.DeliveryAttemptFailed, state.status, { attemptCount, maxAttempts: state.maxAttempts, partnerReason: input.reason ?? null });
    if (attemptCount >= state.maxAttempts) putOnHold(out, HoldReason.MAX_ATTEMPTS);
    return taken(PartnerEventDisposition.APPLIED, out);
  }
  const statusAfter = applyTable(state, status, input, out);
  const reached = statusAfter ?? out.status ?? state.status;
  const holds = HOLD_SIGNALS.has(status) && out.events.some((event) => event.type === DeliveryEventType.DeliveryPutOnHold);
  if (holds || movesForward(state.status, reached)) return taken(PartnerEventDisposition.APPLIED, out, statusAfter);
  return { disposition: PartnerEventDisposition.STALE, events: [], statusAfter: null };
};

/** Everything about one partner event that the steps above share. */
interface Context {
  readonly out: EventEmitter;
  readonly current: boolean;
  readonly fresh: boolean;
}

const take = (state: Delivery, status: PartnerStatus | null, input: PartnerEventInput, context: Context): Taken => {
  const { out } = context;
  if (isTerminal(state.status)) return takeAfterTerminal(state, status, input, context);
  if (!context.current) {
    if (status !== null && CUSTODY_PARTNER_STATUSES.has(status)) holdOnce(out, state, HoldReason.CONFLICT);
    return taken(PartnerEventDisposition.SUPERSEDED, out);
  }
  if (status === null) {
    if (input.actionRequired === true) holdOnce(out, state, HoldReason.UNKNOWN_PARTNER_STATUS, input.reason ?? null);
    return taken(PartnerEventDisposition.UNKNOWN_STATUS, out);
  }
  if (!context.fresh) return takeLate(state, status, input, context);
  const statusAfter = applyTable(state, status, input, out);
  const changed = out.events.length > 0 || statusAfter !== null;
  return taken(changed ? PartnerEventDisposition.APPLIED : PartnerEventDisposition.NO_CHANGE, out, statusAfter);
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
  const cause: Cause = { source: EventSource.PARTNER, causationId: input.eventId, actor: null, reason: input.reason ?? null, occurredAt: input.occurredAt };
  const result = take(state, status, input, { out: new EventEmitter(state, cause, deps), current, fresh });

  const live = current && !isTerminal(state.status);
  // Acceptance comes first in every job, whatever the clocks say (the booking reply carries ours).
  const newerMilestone =
    state.milestone === null || state.milestone.status === PartnerStatus.ACCEPTED || !isBefore(input.occurredAt, state.milestone.occurredAt);
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
    disposition: result.disposition,
    currentJob: live,
    newest: live && fresh,
    milestone: live && status !== null && MILESTONE_STATUS.has(status) && newerMilestone,
    statusAfter: result.statusAfter,
  };
  const applied = !isTerminal(state.status) && (result.events.length > 0 || result.statusAfter !== null);
  return accepted(result.events, record, applied ? 'applied' : 'recorded');
};
