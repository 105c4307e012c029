import { describe, expect, it } from 'vitest';
import { booking, operator, partner, timer } from '#test/support/commands.ts';
import { path } from '#test/support/paths.ts';
import { given } from '#test/support/specification.ts';
import { everyActive, more } from '#test/support/transition-helpers.ts';

describe('any active | operator HOLD | ON_HOLD(OPERATOR)', () => {
  it.each(everyActive)('from %s', (_name, build) => {
    given(build()).when(operator('HOLD')).then({ status: 'ON_HOLD', holdReason: 'OPERATOR', events: ['DeliveryPutOnHold'] });
  });

  it('operator events carry the operator as actor, their reason, and source OPERATOR', () => {
    const { events } = given(path.inTransit())
      .when(operator('HOLD', undefined, 'customer asked us to wait'))
      .then({ status: 'ON_HOLD', events: ['DeliveryPutOnHold'] });
    expect(events[0]).toMatchObject({ source: 'OPERATOR', actor: 'op-ada', reason: 'customer asked us to wait' });
  });
});

describe('ON_HOLD | operator RESUME | the status implied by the latest partner milestone', () => {
  it('a hold entered from IN_TRANSIT returns to IN_TRANSIT', () => {
    given(path.onHoldWithCustody())
      .when(operator('RESUME'))
      .then({ status: 'IN_TRANSIT', holdReason: null, events: ['DeliveryHoldReleased'] });
  });

  it('a hold entered from AWAITING_PICKUP, with a later PICKED_UP recorded, resumes to IN_TRANSIT', () => {
    given([...path.onHoldWithoutCustody(), partner('PICKED_UP')])
      .when(operator('RESUME'))
      .then({ status: 'IN_TRANSIT', holdReason: null, events: ['DeliveryHoldReleased'] });
  });

  it('a hold entered from AWAITING_PICKUP with no later milestone resumes to AWAITING_PICKUP', () => {
    given(path.onHoldWithoutCustody()).when(operator('RESUME')).then({ status: 'AWAITING_PICKUP', events: ['DeliveryHoldReleased'] });
  });

  it('a hold entered from IN_TRANSIT, with a later OUT_FOR_DELIVERY recorded, resumes to OUT_FOR_DELIVERY', () => {
    given([...path.onHoldWithCustody(), partner('OUT_FOR_DELIVERY')])
      .when(operator('RESUME'))
      .then({ status: 'OUT_FOR_DELIVERY', events: ['DeliveryHoldReleased'] });
  });

  it('ON_HOLD(NO_PARTNER_CAPACITY) resumes to DISPATCHING', () => {
    given(more.onHoldNoCapacity()).when(operator('RESUME')).then({ status: 'DISPATCHING', holdReason: null, events: ['DeliveryHoldReleased'] });
  });

  it('ON_HOLD(MAX_ATTEMPTS) resumes to ATTEMPT_FAILED', () => {
    given(path.onHoldMaxAttempts()).when(operator('RESUME')).then({ status: 'ATTEMPT_FAILED', holdReason: null, events: ['DeliveryHoldReleased'] });
  });

  it('a hold entered from PENDING, before any partner, resumes to PENDING', () => {
    given([...path.pending(), operator('HOLD')]).when(operator('RESUME')).then({ status: 'PENDING', events: ['DeliveryHoldReleased'] });
  });

  it('a hold that interrupted an operator-initiated return resumes the return', () => {
    given([...path.attemptFailed(), operator('RETURN_TO_SENDER'), timer('STALL')])
      .when(operator('RESUME'))
      .then({ status: 'RETURNING', holdReason: null, events: ['DeliveryHoldReleased'] });
  });
});

describe('DISPATCHING, AWAITING_PICKUP, ON_HOLD without custody | operator REASSIGN (optional `partnerId`) | DISPATCHING with another partner (old job cancelled)', () => {
  it.each([
    ['DISPATCHING', path.dispatching],
    ['DISPATCHING with an opened job', path.dispatchingWithJob],
    ['AWAITING_PICKUP', path.awaitingPickup],
    ['ON_HOLD without custody', path.onHoldWithoutCustody],
  ] as const)('from %s, to the next candidate when no partner is named', (_status, build) => {
    const { before, after } = given(build())
      .when(operator('REASSIGN'))
      .then({ status: 'DISPATCHING', holdReason: null, events: ['DeliveryPartnerReassigned'] });
    expect(before?.partner?.id).toBe('manual');
    expect(after.partner).toMatchObject({ id: 'sandbox', jobId: null });
  });

  it.each([
    ['DISPATCHING', path.dispatchingWithJob],
    ['AWAITING_PICKUP', path.awaitingPickup],
    ['ON_HOLD without custody', path.onHoldWithoutCustody],
  ] as const)('from %s, to the partner named', (_status, build) => {
    const { after } = given(build()).when(operator('REASSIGN', 'speedy')).then({ status: 'DISPATCHING', events: ['DeliveryPartnerReassigned'] });
    expect(after.partner?.id).toBe('speedy');
  });

  it('the new partner can then be booked', () => {
    given(more.reassigned()).when(booking('sandbox', 'job-2')).then({ status: 'AWAITING_PICKUP', events: ['DeliveryPartnerAssigned'] });
  });
});
