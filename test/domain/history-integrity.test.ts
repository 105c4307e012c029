import { describe, expect, it } from 'vitest';
import { applyDecision, decide, evolve, InvalidHistoryError, type Command, type Decision, type Delivery } from '#domain/index.ts';
import { create, dispatch } from '#test/support/commands.ts';
import { deterministicDeps } from '#test/support/deterministic-deps.ts';
import { path } from '#test/support/paths.ts';
import { run } from '#test/support/specification.ts';

/** The decision `command` gets from `state`, failing the test on a refusal. */
const decisionOf = (state: Delivery | null, command: Command): Decision => {
  const result = decide(state, command, deterministicDeps());
  if (!result.ok) throw new Error(`refused: ${result.refusal.message}`);
  return result.decision;
};

const pending = (): Delivery => {
  const delivery = run(path.pending());
  if (!delivery) throw new Error('no delivery');
  return delivery;
};

describe('a history evolve refuses, as no decide can produce it', () => {
  it('one that does not start with DeliveryCreated', () => {
    const [dispatched] = decisionOf(pending(), dispatch('manual')).events;
    if (!dispatched) throw new Error('no event');
    expect(() => evolve(null, dispatched)).toThrow(new InvalidHistoryError('history starts with DeliveryDispatchRequested'));
  });

  it('an event whose sequence does not follow the last one', () => {
    const state = pending();
    const [dispatched] = decisionOf(state, dispatch('manual')).events;
    if (!dispatched) throw new Error('no event');
    expect(() => evolve(state, { ...dispatched, sequence: state.lastSequence + 2 })).toThrow(InvalidHistoryError);
    expect(evolve(state, dispatched).lastSequence).toBe(state.lastSequence + 1);
  });

  it('a delivery created twice', () => {
    const state = pending();
    const [createdAgain] = decisionOf(null, create()).events;
    if (!createdAgain) throw new Error('no event');
    expect(() => evolve(state, { ...createdAgain, sequence: state.lastSequence + 1 })).toThrow(new InvalidHistoryError(`delivery ${state.deliveryId} is created twice`));
  });

  it('a decision with no facts for a delivery that does not exist', () => {
    expect(() => applyDecision(null, { events: [], partnerEvent: null, outcome: 'applied' })).toThrow(InvalidHistoryError);
  });
});
