import { afterEach, describe, expect, it, vi } from 'vitest';
import { emfOf } from '#test/support/emf-capture.ts';
import type { Delivery } from '#domain/delivery.ts';
import { create, dispatch, bookingFailure } from '#test/support/commands.ts';
import { answer, misbehavingPartner } from '#test/support/misbehaving-partner.ts';
import { run } from '#test/support/specification.ts';
import { decisionFor } from '#test/support/store-steps.ts';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe('metrics in Embedded Metric Format', () => {
  it('time every partner call and count its failures, by partner', async () => {
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
    vi.resetModules();
    const { HttpPartnerClient } = await import('#adapters/partners/http-partner-client.ts');
    const partner = await misbehavingPartner([answer(503, {}), answer(201, { jobId: 'job-1', status: 'ACCEPTED' })]);
    const client = new HttpPartnerClient({ partnerId: 'acme', baseUrl: partner.url, signingSecret: () => Promise.resolve('s'.repeat(20)), retryDeps: { sleep: () => Promise.resolve() } });
    const lines = await emfOf(async () => {
      await client.book('acme', run([create()]) as Delivery);
    });
    expect(lines.filter((line) => 'PartnerCallLatency' in line)).toHaveLength(2);
    expect(lines.find((line) => 'PartnerCallErrors' in line)).toMatchObject({ partnerId: 'acme', service: 'delivery-lifecycle', PartnerCallErrors: 1 });
    const [emf] = lines;
    expect(emf?.['_aws']).toMatchObject({ CloudWatchMetrics: [{ Namespace: 'BookstoreDelivery', Dimensions: [expect.arrayContaining(['partnerId'])] }] });
  });

  it('count committed transitions by event type, and holds opened by reason', async () => {
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
    vi.resetModules();
    const { recordTransitions } = await import('#application/transition-metrics.ts');
    const pending = run([create(), dispatch('acme')]);
    const lines = await emfOf(() => {
      recordTransitions(decisionFor(pending, bookingFailure('acme')));
      return Promise.resolve();
    });
    expect(lines.map((line) => [line['eventType'] ?? line['holdReason'], line['Transitions'] ?? line['HoldsOpened']])).toEqual([
      ['DeliveryDispatchFailed', 1],
      ['DeliveryPutOnHold', 1],
      ['NO_PARTNER_CAPACITY', 1],
    ]);
  });

  it('write nothing when turned off, as in the tests and the local stack', async () => {
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'true');
    vi.resetModules();
    const { recordMetric } = await import('#shared/metrics.ts');
    expect(
      await emfOf(() => {
        recordMetric('Webhooks', { result: 'applied' });
        return Promise.resolve();
      }),
    ).toEqual([]);
  });
});
