import { CommandType, OPERATOR_ACTIONS, type OperatorAction } from './commands.ts';
import type { DecideDeps } from './decision.ts';
import { decide } from './decide.ts';
import type { Delivery } from './delivery.ts';

/**
 * The operator actions the lifecycle table allows on `state` now, in the table's order: each is decided
 * as a dry run and kept when it would be accepted, so the answer can never differ from what the action
 * route decides. A REASSIGN is tried without a chosen partner (the next candidate).
 */
export const allowedOperatorActions = (state: Delivery, deps: DecideDeps): OperatorAction[] =>
  OPERATOR_ACTIONS.filter(
    (action) => decide(state, { type: CommandType.OPERATOR_ACTION, commandId: 'dry-run', action, actor: 'dry-run', reason: 'dry-run' }, deps).ok,
  );
