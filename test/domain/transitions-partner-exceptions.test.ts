/**
 * The "any active" partner rows. PENDING is active but has no partner job yet, so no partner event
 * can reach it (one is refused UNKNOWN_JOB, see transitions-refusals); every other active status is
 * tested, ON_HOLD both with and without custody.
 */
import { describe, expect, it } from 'vitest';
import { partner } from '#test/support/commands.ts';
import { path } from '#test/support/paths.ts';
import { given } from '#test/support/specification.ts';
import { everyActive } from '#test/support/transition-helpers.ts';

/** Every active status a partner event can reach. */
const withJob = everyActive.filter(([name]) => name !== 'PENDING');

describe('any active | DELAYED, or EXCEPTION with `actionRequired: false` | unchanged', () => {
  it.each(withJob)('DELAYED in %s', (_name, build, status) => {
    given(build()).when(partner('DELAYED', { reason: 'WEATHER' })).then({ status, events: ['DeliveryDelayed'] });
  });

  it.each(withJob)('EXCEPTION without action required in %s', (_name, build, status) => {
    given(build())
      .when(partner('EXCEPTION', { reason: 'SORTING_DELAY', actionRequired: false }))
      .then({ status, events: ['DeliveryDelayed'] });
  });

  it('keeps the hold reason while ON_HOLD', () => {
    given(path.onHoldWithoutCustody()).when(partner('DELAYED')).then({ status: 'ON_HOLD', holdReason: 'PICKUP_OVERDUE', events: ['DeliveryDelayed'] });
  });
});

describe('any active | EXCEPTION with `actionRequired: true` | ON_HOLD(reason, default EXCEPTION)', () => {
  it.each(withJob)('without a reason, holds EXCEPTION from %s', (_name, build) => {
    given(build())
      .when(partner('EXCEPTION', { actionRequired: true }))
      .then({ status: 'ON_HOLD', holdReason: 'EXCEPTION', events: ['DeliveryPutOnHold'], outcome: 'applied' });
  });

  it.each(['ADDRESS_ISSUE', 'REFUSED', 'UNCLAIMED', 'DAMAGED'] as const)('a reason that is a hold reason (%s) becomes the hold reason', (reason) => {
    given(path.outForDelivery())
      .when(partner('EXCEPTION', { reason, actionRequired: true }))
      .then({ status: 'ON_HOLD', holdReason: reason, events: ['DeliveryPutOnHold'] });
  });

  it('any other reason holds EXCEPTION and keeps the partner reason on the event', () => {
    const { events } = given(path.inTransit())
      .when(partner('EXCEPTION', { reason: 'CUSTOMS_PAPERWORK', actionRequired: true }))
      .then({ status: 'ON_HOLD', holdReason: 'EXCEPTION', events: ['DeliveryPutOnHold'] });
    expect(events[0]?.data).toMatchObject({ holdReason: 'EXCEPTION', partnerReason: 'CUSTOMS_PAPERWORK' });
  });
});

describe('any active | DAMAGED | ON_HOLD(DAMAGED)', () => {
  it.each(withJob)('from %s', (_name, build) => {
    given(build()).when(partner('DAMAGED')).then({ status: 'ON_HOLD', holdReason: 'DAMAGED', events: ['DeliveryPutOnHold'], outcome: 'applied' });
  });
});
