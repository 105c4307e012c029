import { causeNow } from './cause.ts';
import type { Dispatch, RecordBooking, RecordBookingFailure } from './commands.ts';
import { accepted, refused, type DecideDeps, type DecideResult } from './decision.ts';
import type { Delivery } from './delivery.ts';
import { DispatchFailure } from './dispatch-failures.ts';
import { EventEmitter } from './emitter.ts';
import { DeliveryEventType, EventSource } from './event-types.ts';
import { notAllowed } from './refusal.ts';
import { DeliveryStatus } from './statuses.ts';
import { dispatchFailed } from './transitions.ts';

/** PENDING → DISPATCHING with the first of the partners the routing rules chose. */
export const decideDispatch = (state: Delivery, command: Dispatch, deps: DecideDeps): DecideResult => {
  if (state.status !== DeliveryStatus.PENDING) return refused(notAllowed(command.type, state.status, 'dispatch'));
  const out = new EventEmitter(state, causeNow(EventSource.SYSTEM, command.commandId, deps), deps);
  const partner = { id: command.candidates[0], jobId: null, trackingNumber: null };
  out.emit(DeliveryEventType.DeliveryDispatchRequested, DeliveryStatus.DISPATCHING, { candidates: [...command.candidates] }, partner);
  return accepted(out.events);
};

const isBookingFor = (state: Delivery, partnerId: string): boolean =>
  state.status === DeliveryStatus.DISPATCHING && state.partner?.id === partnerId;

/**
 * The booking reply: ACCEPTED → AWAITING_PICKUP (DeliveryPartnerAssigned); REQUESTED keeps DISPATCHING
 * and records the job whose acceptance the partner's webhook will confirm.
 */
export const decideBooking = (state: Delivery, command: RecordBooking, deps: DecideDeps): DecideResult => {
  const open = state.partner?.jobId;
  if (!isBookingFor(state, command.partnerId) || (open != null && open !== command.jobId)) {
    return refused(notAllowed(command.type, state.status, `a booking reply from ${command.partnerId}`));
  }
  const out = new EventEmitter(state, causeNow(EventSource.SYSTEM, command.commandId, deps), deps);
  const partner = { id: command.partnerId, jobId: command.jobId, trackingNumber: command.trackingNumber };
  if (command.outcome === 'ACCEPTED') {
    out.emit(DeliveryEventType.DeliveryPartnerAssigned, DeliveryStatus.AWAITING_PICKUP, {}, partner);
  } else if (open == null) {
    const candidates = state.candidates.length > 0 ? [...state.candidates] : [command.partnerId];
    out.emit(DeliveryEventType.DeliveryDispatchRequested, DeliveryStatus.DISPATCHING, { candidates }, partner);
  } else {
    return refused(notAllowed(command.type, state.status, `a second booking request for job ${open}`));
  }
  return accepted(out.events);
};

/** The booking was refused or kept failing: the next partner, or ON_HOLD(NO_PARTNER_CAPACITY). */
export const decideBookingFailure = (state: Delivery, command: RecordBookingFailure, deps: DecideDeps): DecideResult => {
  if (!isBookingFor(state, command.partnerId)) {
    return refused(notAllowed(command.type, state.status, `a booking failure from ${command.partnerId}`));
  }
  const cause = causeNow(EventSource.SYSTEM, command.commandId, deps, { reason: command.reason });
  const out = new EventEmitter(state, cause, deps);
  return accepted(dispatchFailed(out, state, command.partnerId, DispatchFailure.BOOKING_FAILED).events);
};
