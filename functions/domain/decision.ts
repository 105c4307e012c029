import type { DomainEvent } from '#schemas/event-envelope.ts';
import type { PartnerEventRecorded } from './partner-event.ts';
import type { Refusal } from './refusal.ts';

/** What a partner event did, as the webhook answers it. */
export type PartnerOutcome = 'applied' | 'recorded';

/** What `decide` accepted: the events to commit, and the partner event to keep on the timeline. */
export interface Decision {
  readonly events: readonly DomainEvent[];
  readonly partnerEvent: PartnerEventRecorded | null;
  readonly outcome: PartnerOutcome;
}

/** The answer of `decide`: a decision, or a typed refusal. */
export type DecideResult = { readonly ok: true; readonly decision: Decision } | { readonly ok: false; readonly refusal: Refusal };

/** Wraps accepted events (and the partner event they came from). */
export const accepted = (
  events: readonly DomainEvent[],
  partnerEvent: PartnerEventRecorded | null = null,
  outcome: PartnerOutcome = 'applied',
): DecideResult => ({ ok: true, decision: { events, partnerEvent, outcome } });

/** Wraps a refusal. */
export const refused = (refusal: Refusal): DecideResult => ({ ok: false, refusal });

/** Clock and id generator, passed in so that every rule is testable without sleeping. */
export interface DecideDeps {
  /** The current time as an ISO-8601 string. */
  readonly now: () => string;
  /** A new unique id with the given prefix: `dlv` deliveries, `evt` events, `cmd` commands. */
  readonly newId: (prefix: 'dlv' | 'evt' | 'cmd') => string;
}
