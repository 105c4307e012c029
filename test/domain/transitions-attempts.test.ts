import { describe, expect, it } from 'vitest';
import { operator, partner } from '#test/support/commands.ts';
import { path } from '#test/support/paths.ts';
import { given } from '#test/support/specification.ts';

/** OUT_FOR_DELIVERY after two failed attempts: the next failure is the third. */
const outForDeliveryAfterTwoAttempts = () => [
  ...path.attemptFailed(),
  partner('OUT_FOR_DELIVERY'),
  partner('DELIVERY_ATTEMPTED'),
  partner('OUT_FOR_DELIVERY'),
];

describe('OUT_FOR_DELIVERY | DELIVERY_ATTEMPTED, attemptCount+1 < maxAttempts (3) | ATTEMPT_FAILED', () => {
  it('the first failed attempt', () => {
    const { after } = given(path.outForDelivery())
      .when(partner('DELIVERY_ATTEMPTED', { reason: 'RECIPIENT_UNAVAILABLE' }))
      .then({ status: 'ATTEMPT_FAILED', events: ['DeliveryAttemptFailed'], outcome: 'applied' });
    expect(after.attemptCount).toBe(1);
    expect(after.maxAttempts).toBe(3);
  });

  it('the second failed attempt', () => {
    const { after } = given([...path.attemptFailed(), partner('OUT_FOR_DELIVERY')])
      .when(partner('DELIVERY_ATTEMPTED'))
      .then({ status: 'ATTEMPT_FAILED', events: ['DeliveryAttemptFailed'] });
    expect(after.attemptCount).toBe(2);
  });
});

describe('OUT_FOR_DELIVERY | DELIVERY_ATTEMPTED reaching maxAttempts | ON_HOLD(MAX_ATTEMPTS)', () => {
  it('the third failed attempt holds MAX_ATTEMPTS', () => {
    const { after } = given(outForDeliveryAfterTwoAttempts())
      .when(partner('DELIVERY_ATTEMPTED'))
      .then({ status: 'ON_HOLD', holdReason: 'MAX_ATTEMPTS', events: ['DeliveryAttemptFailed', 'DeliveryPutOnHold'], outcome: 'applied' });
    expect(after.attemptCount).toBe(3);
  });
});

describe('ON_HOLD with custody | operator REATTEMPT | IN_TRANSIT (partner reattempt requested, attempts allowed +1)', () => {
  it('from ON_HOLD(MAX_ATTEMPTS): back to IN_TRANSIT with one more attempt allowed', () => {
    const { before, after } = given(path.onHoldMaxAttempts())
      .when(operator('REATTEMPT'))
      .then({ status: 'IN_TRANSIT', holdReason: null, events: ['DeliveryHoldReleased'] });
    expect(after.maxAttempts).toBe((before?.maxAttempts ?? 0) + 1);
  });

  it('from a hold entered from IN_TRANSIT', () => {
    given(path.onHoldWithCustody()).when(operator('REATTEMPT')).then({ status: 'IN_TRANSIT', events: ['DeliveryHoldReleased'] });
  });

  it('the extra attempt is allowed: a failure that would have reached the old maximum does not hold', () => {
    const twoAttemptsThenHeld = [...path.attemptFailed(), partner('OUT_FOR_DELIVERY'), partner('DELIVERY_ATTEMPTED'), operator('HOLD')];
    const { after } = given([...twoAttemptsThenHeld, operator('REATTEMPT'), partner('OUT_FOR_DELIVERY')])
      .when(partner('DELIVERY_ATTEMPTED'))
      .then({ status: 'ATTEMPT_FAILED', events: ['DeliveryAttemptFailed'] });
    expect(after.attemptCount).toBe(3);
    expect(after.maxAttempts).toBe(4);
  });

  it('after REATTEMPT from MAX_ATTEMPTS the delivery goes out again, and the fourth failure holds again', () => {
    given([...path.onHoldMaxAttempts(), operator('REATTEMPT'), partner('OUT_FOR_DELIVERY')])
      .when(partner('DELIVERY_ATTEMPTED'))
      .then({ status: 'ON_HOLD', holdReason: 'MAX_ATTEMPTS', events: ['DeliveryAttemptFailed', 'DeliveryPutOnHold'] });
  });
});
