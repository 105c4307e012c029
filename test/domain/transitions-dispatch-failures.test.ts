import { describe, expect, it } from 'vitest';
import { bookingFailure, partner } from '#test/support/commands.ts';
import { path } from '#test/support/paths.ts';
import { given } from '#test/support/specification.ts';
import { more } from '#test/support/transition-helpers.ts';

describe('DISPATCHING | partner REJECTED / booking error after retries | DISPATCHING with next partner; ON_HOLD(NO_PARTNER_CAPACITY) when none is left', () => {
  it('a booking error moves on to the next candidate', () => {
    const { after } = given(path.dispatching())
      .when(bookingFailure('manual'))
      .then({ status: 'DISPATCHING', events: ['DeliveryDispatchFailed'] });
    expect(after.partner?.id).toBe('sandbox');
  });

  it('a REJECTED webhook for the opened job moves on to the next candidate', () => {
    const { after } = given(path.dispatchingWithJob())
      .when(partner('REJECTED'))
      .then({ status: 'DISPATCHING', events: ['DeliveryDispatchFailed'], outcome: 'applied' });
    expect(after.partner?.id).toBe('sandbox');
  });

  it('holds NO_PARTNER_CAPACITY when the last candidate fails too', () => {
    given([...path.dispatching(), bookingFailure('manual')])
      .when(bookingFailure('sandbox'))
      .then({ status: 'ON_HOLD', holdReason: 'NO_PARTNER_CAPACITY', events: ['DeliveryDispatchFailed', 'DeliveryPutOnHold'] });
  });

  it('holds NO_PARTNER_CAPACITY when the only candidate rejects', () => {
    given(more.dispatchingSingleCandidate())
      .when(bookingFailure('manual'))
      .then({ status: 'ON_HOLD', holdReason: 'NO_PARTNER_CAPACITY', events: ['DeliveryDispatchFailed', 'DeliveryPutOnHold'] });
  });
});

describe('DISPATCHING, AWAITING_PICKUP | CANCELLED (partner dropped the job unasked) | DISPATCHING (book again)', () => {
  it.each([
    ['DISPATCHING', path.dispatchingWithJob],
    ['AWAITING_PICKUP', path.awaitingPickup],
  ] as const)('from %s', (_status, build) => {
    const { after } = given(build())
      .when(partner('CANCELLED'))
      .then({ status: 'DISPATCHING', events: ['DeliveryDispatchFailed'], outcome: 'applied' });
    expect(after.partner).toMatchObject({ id: 'sandbox', jobId: null });
  });
});
