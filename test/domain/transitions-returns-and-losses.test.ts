/**
 * Returns, losses and write-offs, by partner event and by operator. "custody statuses" are the
 * custody paths (ON_HOLD entered from IN_TRANSIT included); "ON_HOLD" adds ON_HOLD without custody.
 */
import { describe, it } from 'vitest';
import { operator, partner } from '#test/support/commands.ts';
import { custodyPaths, path } from '#test/support/paths.ts';
import { given } from '#test/support/specification.ts';
import { more, rows, rowsExcept } from '#test/support/transition-helpers.ts';

const onHoldWithoutCustody = ['ON_HOLD without custody', path.onHoldWithoutCustody] as const;

describe('custody statuses, ON_HOLD | RETURN_TO_SENDER | RETURNING', () => {
  // RETURNING itself is left out: a second RETURN_TO_SENDER while already returning is not a new return.
  it.each([...rowsExcept(custodyPaths, 'RETURNING'), onHoldWithoutCustody, ['ON_HOLD(MAX_ATTEMPTS)', path.onHoldMaxAttempts] as const])(
    'from %s',
    (_status, build) => {
      given(build())
        .when(partner('RETURN_TO_SENDER'))
        .then({ status: 'RETURNING', holdReason: null, events: ['DeliveryReturnInitiated'], outcome: 'applied' });
    },
  );
});

describe('RETURNING | RETURNED | RETURNED', () => {
  it('the partner reports the parcel back at the sender', () => {
    given(path.returning()).when(partner('RETURNED')).then({ status: 'RETURNED', events: ['DeliveryReturned'], outcome: 'applied' });
  });
});

describe('custody statuses, ON_HOLD | LOST | LOST', () => {
  it.each([...rows(custodyPaths), onHoldWithoutCustody])('from %s', (_status, build) => {
    given(build()).when(partner('LOST')).then({ status: 'LOST', holdReason: null, events: ['DeliveryLost'], outcome: 'applied' });
  });
});

describe('custody statuses, ON_HOLD with custody | operator RETURN_TO_SENDER | RETURNING', () => {
  // RETURNING itself is left out, as for the partner row.
  it.each([...rowsExcept(custodyPaths, 'RETURNING'), ['ON_HOLD(MAX_ATTEMPTS)', path.onHoldMaxAttempts] as const])('from %s', (_status, build) => {
    given(build()).when(operator('RETURN_TO_SENDER')).then({ status: 'RETURNING', holdReason: null, events: ['DeliveryReturnInitiated'] });
  });
});

describe('RETURNING | operator CONFIRM_RETURNED (warehouse scan) | RETURNED', () => {
  it('the warehouse scanned the parcel back in', () => {
    given(path.returning()).when(operator('CONFIRM_RETURNED')).then({ status: 'RETURNED', events: ['DeliveryReturned'] });
  });
});

describe('custody statuses, ON_HOLD | operator DECLARE_LOST | LOST', () => {
  it.each([...rows(custodyPaths), onHoldWithoutCustody, ['ON_HOLD(NO_PARTNER_CAPACITY)', more.onHoldNoCapacity] as const])(
    'from %s',
    (_status, build) => {
      given(build()).when(operator('DECLARE_LOST')).then({ status: 'LOST', holdReason: null, events: ['DeliveryLost'] });
    },
  );
});

describe('ON_HOLD | operator WRITE_OFF | FAILED', () => {
  it.each([
    ['ON_HOLD with custody', path.onHoldWithCustody],
    onHoldWithoutCustody,
    ['ON_HOLD(MAX_ATTEMPTS)', path.onHoldMaxAttempts],
    ['ON_HOLD(NO_PARTNER_CAPACITY)', more.onHoldNoCapacity],
  ] as const)('from %s', (_status, build) => {
    given(build()).when(operator('WRITE_OFF')).then({ status: 'FAILED', holdReason: null, events: ['DeliveryFailed'] });
  });
});
