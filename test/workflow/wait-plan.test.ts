import { describe, expect, it } from 'vitest';
import { BOOKING_BUDGET_SECONDS, DEFAULT_TIMERS, stallDeadline, waitPlan, WaitPhase } from '#application/wait-plan.ts';
import { applyDecision, decide, type Delivery } from '#domain/index.ts';
import { operator } from '#test/support/commands.ts';
import { deterministicDeps } from '#test/support/deterministic-deps.ts';
import { path } from '#test/support/paths.ts';
import { run } from '#test/support/specification.ts';

const DAY = 86_400;
const timers = { ...DEFAULT_TIMERS, stallThresholdSeconds: 5 * DAY, idleRecheckSeconds: 30 * DAY };
const inTransit = (): Delivery => {
  const delivery = run(path.inTransit());
  if (!delivery) throw new Error('no delivery');
  return { ...delivery, promisedBy: null };
};
const after = (iso: string | null, seconds: number): Date => new Date(Date.parse(iso ?? '') + seconds * 1000);

describe('the wait plan in custody', () => {
  it('gives a heartbeat of what is left of the stall threshold since the partner last did something', () => {
    const delivery = inTransit();
    const plan = waitPlan(delivery, timers, after(delivery.lastPartnerActivityAt, 2 * DAY));
    expect(plan).toEqual({ phase: WaitPhase.IN_CUSTODY, timeoutSeconds: 30 * DAY, heartbeatSeconds: 3 * DAY });
  });

  it('counts from the status change when the partner has done nothing on this job', () => {
    const delivery = { ...inTransit(), lastPartnerActivityAt: null };
    expect(stallDeadline(delivery, timers)).toBe(Date.parse(delivery.statusSince) + 5 * DAY * 1000);
  });

  it('counts anew from an operator\'s release, however long the hold and the partner\'s silence lasted', () => {
    const deps = deterministicDeps();
    const held = run([...path.inTransit(), operator('HOLD')], deps);
    deps.advance(8 * DAY);
    const decision = decide(held, operator('RESUME'), deps);
    if (!decision.ok) throw new Error(decision.refusal.message);
    const released = { ...applyDecision(held, decision.decision), promisedBy: null };
    expect(released.status).toBe('IN_TRANSIT');
    const now = after(released.statusSince, 60);
    expect(stallDeadline(released, timers)).toBe(Date.parse(released.statusSince) + 5 * DAY * 1000);
    expect(waitPlan(released, timers, now).heartbeatSeconds).toBe(5 * DAY - 60);
  });

  it('gives the shortest heartbeat when the threshold has already passed, so the stall is reported at once', () => {
    const delivery = inTransit();
    expect(waitPlan(delivery, timers, after(delivery.lastPartnerActivityAt, 6 * DAY)).heartbeatSeconds).toBe(1);
  });

  it('has no heartbeat when a timer comes first, or outside custody', () => {
    const delivery = inTransit();
    expect(waitPlan(delivery, { ...timers, idleRecheckSeconds: DAY }, after(delivery.lastPartnerActivityAt, 0)).heartbeatSeconds).toBeUndefined();
    const awaiting = run(path.awaitingPickup());
    expect(awaiting && waitPlan(awaiting, timers, new Date(Date.parse(awaiting.statusSince))).heartbeatSeconds).toBeUndefined();
  });
});

describe('the wait plan while booking', () => {
  const pending = (): Delivery => {
    const delivery = run(path.pending());
    if (!delivery) throw new Error('no delivery');
    return delivery;
  };

  it('times the booking\'s wait out at the pickup deadline counted from the end of its budget, or at the promise when that comes first', () => {
    const delivery = pending();
    const now = after(delivery.statusSince, 60);
    expect(waitPlan({ ...delivery, promisedBy: null }, timers, now)).toEqual({ phase: WaitPhase.BOOKING, timeoutSeconds: timers.pickupDeadlineSeconds + BOOKING_BUDGET_SECONDS });
    const promisedBy = after(delivery.statusSince, 3_600).toISOString();
    expect(waitPlan({ ...delivery, promisedBy }, timers, now)).toEqual({ phase: WaitPhase.BOOKING, timeoutSeconds: 3_540 });
  });

  it('never times the booking\'s wait out within its budget, even for a promise already past', () => {
    const delivery = { ...pending(), promisedBy: '2020-01-01T00:00:00Z' };
    expect(waitPlan(delivery, timers, after(delivery.statusSince, 0)).timeoutSeconds).toBe(BOOKING_BUDGET_SECONDS);
    const local = { ...timers, pickupDeadlineSeconds: 2 };
    expect(waitPlan(delivery, local, after(delivery.statusSince, 0)).timeoutSeconds).toBe(2);
  });
});
