import { causeNow } from './cause.ts';
import { OperatorAction, type ApplyOperatorAction } from './commands.ts';
import { BEFORE_PICKUP, hasCustody } from './custody.ts';
import { cancelDelivery } from './decide-cancel.ts';
import { accepted, refused, type DecideDeps, type DecideResult } from './decision.ts';
import type { Delivery } from './delivery.ts';
import { EventEmitter } from './emitter.ts';
import { DeliveryEventType, EventSource } from './event-types.ts';
import { HoldReason } from './hold-reasons.ts';
import { statusAfterResume } from './milestones.ts';
import { notAllowed } from './refusal.ts';
import { DeliveryStatus, isActive } from './statuses.ts';
import { putOnHold } from './transitions.ts';

/** The partner a REASSIGN moves to: the one asked for, else the next candidate after the current one. */
const reassignTarget = (state: Delivery, requested: string | undefined): string | null => {
  const current = state.partner?.id;
  if (requested !== undefined) return requested === current ? null : requested;
  const from = current === undefined ? -1 : state.candidates.indexOf(current);
  const rotated = [...state.candidates.slice(from + 1), ...state.candidates.slice(0, Math.max(from, 0))];
  return rotated.find((id) => id !== current) ?? null;
};

/** Runs `emit` when `allowed`; says whether it did. */
const when = (allowed: boolean, emit: () => unknown): boolean => {
  if (allowed) emit();
  return allowed;
};

/** Emits the events of `command` onto `out`, or returns false when the table forbids it. */
const applyAction = (state: Delivery, command: ApplyOperatorAction, out: EventEmitter): boolean => {
  const custody = hasCustody(state);
  const onHold = state.status === DeliveryStatus.ON_HOLD;
  switch (command.action) {
    case OperatorAction.HOLD:
      return when(isActive(state.status), () => putOnHold(out, HoldReason.OPERATOR));
    case OperatorAction.RESUME:
    case OperatorAction.REATTEMPT: {
      const reattempt = command.action === OperatorAction.REATTEMPT;
      if (!onHold || state.holdReason === null || (reattempt && !custody)) return false;
      const toStatus = reattempt ? DeliveryStatus.IN_TRANSIT : statusAfterResume(state);
      const candidate = state.candidates[0];
      const partner = toStatus === DeliveryStatus.DISPATCHING && state.partner === null && candidate !== undefined
        ? { id: candidate, jobId: null, trackingNumber: null }
        : state.partner;
      out.emit(
        DeliveryEventType.DeliveryHoldReleased,
        toStatus,
        { releasedHoldReason: state.holdReason, action: command.action, maxAttempts: state.maxAttempts + (reattempt ? 1 : 0) },
        partner,
      );
      return true;
    }
    case OperatorAction.REASSIGN: {
      const target = reassignTarget(state, command.partnerId);
      if (!(BEFORE_PICKUP.has(state.status) || (onHold && !custody)) || target === null) return false;
      out.emit(
        DeliveryEventType.DeliveryPartnerReassigned,
        DeliveryStatus.DISPATCHING,
        { fromPartner: state.partner, toPartnerId: target },
        { id: target, jobId: null, trackingNumber: null },
      );
      return true;
    }
    case OperatorAction.RETURN_TO_SENDER:
      return when(custody && state.status !== DeliveryStatus.RETURNING, () =>
        out.emit(DeliveryEventType.DeliveryReturnInitiated, DeliveryStatus.RETURNING, {}),
      );
    case OperatorAction.CONFIRM_RETURNED:
      return when(state.status === DeliveryStatus.RETURNING, () =>
        out.emit(DeliveryEventType.DeliveryReturned, DeliveryStatus.RETURNED, {}),
      );
    case OperatorAction.DECLARE_LOST:
      return when(custody || onHold, () => out.emit(DeliveryEventType.DeliveryLost, DeliveryStatus.LOST, {}));
    case OperatorAction.WRITE_OFF:
      return when(onHold, () => out.emit(DeliveryEventType.DeliveryFailed, DeliveryStatus.FAILED, {}));
    case OperatorAction.CANCEL:
      return false;
  }
};

/** An operator's action, with who did it and why on every event. */
export const decideOperatorAction = (state: Delivery, command: ApplyOperatorAction, deps: DecideDeps): DecideResult => {
  const cause = causeNow(EventSource.OPERATOR, command.commandId, deps, { actor: command.actor, reason: command.reason });
  if (command.action === OperatorAction.CANCEL) return cancelDelivery(state, command.type, cause, deps);
  const out = new EventEmitter(state, cause, deps);
  if (!applyAction(state, command, out)) return refused(notAllowed(command.type, state.status, `operator ${command.action}`));
  return accepted(out.events);
};
