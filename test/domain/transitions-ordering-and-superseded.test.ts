import { describe, expect, it } from 'vitest';
import type { DeliveryStatus } from '#domain/index.ts';
import { partner } from '#test/support/commands.ts';
import { path } from '#test/support/paths.ts';
import { given } from '#test/support/specification.ts';
import { LONG_AGO, more, type Path } from '#test/support/transition-helpers.ts';

describe('A partner event the table has no row for is recorded, kept as the latest milestone when newest, answered recorded, and changes no status', () => {
  it.each([
    ['OUT_FOR_DELIVERY', 'ON_HOLD', path.onHoldWithCustody],
    ['PICKED_UP', 'ON_HOLD', path.onHoldWithoutCustody],
    ['DELIVERY_ATTEMPTED', 'AWAITING_PICKUP', path.awaitingPickup],
    ['OUT_FOR_DELIVERY', 'AVAILABLE_FOR_PICKUP', path.availableForPickup],
    ['DELIVERY_ATTEMPTED', 'RETURNING', path.returning],
  ] as const)('%s while %s becomes the latest milestone', (partnerStatus, status, build) => {
    const { after } = given(build()).when(partner(partnerStatus)).then({ status, events: [], outcome: 'recorded' });
    expect(after.milestone?.status).toBe(partnerStatus);
  });

  it.each([
    ['RETURNED', 'IN_TRANSIT', path.inTransit],
    ['CANCEL_REJECTED', 'OUT_FOR_DELIVERY', path.outForDelivery],
    ['REJECTED', 'AWAITING_PICKUP', path.awaitingPickup],
  ] as const)('%s while %s is recorded only', (partnerStatus, status, build) => {
    given(build()).when(partner(partnerStatus)).then({ status, events: [], outcome: 'recorded' });
  });
});

describe('An event older than the newest partner occurredAt applied is recorded and never moves the status backwards', () => {
  it.each([
    ['PICKED_UP', 'OUT_FOR_DELIVERY', path.outForDelivery],
    ['OUT_FOR_DELIVERY', 'ATTEMPT_FAILED', path.attemptFailed],
    ['IN_TRANSIT', 'ATTEMPT_FAILED', path.attemptFailed],
    ['ACCEPTED', 'IN_TRANSIT', path.inTransit],
    ['DELIVERY_ATTEMPTED', 'IN_TRANSIT', path.inTransit],
  ] as const)('an older %s while %s', (partnerStatus, status, build) => {
    const { before, after } = given(build())
      .when(partner(partnerStatus, { occurredAt: LONG_AGO }))
      .then({ status, events: [], outcome: 'recorded', disposition: 'STALE' });
    expect(after.milestone).toEqual(before?.milestone);
    expect(after.attemptCount).toBe(before?.attemptCount);
  });
});

describe('An older event may still move the status forward (never backwards): late proof of delivery is not lost', () => {
  const at = (minute: number): string => `2026-12-24T10:${String(minute).padStart(2, '0')}:00Z`;

  it('a DELIVERED older than a DELAYED scan still delivers', () => {
    const { after } = given([...path.outForDelivery(), partner('DELAYED', { occurredAt: at(10) })])
      .when(partner('DELIVERED', { occurredAt: at(5) }))
      .then({ status: 'DELIVERED', events: ['DeliveryDelivered'], outcome: 'applied', disposition: 'APPLIED' });
    expect(after.partnerHighWater).toBe(at(10));
  });

  it('a PICKED_UP older than a DELAYED scan still hands over, and becomes the latest milestone', () => {
    const { after } = given([...path.awaitingPickup(), partner('DELAYED', { occurredAt: at(10) })])
      .when(partner('PICKED_UP', { occurredAt: at(5) }))
      .then({ status: 'IN_TRANSIT', events: ['DeliveryHandedOver'], disposition: 'APPLIED' });
    expect(after.milestone).toEqual({ status: 'PICKED_UP', occurredAt: at(5) });
  });

  it('an older DELIVERY_ATTEMPTED while the courier is out again still counts the attempt, without moving the status', () => {
    const { after } = given([...path.attemptFailed(), partner('OUT_FOR_DELIVERY', { occurredAt: at(10) })])
      .when(partner('DELIVERY_ATTEMPTED', { occurredAt: at(5) }))
      .then({ status: 'OUT_FOR_DELIVERY', events: ['DeliveryAttemptFailed'], disposition: 'APPLIED' });
    expect(after.attemptCount).toBe(2);
  });

  it('an older DELIVERY_ATTEMPTED reaching maxAttempts still holds', () => {
    const build = [...path.attemptFailed(), partner('OUT_FOR_DELIVERY'), partner('DELIVERY_ATTEMPTED'), partner('OUT_FOR_DELIVERY', { occurredAt: at(10) })];
    given(build)
      .when(partner('DELIVERY_ATTEMPTED', { occurredAt: at(5) }))
      .then({ status: 'ON_HOLD', holdReason: 'MAX_ATTEMPTS', events: ['DeliveryAttemptFailed', 'DeliveryPutOnHold'] });
  });

  it.each([
    ['DAMAGED', 'DAMAGED', {}],
    ['EXCEPTION', 'ADDRESS_ISSUE', { actionRequired: true, reason: 'ADDRESS_ISSUE' }],
  ] as const)('an older %s still holds: a hold is never a move backwards', (status, holdReason, options) => {
    given([...path.outForDelivery(), partner('DELAYED', { occurredAt: at(10) })])
      .when(partner(status, { ...options, occurredAt: at(5) }))
      .then({ status: 'ON_HOLD', holdReason, events: ['DeliveryPutOnHold'], disposition: 'APPLIED' });
  });

  it('an older LOST is recorded only: newer scans contradict it', () => {
    given([...path.inTransit(), partner('DELAYED', { occurredAt: at(10) })])
      .when(partner('LOST', { occurredAt: at(5) }))
      .then({ status: 'IN_TRANSIT', events: [], outcome: 'recorded', disposition: 'STALE' });
  });
});

/** Deliveries whose job `job-1` of `manual` has been superseded, and the status each is in. */
const superseded: [string, Path, DeliveryStatus][] = [
  ['after REASSIGN', more.reassigned, 'DISPATCHING'],
  ['after REASSIGN and a new booking', more.reassignedAndBooked, 'AWAITING_PICKUP'],
  ['after the partner dropped the job', more.dropped, 'DISPATCHING'],
];

const cross = <A extends unknown[], B>(rows: readonly A[], values: readonly B[]): [...A, B][] =>
  rows.flatMap((row) => values.map((value): [...A, B] => [...row, value]));

describe('Events of a job that is no longer the current job are recorded only, unless they show custody: ON_HOLD(CONFLICT)', () => {
  it.each(cross(superseded, ['ACCEPTED', 'REJECTED', 'DELAYED', 'EXCEPTION', 'CANCELLED', 'CANCEL_REJECTED']))(
    '%s: an old-job %s is recorded as SUPERSEDED',
    (_name, build, status, partnerStatus) => {
      const { before, after } = given(build())
        .when(partner(partnerStatus))
        .then({ status, events: [], outcome: 'recorded', disposition: 'SUPERSEDED' });
      expect(after.milestone).toEqual(before?.milestone);
      expect(after.partner).toEqual(before?.partner);
    },
  );

  it.each(cross(superseded, ['PICKED_UP', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERY_ATTEMPTED', 'AVAILABLE_FOR_PICKUP']))(
    '%s: an old-job %s shows the old partner holds the parcel',
    (_name, build, _status, partnerStatus) => {
      given(build()).when(partner(partnerStatus)).then({ status: 'ON_HOLD', holdReason: 'CONFLICT', events: ['DeliveryPutOnHold'] });
    },
  );
});

describe('An unknown status is stored, quarantined (ON_HOLD(UNKNOWN_PARTNER_STATUS) when actionRequired is true, else no change), never guessed', () => {
  it.each([
    ['AWAITING_PICKUP', path.awaitingPickup],
    ['IN_TRANSIT', path.inTransit],
    ['OUT_FOR_DELIVERY', path.outForDelivery],
  ] as const)('with actionRequired, from %s: ON_HOLD(UNKNOWN_PARTNER_STATUS)', (_status, build) => {
    given(build())
      .when(partner('PARCEL_TELEPORTED', { actionRequired: true }))
      .then({ status: 'ON_HOLD', holdReason: 'UNKNOWN_PARTNER_STATUS', events: ['DeliveryPutOnHold'], disposition: 'UNKNOWN_STATUS' });
  });

  it.each([
    ['AWAITING_PICKUP', path.awaitingPickup],
    ['IN_TRANSIT', path.inTransit],
    ['OUT_FOR_DELIVERY', path.outForDelivery],
  ] as const)('without actionRequired, in %s: no change and not a milestone', (status, build) => {
    const { before, after } = given(build())
      .when(partner('PARCEL_TELEPORTED'))
      .then({ status, events: [], outcome: 'recorded', disposition: 'UNKNOWN_STATUS' });
    expect(after.milestone).toEqual(before?.milestone);
  });
});
