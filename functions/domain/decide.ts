import { CommandType, type Command } from './commands.ts';
import { decideBooking, decideBookingFailure, decideDispatch } from './decide-booking.ts';
import { decideCancel, decideCancellationReply } from './decide-cancel.ts';
import { decideCreate } from './decide-create.ts';
import { decideOperatorAction } from './decide-operator-action.ts';
import { decidePartnerEvent } from './decide-partner-event.ts';
import { decideTimer } from './decide-timer.ts';
import { refused, type DecideDeps, type DecideResult } from './decision.ts';
import type { Delivery } from './delivery.ts';
import { refuse, RefusalCode } from './refusal.ts';

/**
 * The one transition table (contract §2): what `command` does to `state` — the events to commit, or a
 * typed refusal that changes nothing. Pure: time and ids come from `deps`.
 *
 * @example
 * const result = decide(delivery, { type: 'FIRE_TIMER', commandId: 'tmr-1', timer: 'PICKUP_DEADLINE' }, deps);
 * if (result.ok) await repository.commit({ before: delivery, decision: result.decision });
 */
export const decide = (state: Delivery | null, command: Command, deps: DecideDeps): DecideResult => {
  if (command.type === CommandType.CREATE) return decideCreate(state, command, deps);
  if (state === null) return refused(refuse(RefusalCode.NOT_FOUND, command.type, null, 'no such delivery'));
  switch (command.type) {
    case CommandType.DISPATCH:
      return decideDispatch(state, command, deps);
    case CommandType.RECORD_BOOKING:
      return decideBooking(state, command, deps);
    case CommandType.RECORD_BOOKING_FAILURE:
      return decideBookingFailure(state, command, deps);
    case CommandType.APPLY_PARTNER_EVENT:
      return decidePartnerEvent(state, command, deps);
    case CommandType.CANCEL:
      return decideCancel(state, command, deps);
    case CommandType.RECORD_CANCELLATION:
      return decideCancellationReply(state, command, deps);
    case CommandType.OPERATOR_ACTION:
      return decideOperatorAction(state, command, deps);
    case CommandType.FIRE_TIMER:
      return decideTimer(state, command, deps);
  }
};
