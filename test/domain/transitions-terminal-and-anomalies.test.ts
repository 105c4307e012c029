import { describe, expect, it } from 'vitest';
import { operator, partner } from '#test/support/commands.ts';
import { path } from '#test/support/paths.ts';
import { given } from '#test/support/specification.ts';
import { LONG_AGO, more } from '#test/support/transition-helpers.ts';

/** Each terminal status, reached with a partner job, and a partner status that contradicts it. */
const contradicted = [
  ['DELIVERED', 'OUT_FOR_DELIVERY', path.delivered],
  ['CANCELLED', 'PICKED_UP', more.cancelledWithJob],
  ['RETURNED', 'OUT_FOR_DELIVERY', path.returned],
  ['LOST', 'DELIVERED', path.lost],
  ['FAILED', 'DELIVERED', path.failed],
] as const;

/** The terminal statuses a partner status can agree with (nothing agrees with FAILED). */
const agreed = [
  ['DELIVERED', 'DELIVERED', path.delivered],
  ['CANCELLED', 'CANCELLED', more.cancelledWithJob],
  ['RETURNED', 'RETURNED', path.returned],
  ['LOST', 'LOST', path.lost],
] as const;

/** The terminal statuses reached through partner events, so with a high-water mark to be older than. */
const withHighWater = contradicted.filter(([status]) => status === 'DELIVERED' || status === 'RETURNED' || status === 'LOST');

describe('terminal | any partner event | unchanged; recorded on the timeline; DeliveryAnomalyDetected when it contradicts the outcome', () => {
  it.each(contradicted)('%s: a newer %s contradicts the outcome', (status, contradicting, build) => {
    const before = build();
    const event = partner(contradicting);
    const { events } = given(before)
      .when(event)
      .then({ status, events: ['DeliveryAnomalyDetected'], outcome: 'recorded', disposition: 'AFTER_TERMINAL' });
    expect(events[0]).toMatchObject({ source: 'PARTNER', causationId: event.event.eventId, fromStatus: status, toStatus: status });
  });

  it.each(agreed)('%s: an agreeing %s is recorded with no anomaly', (status, agreeing, build) => {
    given(build())
      .when(partner(agreeing))
      .then({ status, events: [], outcome: 'recorded', disposition: 'AFTER_TERMINAL' });
  });

  it.each(withHighWater)('%s: an older late %s is recorded with no anomaly', (status, contradicting, build) => {
    given(build())
      .when(partner(contradicting, { occurredAt: LONG_AGO }))
      .then({ status, events: [], outcome: 'recorded', disposition: 'AFTER_TERMINAL' });
  });

  it('DELIVERED then a newer scan: IN_TRANSIT after DELIVERED is an anomaly', () => {
    given(path.delivered()).when(partner('IN_TRANSIT')).then({ status: 'DELIVERED', events: ['DeliveryAnomalyDetected'], outcome: 'recorded' });
  });

  it('LOST declared by an operator, then the partner delivers: an anomaly', () => {
    given(more.declaredLost()).when(partner('DELIVERED')).then({ status: 'LOST', events: ['DeliveryAnomalyDetected'], outcome: 'recorded' });
  });

  it('RETURNED confirmed by an operator, then the partner reports RETURNED too: no anomaly', () => {
    given([...path.returning(), operator('CONFIRM_RETURNED')])
      .when(partner('RETURNED'))
      .then({ status: 'RETURNED', events: [], outcome: 'recorded', disposition: 'AFTER_TERMINAL' });
  });
});
