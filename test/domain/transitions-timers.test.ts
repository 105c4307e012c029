import { describe, expect, it } from 'vitest';
import { decide, type DecideDeps, type Delivery } from '#domain/index.ts';
import { create, dispatch, timer } from '#test/support/commands.ts';
import { deterministicDeps } from '#test/support/deterministic-deps.ts';
import { custodyPaths, path } from '#test/support/paths.ts';
import { given, run } from '#test/support/specification.ts';
import { everyActive, more, PAST_PROMISE, promisedInThePast, rowsExcept } from '#test/support/transition-helpers.ts';

describe('AWAITING_PICKUP | timer: pickup deadline passed | ON_HOLD(PICKUP_OVERDUE)', () => {
  it('holds PICKUP_OVERDUE, with source TIMER and the timer as cause', () => {
    const fired = timer('PICKUP_DEADLINE');
    const { events } = given(path.awaitingPickup())
      .when(fired)
      .then({ status: 'ON_HOLD', holdReason: 'PICKUP_OVERDUE', events: ['DeliveryPutOnHold'] });
    expect(events[0]).toMatchObject({ source: 'TIMER', causationId: fired.commandId });
  });
});

describe('custody statuses | timer: no partner activity for the stall threshold | ON_HOLD(STALLED)', () => {
  // ON_HOLD entered from a custody status is left out: whether the stall timer applies to a held delivery is open on the contract.
  it.each(rowsExcept(custodyPaths, 'ON_HOLD'))('from %s', (_status, build) => {
    given(build()).when(timer('STALL')).then({ status: 'ON_HOLD', holdReason: 'STALLED', events: ['DeliveryPutOnHold'] });
  });
});

describe('CANCELLING | timer: no confirmation in time | ON_HOLD(CANCEL_REJECTED)', () => {
  it.each([
    ['CANCELLING from AWAITING_PICKUP', path.cancelling],
    ['CANCELLING from ON_HOLD without custody', more.cancellingFromHold],
  ] as const)('%s', (_status, build) => {
    given(build()).when(timer('CANCEL_CONFIRMATION')).then({ status: 'ON_HOLD', holdReason: 'CANCEL_REJECTED', events: ['DeliveryPutOnHold'] });
  });
});

describe('any active | timer: `promisedBy` passed | unchanged', () => {
  it.each(everyActive)('in %s', (_name, build, status) => {
    const { before, after, events } = given(promisedInThePast(build()))
      .when(timer('SLA'))
      .then({ status, events: ['DeliverySlaBreached'] });
    expect(after.holdReason).toBe(before?.holdReason);
    expect(events[0]?.data).toEqual({ promisedBy: PAST_PROMISE });
  });
});

describe('the SLA timer on the promised instant itself', () => {
  const promisedBy = '2031-01-01T00:00:00.000Z';
  const at = (now: string): DecideDeps => ({ ...deterministicDeps(), now: () => now });
  const pending = (): Delivery | null => run([create({ promisedBy }), dispatch('manual')]);

  it('breaches when the clock reads exactly `promisedBy`, the instant the workflow task finds it due', () => {
    const result = decide(pending(), timer('SLA'), at(promisedBy));
    expect(result.ok && result.decision.events.map((event) => event.type)).toEqual(['DeliverySlaBreached']);
  });

  it('is refused a millisecond before', () => {
    const result = decide(pending(), timer('SLA'), at('2030-12-31T23:59:59.999Z'));
    expect(result.ok ? 'accepted' : result.refusal.code).toBe('TRANSITION_NOT_ALLOWED');
  });
});
