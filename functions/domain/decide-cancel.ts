import { causeNow } from './cause.ts';
import type { CancelDelivery, CommandType, RecordCancellation } from './commands.ts';
import { BEFORE_PICKUP, hasCustody } from './custody.ts';
import { accepted, refused, type DecideDeps, type DecideResult } from './decision.ts';
import type { Delivery } from './delivery.ts';
import type { Cause } from './emitter.ts';
import { EventEmitter } from './emitter.ts';
import { DeliveryEventType, EventSource } from './event-types.ts';
import { HoldReason } from './hold-reasons.ts';
import { notAllowed } from './refusal.ts';
import { DeliveryStatus } from './statuses.ts';
import { cancellationRejected, putOnHold } from './transitions.ts';

/**
 * Cancel, by the order service or an operator: PENDING → CANCELLED; before custody → CANCELLING (the
 * partner's cancel API is called), or straight to CANCELLED when no partner job is open; in custody →
 * ON_HOLD(INTERCEPT_REQUESTED).
 */
export const cancelDelivery = (state: Delivery, commandType: CommandType, cause: Cause, deps: DecideDeps): DecideResult => {
  const out = new EventEmitter(state, cause, deps);
  const custody = hasCustody(state);
  if (state.status === DeliveryStatus.PENDING) {
    out.emit(DeliveryEventType.DeliveryCancelled, DeliveryStatus.CANCELLED, {});
  } else if (BEFORE_PICKUP.has(state.status) || (state.status === DeliveryStatus.ON_HOLD && !custody)) {
    out.emit(DeliveryEventType.DeliveryCancellationRequested, DeliveryStatus.CANCELLING, {});
    if (state.partner?.jobId == null) out.emit(DeliveryEventType.DeliveryCancelled, DeliveryStatus.CANCELLED, {});
  } else if (custody && state.holdReason !== HoldReason.INTERCEPT_REQUESTED) {
    putOnHold(out.emit(DeliveryEventType.DeliveryCancellationRequested, state.status, {}), HoldReason.INTERCEPT_REQUESTED);
  } else {
    return refused(notAllowed(commandType, state.status, 'cancel'));
  }
  return accepted(out.events);
};

/** `POST /deliveries/{id}/cancel` or `OrderCancelled`. */
export const decideCancel = (state: Delivery, command: CancelDelivery, deps: DecideDeps): DecideResult =>
  cancelDelivery(
    state,
    command.type,
    causeNow(command.source, command.commandId, deps, { actor: command.actor, reason: command.reason }),
    deps,
  );

/** The partner's cancel API answered: CANCELLING → CANCELLED, or ON_HOLD(CANCEL_REJECTED). */
export const decideCancellationReply = (state: Delivery, command: RecordCancellation, deps: DecideDeps): DecideResult => {
  if (state.status !== DeliveryStatus.CANCELLING) return refused(notAllowed(command.type, state.status, 'a cancellation reply'));
  const out = new EventEmitter(state, causeNow(EventSource.SYSTEM, command.commandId, deps), deps);
  if (command.outcome === 'CONFIRMED') out.emit(DeliveryEventType.DeliveryCancelled, DeliveryStatus.CANCELLED, {});
  else cancellationRejected(out);
  return accepted(out.events);
};
