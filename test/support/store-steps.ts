import { decide, type Command, type Decision, type Delivery } from '#domain/index.ts';
import type { DeliveryRepository } from '#adapters/delivery-store/delivery-repository.ts';
import { deterministicDeps } from './deterministic-deps.ts';

const deps = deterministicDeps();

/** The decision `command` takes on `state`; fails the test when refused. */
export const decisionFor = (state: Delivery | null, command: Command): Decision => {
  const result = decide(state, command, deps);
  if (!result.ok) throw new Error(`${command.type} refused: ${result.refusal.message}`);
  return result.decision;
};

/** Decides each command on the stored state and commits it; returns the state after the last. */
export const commitAll = async (repository: DeliveryRepository, commands: readonly Command[], start: Delivery | null = null) => {
  let state = start;
  for (const command of commands) {
    state = await repository.commit({ before: state, decision: decisionFor(state, command), idempotencyKey: `command#${command.commandId}` });
  }
  if (state === null) throw new Error('no commands');
  return state;
};
