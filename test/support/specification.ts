import { expect } from 'vitest';
import {
  applyDecision,
  decide,
  type Command,
  type DecideResult,
  type Delivery,
  type DeliveryEventType,
  type DeliveryStatus,
  type HoldReason,
  type PartnerEventDisposition,
  type PartnerOutcome,
  type RefusalCode,
} from '#domain/index.ts';
import { domainEventSchema, type DomainEvent } from '#schemas/event-envelope.ts';
import { deterministicDeps } from './deterministic-deps.ts';

/** What a command is expected to do. */
export interface Expected {
  /** The event types, in order (empty for none). */
  events: readonly DeliveryEventType[];
  /** The status after the command. */
  status: DeliveryStatus;
  /** The hold reason after the command (checked when given; null means no hold). */
  holdReason?: HoldReason | null;
  /** How a partner event was taken (checked when given). */
  outcome?: PartnerOutcome;
  disposition?: PartnerEventDisposition;
}

/** The result of `when`: the state before and after, the decision's events, for extra assertions. */
export interface Observed {
  before: Delivery | null;
  after: Delivery;
  events: readonly DomainEvent[];
}

/** Folds `commands` from nothing through decide and evolve, failing on any refusal. */
export const run = (commands: readonly Command[], deps = deterministicDeps()): Delivery | null => {
  let state: Delivery | null = null;
  for (const command of commands) {
    const result = decide(state, command, deps);
    if (!result.ok) throw new Error(`given step ${command.type} was refused: ${result.refusal.message}`);
    state = applyDecision(state, result.decision);
  }
  return state;
};

/**
 * A given/when/then specification of the transition table.
 *
 * @example
 * given(path.awaitingPickup()).when(partner('PICKED_UP')).then({ status: 'IN_TRANSIT', events: ['DeliveryHandedOver'] });
 */
export const given = (commands: readonly Command[]) => ({
  when: (command: Command) => {
    const deps = deterministicDeps();
    const before = run(commands, deps);
    const result: DecideResult = decide(before, command, deps);
    return {
      then: (expected: Expected): Observed => {
        if (!result.ok) throw new Error(`refused: ${result.refusal.code} ${result.refusal.message}`);
        const { events, partnerEvent, outcome } = result.decision;
        expect(events.map((event) => event.type)).toEqual(expected.events);
        events.forEach((event, index) => {
          expect(domainEventSchema.parse(event)).toEqual(event);
          expect(event.sequence).toBe((before?.lastSequence ?? 0) + index + 1);
          expect(event.fromStatus).toBe(index === 0 ? (before?.status ?? null) : events[index - 1]?.toStatus);
        });
        const after = applyDecision(before, result.decision);
        expect(after.status).toBe(expected.status);
        if (expected.holdReason !== undefined) expect(after.holdReason).toBe(expected.holdReason);
        if (expected.outcome !== undefined) expect(outcome).toBe(expected.outcome);
        if (expected.disposition !== undefined) expect(partnerEvent?.disposition).toBe(expected.disposition);
        return { before, after, events };
      },
      thenRefused: (code: RefusalCode = 'TRANSITION_NOT_ALLOWED'): void => {
        expect(result.ok ? 'accepted' : result.refusal.code).toBe(code);
      },
    };
  },
});
