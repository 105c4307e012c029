import { describe, expect, it } from 'vitest';
import { partner } from '#test/support/commands.ts';
import { custodyPaths, path } from '#test/support/paths.ts';
import { given } from '#test/support/specification.ts';
import { rows } from '#test/support/transition-helpers.ts';

describe('AWAITING_PICKUP | PICKED_UP or IN_TRANSIT | IN_TRANSIT', () => {
  it.each(['PICKED_UP', 'IN_TRANSIT'])('on %s, with DeliveryHandedOver', (status) => {
    given(path.awaitingPickup()).when(partner(status)).then({ status: 'IN_TRANSIT', events: ['DeliveryHandedOver'], outcome: 'applied' });
  });

  it('partner events carry source PARTNER and the partner eventId as causationId', () => {
    const { events } = given(path.awaitingPickup())
      .when(partner('PICKED_UP', { eventId: 'evt-partner-42' }))
      .then({ status: 'IN_TRANSIT', events: ['DeliveryHandedOver'] });
    expect(events[0]?.source).toBe('PARTNER');
    expect(events[0]?.causationId).toBe('evt-partner-42');
  });
});

describe('AWAITING_PICKUP, IN_TRANSIT, ATTEMPT_FAILED | OUT_FOR_DELIVERY | OUT_FOR_DELIVERY', () => {
  it('from AWAITING_PICKUP, with DeliveryHandedOver for the skipped pickup', () => {
    given(path.awaitingPickup())
      .when(partner('OUT_FOR_DELIVERY'))
      .then({ status: 'OUT_FOR_DELIVERY', events: ['DeliveryHandedOver', 'DeliveryOutForDelivery'], outcome: 'applied' });
  });

  it.each([
    ['IN_TRANSIT', path.inTransit],
    ['ATTEMPT_FAILED', path.attemptFailed],
  ] as const)('from %s', (_status, build) => {
    given(build()).when(partner('OUT_FOR_DELIVERY')).then({ status: 'OUT_FOR_DELIVERY', events: ['DeliveryOutForDelivery'], outcome: 'applied' });
  });
});

describe('IN_TRANSIT | IN_TRANSIT | unchanged (timeline only; counts as partner activity)', () => {
  it('publishes nothing, stays IN_TRANSIT and counts as partner activity', () => {
    const { before, after } = given(path.inTransit()).when(partner('IN_TRANSIT')).then({ status: 'IN_TRANSIT', events: [] });
    expect(after.lastPartnerActivityAt).not.toBeNull();
    expect(after.lastPartnerActivityAt).not.toBe(before?.lastPartnerActivityAt);
    expect(after.milestone?.status).toBe('IN_TRANSIT');
  });
});

describe('ATTEMPT_FAILED | IN_TRANSIT | IN_TRANSIT', () => {
  it('moves back to IN_TRANSIT without a domain event', () => {
    given(path.attemptFailed()).when(partner('IN_TRANSIT')).then({ status: 'IN_TRANSIT', events: [] });
  });
});

describe('IN_TRANSIT, OUT_FOR_DELIVERY, ATTEMPT_FAILED | AVAILABLE_FOR_PICKUP | AVAILABLE_FOR_PICKUP', () => {
  it.each(rows(custodyPaths, 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'ATTEMPT_FAILED'))('from %s', (_status, build) => {
    given(build())
      .when(partner('AVAILABLE_FOR_PICKUP'))
      .then({ status: 'AVAILABLE_FOR_PICKUP', events: ['DeliveryAvailableForPickup'], outcome: 'applied' });
  });
});

describe('any custody status, AWAITING_PICKUP, ON_HOLD | DELIVERED | DELIVERED (a hold is closed)', () => {
  it.each([
    ...rows(custodyPaths),
    ['AWAITING_PICKUP', path.awaitingPickup],
    ['ON_HOLD without custody', path.onHoldWithoutCustody],
  ] as const)('from %s', (_status, build) => {
    given(build())
      .when(partner('DELIVERED'))
      .then({ status: 'DELIVERED', holdReason: null, events: ['DeliveryDelivered'], outcome: 'applied' });
  });
});
