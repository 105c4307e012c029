import { CommandType, OPERATOR_ACTIONS, OperatorAction } from './commands.ts';
import type { DecideDeps } from './decision.ts';
import { decide } from './decide.ts';
import type { Delivery } from './delivery.ts';

/** What an operator may do with a delivery now. */
export interface AllowedActions {
  /** The operator actions the lifecycle table allows, in the table's order. */
  readonly actions: OperatorAction[];
  /** The partners a REASSIGN may name; empty when REASSIGN is not allowed or only the next candidate is possible. */
  readonly reassignTo: string[];
}

/**
 * What the lifecycle table allows an operator to do with `state` now. Each action is decided as a dry
 * run by the same `decide` that the action route runs, and kept when it would be accepted; a REASSIGN is
 * tried without a partner (the next candidate) and with each of `partnerIds`. The dry run takes the
 * clock of `deps` but ids of its own, so it uses up no id of the real generator.
 */
export const allowedOperatorActions = (state: Delivery, deps: DecideDeps, partnerIds: readonly string[]): AllowedActions => {
  const dryRun: DecideDeps = { now: deps.now, newId: (prefix) => `${prefix}-dry-run` };
  const accepts = (action: OperatorAction, partnerId?: string): boolean =>
    decide(state, { type: CommandType.OPERATOR_ACTION, commandId: 'cmd-dry-run', action, actor: 'dry-run', reason: 'dry-run', partnerId }, dryRun).ok;
  const reassignTo = partnerIds.filter((partnerId) => accepts(OperatorAction.REASSIGN, partnerId));
  const actions = OPERATOR_ACTIONS.filter((action) => accepts(action) || (action === OperatorAction.REASSIGN && reassignTo.length > 0));
  return { actions, reassignTo };
};
