import { describe, expect, it } from 'vitest';
import { cancel, cancellationReply, operator, partner } from '#test/support/commands.ts';
import { custodyPaths, path } from '#test/support/paths.ts';
import { given } from '#test/support/specification.ts';
import { more, rows } from '#test/support/transition-helpers.ts';

describe('PENDING | cancel | CANCELLED', () => {
  it('cancels at once, with source CUSTOMER and the stated reason', () => {
    const { events } = given(path.pending()).when(cancel('order refunded')).then({ status: 'CANCELLED', events: ['DeliveryCancelled'] });
    expect(events[0]).toMatchObject({ source: 'CUSTOMER', reason: 'order refunded' });
  });
});

/** Before custody with a partner job to cancel. */
const withJob = [
  ['DISPATCHING with an opened job', path.dispatchingWithJob],
  ['AWAITING_PICKUP', path.awaitingPickup],
  ['ON_HOLD without custody', path.onHoldWithoutCustody],
] as const;

/** Before custody with no partner job open: nothing to call, so nothing to wait for. */
const withoutJob = [
  ['DISPATCHING before any booking', path.dispatching],
  ['ON_HOLD(NO_PARTNER_CAPACITY)', more.onHoldNoCapacity],
] as const;

describe('DISPATCHING, AWAITING_PICKUP, ON_HOLD without custody | cancel (partner cancel API is called) | CANCELLING, then CANCELLED on confirmation', () => {
  it.each(withJob)('from %s: CANCELLING', (_status, build) => {
    given(build()).when(cancel()).then({ status: 'CANCELLING', holdReason: null, events: ['DeliveryCancellationRequested'] });
  });

  it.each(withJob)('from %s: CANCELLED when the cancel API confirms', (_status, build) => {
    given([...build(), cancel()]).when(cancellationReply('CONFIRMED')).then({ status: 'CANCELLED', events: ['DeliveryCancelled'] });
  });

  it.each(withoutJob)('from %s with no partner job open: CANCELLING and CANCELLED at once', (_status, build) => {
    given(build())
      .when(cancel())
      .then({ status: 'CANCELLED', holdReason: null, events: ['DeliveryCancellationRequested', 'DeliveryCancelled'] });
  });
});

describe('custody statuses | cancel | ON_HOLD(INTERCEPT_REQUESTED)', () => {
  it.each(rows(custodyPaths))('from %s', (_status, build) => {
    given(build())
      .when(cancel())
      .then({ status: 'ON_HOLD', holdReason: 'INTERCEPT_REQUESTED', events: ['DeliveryCancellationRequested', 'DeliveryPutOnHold'] });
  });
});

describe('CANCELLING | CANCELLED | CANCELLED', () => {
  it.each([
    ['CANCELLING from AWAITING_PICKUP', path.cancelling],
    ['CANCELLING from ON_HOLD without custody', more.cancellingFromHold],
  ] as const)('the partner confirms by webhook, %s', (_status, build) => {
    given(build()).when(partner('CANCELLED')).then({ status: 'CANCELLED', events: ['DeliveryCancelled'], outcome: 'applied' });
  });
});

describe('CANCELLING | CANCEL_REJECTED or PICKED_UP | ON_HOLD(CANCEL_REJECTED)', () => {
  it.each(['CANCEL_REJECTED', 'PICKED_UP', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERY_ATTEMPTED', 'AVAILABLE_FOR_PICKUP', 'RETURN_TO_SENDER'])('on a %s webhook', (status) => {
    given(path.cancelling())
      .when(partner(status))
      .then({
        status: 'ON_HOLD',
        holdReason: 'CANCEL_REJECTED',
        events: ['DeliveryCancellationRejected', 'DeliveryPutOnHold'],
        outcome: 'applied',
      });
  });

  it('on DELIVERED the cancellation came too late: DeliveryCancellationRejected, then DELIVERED', () => {
    given(path.cancelling())
      .when(partner('DELIVERED'))
      .then({ status: 'DELIVERED', events: ['DeliveryCancellationRejected', 'DeliveryDelivered'], outcome: 'applied' });
  });

  it('when the cancel API answers REJECTED', () => {
    given(path.cancelling())
      .when(cancellationReply('REJECTED'))
      .then({ status: 'ON_HOLD', holdReason: 'CANCEL_REJECTED', events: ['DeliveryCancellationRejected', 'DeliveryPutOnHold'] });
  });
});

describe('operator CANCEL follows the cancel rows, as the operator', () => {
  it('PENDING → CANCELLED, with actor and reason', () => {
    const { events } = given(path.pending())
      .when(operator('CANCEL', undefined, 'fraud check failed'))
      .then({ status: 'CANCELLED', events: ['DeliveryCancelled'] });
    expect(events[0]).toMatchObject({ source: 'OPERATOR', actor: 'op-ada', reason: 'fraud check failed' });
  });

  it('AWAITING_PICKUP → CANCELLING', () => {
    given(path.awaitingPickup()).when(operator('CANCEL')).then({ status: 'CANCELLING', events: ['DeliveryCancellationRequested'] });
  });

  it('in custody → ON_HOLD(INTERCEPT_REQUESTED)', () => {
    given(path.outForDelivery())
      .when(operator('CANCEL'))
      .then({ status: 'ON_HOLD', holdReason: 'INTERCEPT_REQUESTED', events: ['DeliveryCancellationRequested', 'DeliveryPutOnHold'] });
  });
});
