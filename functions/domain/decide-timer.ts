import { causeNow } from './cause.ts';
import { TimerKind, type FireTimer } from './commands.ts';
import { accepted, refused, type DecideDeps, type DecideResult } from './decision.ts';
import type { Delivery } from './delivery.ts';
import { EventEmitter } from './emitter.ts';
import { DeliveryEventType, EventSource } from './event-types.ts';
import { HoldReason } from './hold-reasons.ts';
import { isBefore } from './instants.ts';
import { notAllowed } from './refusal.ts';
import { CUSTODY_STATUSES, DeliveryStatus, isActive } from './statuses.ts';
import { putOnHold } from './transitions.ts';

/** True when `promisedBy` is reached at `now`: a deadline is due on its own instant, as the workflow's timers fire it. */
const isPast = (promisedBy: string | null, now: string): promisedBy is string => promisedBy !== null && !isBefore(now, promisedBy);

/**
 * A workflow timer: pickup deadline (AWAITING_PICKUP → ON_HOLD(PICKUP_OVERDUE)), stall (custody →
 * ON_HOLD(STALLED)), cancel confirmation (CANCELLING → ON_HOLD(CANCEL_REJECTED)), SLA (DeliverySlaBreached
 * once). A timer that no longer applies is refused and changes nothing.
 */
export const decideTimer = (state: Delivery, command: FireTimer, deps: DecideDeps): DecideResult => {
  const cause = causeNow(EventSource.TIMER, command.commandId, deps);
  const out = new EventEmitter(state, cause, deps);
  const timer = command.timer;
  if (timer === TimerKind.PICKUP_DEADLINE && state.status === DeliveryStatus.AWAITING_PICKUP) {
    putOnHold(out, HoldReason.PICKUP_OVERDUE);
  } else if (timer === TimerKind.STALL && CUSTODY_STATUSES.has(state.status)) {
    putOnHold(out, HoldReason.STALLED);
  } else if (timer === TimerKind.CANCEL_CONFIRMATION && state.status === DeliveryStatus.CANCELLING) {
    putOnHold(out, HoldReason.CANCEL_REJECTED);
  } else if (timer === TimerKind.SLA && isActive(state.status) && !state.slaBreached && isPast(state.promisedBy, cause.occurredAt)) {
    out.emit(DeliveryEventType.DeliverySlaBreached, state.status, { promisedBy: state.promisedBy });
  } else {
    return refused(notAllowed(command.type, state.status, `the ${timer} timer`));
  }
  return accepted(out.events);
};
