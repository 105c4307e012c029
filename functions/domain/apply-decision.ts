import type { Decision } from './decision.ts';
import type { Delivery } from './delivery.ts';
import { evolve, InvalidHistoryError, type DeliveryFact } from './evolve.ts';

/** The facts of a decision in the order they apply: the partner event first, then the domain events. */
export const factsOf = (decision: Decision): readonly DeliveryFact[] =>
  decision.partnerEvent ? [decision.partnerEvent, ...decision.events] : decision.events;

/** The state after committing `decision` on `state`: every fact folded, `version` one higher. */
export const applyDecision = (state: Delivery | null, decision: Decision): Delivery => {
  const after = factsOf(decision).reduce<Delivery | null>(evolve, state);
  if (after === null) throw new InvalidHistoryError('a decision with no facts cannot be committed');
  return { ...after, version: (state?.version ?? 0) + 1 };
};

/** One stored fact with the version of the commit that wrote it. */
export interface HistoryEntry {
  readonly version: number;
  readonly fact: DeliveryFact;
}

/** Rebuilds a delivery from its history (ordered by version, then as written); null for no history. */
export const replay = (history: readonly HistoryEntry[]): Delivery | null =>
  history.reduce<Delivery | null>((state, entry) => ({ ...evolve(state, entry.fact), version: entry.version }), null);
