import { describe, expect, it } from 'vitest';
import { reassignedJobs } from '#application/reassigned-jobs.ts';
import { applyDecision, decide, type Command, type Delivery } from '#domain/index.ts';
import type { DomainEvent } from '#schemas/event-envelope.ts';
import { booking, operator } from '#test/support/commands.ts';
import { deterministicDeps } from '#test/support/deterministic-deps.ts';
import { path } from '#test/support/paths.ts';

/** The events a sequence of commands commits, in order. */
const eventsOf = (commands: readonly Command[]): DomainEvent[] => {
  const deps = deterministicDeps();
  const events: DomainEvent[] = [];
  let state: Delivery | null = null;
  for (const command of commands) {
    const result = decide(state, command, deps);
    if (!result.ok) throw new Error(`${command.type} was refused: ${result.refusal.message}`);
    events.push(...result.decision.events);
    state = applyDecision(state, result.decision);
  }
  return events;
};

describe('the jobs a reassignment left open', () => {
  it('is the old partner\'s job after an operator reassigns a booked delivery', () => {
    expect(reassignedJobs(eventsOf([...path.awaitingPickup(), operator('REASSIGN', 'sandbox')]))).toEqual([{ id: 'manual', jobId: 'job-1' }]);
  });

  it('is still that job when a hold came between the reassignment and the booking', () => {
    expect(reassignedJobs(eventsOf([...path.awaitingPickup(), operator('REASSIGN', 'sandbox'), operator('HOLD')]))).toEqual([{ id: 'manual', jobId: 'job-1' }]);
  });

  it('is none once a booking was tried since, or when the old partner had no job', () => {
    expect(reassignedJobs(eventsOf([...path.awaitingPickup(), operator('REASSIGN', 'sandbox'), booking('sandbox', 'job-2')]))).toEqual([]);
    expect(reassignedJobs(eventsOf([...path.dispatching(), operator('REASSIGN', 'sandbox')]))).toEqual([]);
  });
});
