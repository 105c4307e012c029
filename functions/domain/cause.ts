import type { DecideDeps } from './decision.ts';
import type { Cause } from './emitter.ts';
import type { EventSource } from './event-types.ts';

/** The cause of a command that happens now (everything but partner events, which bring their own time). */
export const causeNow = (
  source: EventSource,
  causationId: string,
  deps: DecideDeps,
  who: { actor?: string | null; reason?: string | null } = {},
): Cause => ({
  source,
  causationId,
  actor: who.actor ?? null,
  reason: who.reason ?? null,
  occurredAt: deps.now(),
});
