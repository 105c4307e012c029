import { describe, it } from 'vitest';
import { OPERATOR_ACTIONS, TIMER_KINDS, type OperatorAction } from '#domain/index.ts';
import {
  booking,
  bookingFailure,
  cancel,
  cancellationReply,
  create,
  dispatch,
  operator,
  partner,
  timer,
} from '#test/support/commands.ts';
import { custodyPaths, path, terminalPaths } from '#test/support/paths.ts';
import { given } from '#test/support/specification.ts';
import { more, promisedInThePast, rows, type Path } from '#test/support/transition-helpers.ts';

const forbidden: [OperatorAction, string, Path][] = [
  ['RESUME', 'PENDING', path.pending],
  ['RESUME', 'AWAITING_PICKUP', path.awaitingPickup],
  ['RESUME', 'IN_TRANSIT', path.inTransit],
  ['REATTEMPT', 'IN_TRANSIT', path.inTransit],
  ['REATTEMPT', 'OUT_FOR_DELIVERY', path.outForDelivery],
  ['REATTEMPT', 'ON_HOLD without custody', path.onHoldWithoutCustody],
  ['REATTEMPT', 'ON_HOLD(NO_PARTNER_CAPACITY)', more.onHoldNoCapacity],
  ['REASSIGN', 'PENDING', path.pending],
  ['REASSIGN', 'CANCELLING', path.cancelling],
  ['RETURN_TO_SENDER', 'PENDING', path.pending],
  ['RETURN_TO_SENDER', 'DISPATCHING', path.dispatching],
  ['RETURN_TO_SENDER', 'AWAITING_PICKUP', path.awaitingPickup],
  ['RETURN_TO_SENDER', 'ON_HOLD without custody', path.onHoldWithoutCustody],
  ['CONFIRM_RETURNED', 'IN_TRANSIT', path.inTransit],
  ['CONFIRM_RETURNED', 'AVAILABLE_FOR_PICKUP', path.availableForPickup],
  ['CONFIRM_RETURNED', 'ON_HOLD with custody', path.onHoldWithCustody],
  ['DECLARE_LOST', 'PENDING', path.pending],
  ['DECLARE_LOST', 'DISPATCHING', path.dispatching],
  ['DECLARE_LOST', 'AWAITING_PICKUP', path.awaitingPickup],
  ['DECLARE_LOST', 'CANCELLING', path.cancelling],
  ['WRITE_OFF', 'PENDING', path.pending],
  ['WRITE_OFF', 'AWAITING_PICKUP', path.awaitingPickup],
  ['WRITE_OFF', 'IN_TRANSIT', path.inTransit],
  ['CANCEL', 'CANCELLING', path.cancelling],
];

describe('Any command not in the table is refused with TRANSITION_NOT_ALLOWED and changes nothing', () => {
  describe('operator actions in statuses that forbid them', () => {
    it.each(forbidden)('%s in %s', (action, _status, build) => {
      given(build()).when(operator(action)).thenRefused('TRANSITION_NOT_ALLOWED');
    });

    it.each(rows(terminalPaths).flatMap(([status, build]) => OPERATOR_ACTIONS.map((action) => [action, status, build] as const)))(
      '%s in terminal %s',
      (action, _status, build) => {
        given(build()).when(operator(action)).thenRefused('TRANSITION_NOT_ALLOWED');
      },
    );
  });

  describe('custody statuses | operator REASSIGN: refused while the partner holds the parcel', () => {
    it.each([...rows(custodyPaths), ['ON_HOLD(MAX_ATTEMPTS)', path.onHoldMaxAttempts] as const])('in %s', (_status, build) => {
      given(build()).when(operator('REASSIGN', 'speedy')).thenRefused('TRANSITION_NOT_ALLOWED');
    });
  });

  describe('cancel in terminal statuses and CANCELLING', () => {
    it.each([...rows(terminalPaths), ['CANCELLING', path.cancelling] as const, ['CANCELLING from ON_HOLD', more.cancellingFromHold] as const])(
      'in %s',
      (_status, build) => {
        given(build()).when(cancel()).thenRefused('TRANSITION_NOT_ALLOWED');
      },
    );
  });

  describe('timers in statuses the table has no row for', () => {
    it.each([
      ['PICKUP_DEADLINE', 'DISPATCHING', path.dispatching],
      ['PICKUP_DEADLINE', 'IN_TRANSIT', path.inTransit],
      ['PICKUP_DEADLINE', 'ON_HOLD(PICKUP_OVERDUE)', path.onHoldWithoutCustody],
      ['STALL', 'PENDING', path.pending],
      ['STALL', 'DISPATCHING', path.dispatching],
      ['STALL', 'AWAITING_PICKUP', path.awaitingPickup],
      ['STALL', 'CANCELLING', path.cancelling],
      ['STALL', 'ON_HOLD without custody', path.onHoldWithoutCustody],
      ['CANCEL_CONFIRMATION', 'AWAITING_PICKUP', path.awaitingPickup],
      ['CANCEL_CONFIRMATION', 'ON_HOLD(CANCEL_REJECTED)', () => [...path.cancelling(), cancellationReply('REJECTED')]],
    ] as const)('%s in %s', (kind, _status, build) => {
      given(build()).when(timer(kind)).thenRefused('TRANSITION_NOT_ALLOWED');
    });

    it.each(rows(terminalPaths).flatMap(([status, build]) => TIMER_KINDS.map((kind) => [kind, status, build] as const)))(
      '%s in terminal %s',
      (kind, _status, build) => {
        given(promisedInThePast(build())).when(timer(kind)).thenRefused('TRANSITION_NOT_ALLOWED');
      },
    );

    it('SLA before promisedBy has passed', () => {
      given(path.inTransit()).when(timer('SLA')).thenRefused('TRANSITION_NOT_ALLOWED');
    });

    it('SLA once only', () => {
      given(promisedInThePast([...path.inTransit(), timer('SLA')])).when(timer('SLA')).thenRefused('TRANSITION_NOT_ALLOWED');
    });

    it('SLA once only, even after the status changed', () => {
      given(promisedInThePast([...path.inTransit(), timer('SLA'), partner('OUT_FOR_DELIVERY')]))
        .when(timer('SLA'))
        .thenRefused('TRANSITION_NOT_ALLOWED');
    });
  });

  describe('dispatch and booking replies out of turn', () => {
    it.each([
      ['DISPATCHING', path.dispatching],
      ['AWAITING_PICKUP', path.awaitingPickup],
      ['CANCELLED', path.cancelled],
    ] as const)('dispatch again in %s', (_status, build) => {
      given(build()).when(dispatch('manual')).thenRefused('TRANSITION_NOT_ALLOWED');
    });

    it('a booking reply from a partner the delivery is not being booked with', () => {
      given(path.dispatching()).when(booking('sandbox', 'job-7')).thenRefused('TRANSITION_NOT_ALLOWED');
    });

    it('a booking failure from a partner the delivery is not being booked with', () => {
      given(path.dispatching()).when(bookingFailure('sandbox')).thenRefused('TRANSITION_NOT_ALLOWED');
    });

    it('a booking reply for another job than the one opened', () => {
      given(path.dispatchingWithJob()).when(booking('manual', 'job-9')).thenRefused('TRANSITION_NOT_ALLOWED');
    });

    it('a booking reply of the superseded partner after REASSIGN', () => {
      given(more.reassigned()).when(booking('manual', 'job-1')).thenRefused('TRANSITION_NOT_ALLOWED');
    });

    it.each([
      ['PENDING', path.pending],
      ['AWAITING_PICKUP', path.awaitingPickup],
    ] as const)('a booking reply in %s', (_status, build) => {
      given(build()).when(booking('manual', 'job-1')).thenRefused('TRANSITION_NOT_ALLOWED');
    });

    it.each([
      ['AWAITING_PICKUP', path.awaitingPickup],
      ['ON_HOLD(CANCEL_REJECTED)', () => [...path.cancelling(), cancellationReply('REJECTED')]],
      ['CANCELLED', more.cancelledWithJob],
    ] as const)('a cancellation reply in %s', (_status, build) => {
      given(build()).when(cancellationReply('CONFIRMED')).thenRefused('TRANSITION_NOT_ALLOWED');
    });
  });
});

describe('A partner event for a job the delivery never had is refused UNKNOWN_JOB', () => {
  it('an unknown job id', () => {
    given(path.inTransit()).when(partner('DELIVERED', { jobId: 'job-999' })).thenRefused('UNKNOWN_JOB');
  });

  it("the delivery's job id, but from another partner", () => {
    given(path.inTransit()).when(partner('DELIVERED', { partnerId: 'sandbox' })).thenRefused('UNKNOWN_JOB');
  });

  it('a PENDING delivery has no job yet', () => {
    given(path.pending()).when(partner('ACCEPTED')).thenRefused('UNKNOWN_JOB');
  });

  it('a terminal delivery too', () => {
    given(path.delivered()).when(partner('OUT_FOR_DELIVERY', { jobId: 'job-999' })).thenRefused('UNKNOWN_JOB');
  });
});

describe('Commands on no delivery are refused NOT_FOUND', () => {
  it.each([
    ['dispatch', dispatch('manual')],
    ['booking', booking()],
    ['booking failure', bookingFailure()],
    ['partner event', partner('PICKED_UP')],
    ['cancel', cancel()],
    ['cancellation reply', cancellationReply()],
    ['operator action', operator('HOLD')],
    ['timer', timer('SLA')],
  ] as const)('%s', (_name, command) => {
    given([]).when(command).thenRefused('NOT_FOUND');
  });
});

describe('Create twice is refused ALREADY_EXISTS', () => {
  it.each([
    ['PENDING', path.pending],
    ['DELIVERED', path.delivered],
  ] as const)('in %s', (_status, build) => {
    given(build()).when(create()).thenRefused('ALREADY_EXISTS');
  });
});
