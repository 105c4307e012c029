import { describe, expect, it } from 'vitest';
import { timer } from '#test/support/commands.ts';
import { custodyPaths, path } from '#test/support/paths.ts';
import { given } from '#test/support/specification.ts';
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
