import { describe, expect, it } from 'vitest';
import type { TrackingAggregator } from '#http/tracking-formats/tracking-formats.ts';
import { create, dispatch, booking } from '#test/support/commands.ts';
import { commitAll } from '#test/support/store-steps.ts';
import { aftershipWebhook, easypostWebhook, shippoWebhook, type ProviderScan, type ProviderWebhook } from '#test/support/tracking-payloads.ts';
import { webhookOnFreshTable } from '#test/support/webhook-client.ts';

/** Each aggregator's codes for the steps of a delivery, and its webhook builder. */
interface Provider {
  readonly id: TrackingAggregator;
  readonly webhook: (trackingNumber: string, scans: readonly ProviderScan[]) => ProviderWebhook;
  readonly pickedUp: Omit<ProviderScan, 'at'>;
  readonly outForDelivery: Omit<ProviderScan, 'at'>;
  readonly delivered: Omit<ProviderScan, 'at'>;
  readonly unknown: Omit<ProviderScan, 'at'>;
}

const PROVIDERS: readonly Provider[] = [
  {
    id: 'aftership',
    webhook: aftershipWebhook,
    pickedUp: { code: 'InTransit', detail: 'InTransit_002', message: 'Acceptance scan' },
    outForDelivery: { code: 'OutForDelivery', detail: 'OutForDelivery_001' },
    delivered: { code: 'Delivered', detail: 'Delivered_001' },
    unknown: { code: 'Expired', detail: 'Expired_001' },
  },
  {
    id: 'easypost',
    webhook: easypostWebhook,
    pickedUp: { code: 'in_transit', detail: 'received_at_origin_facility' },
    outForDelivery: { code: 'out_for_delivery', detail: 'out_for_delivery' },
    delivered: { code: 'delivered', detail: 'arrived_at_destination' },
    unknown: { code: 'unknown', detail: 'unknown' },
  },
  {
    id: 'shippo',
    webhook: shippoWebhook,
    pickedUp: { code: 'TRANSIT', detail: 'package_accepted' },
    outForDelivery: { code: 'TRANSIT', detail: 'out_for_delivery' },
    delivered: { code: 'DELIVERED' },
    unknown: { code: 'UNKNOWN' },
  },
];

const at = (minute: number): string => `2026-11-25T10:${String(minute).padStart(2, '0')}:00Z`;

/** A delivery booked with `manual` (tracking number `trk-job-1`), and a webhook receiver that takes `provider`'s payloads. */
const booked = async (provider: Provider, acceptTestMode = false) => {
  const receiver = await webhookOnFreshTable({}, { aggregators: [provider.id], acceptTestMode });
  const delivery = await commitAll(receiver.repository, [create(), dispatch('manual'), booking('manual', 'job-1')]);
  const deliver = (webhook: ProviderWebhook, secret = `dev-secret-${provider.id}`) => {
    const raw = JSON.stringify(webhook.body);
    return receiver.sendRaw(provider.id, raw, webhook.sign(secret, raw, receiver.nowSeconds));
  };
  const status = async () => (await receiver.repository.get(delivery.deliveryId))?.status;
  const types = async () => (await receiver.repository.listEvents(delivery.deliveryId)).map((event) => event.type);
  return { ...receiver, delivery, deliver, status, types };
};

describe.each(PROVIDERS)('$id tracking webhooks', (provider) => {
  const scan = (step: Omit<ProviderScan, 'at'>, minute: number): ProviderScan => ({ ...step, at: at(minute) });

  it('take a delivery through its whole lifecycle from payloads that repeat the history, each scan once', async () => {
    const { deliver, status, types } = await booked(provider);
    const history = [scan(provider.pickedUp, 1), scan(provider.outForDelivery, 2), scan(provider.delivered, 3)];
    expect(await deliver(provider.webhook('trk-job-1', history.slice(0, 1)))).toMatchObject({ status: 200, body: { result: 'applied' } });
    expect(await status()).toBe('IN_TRANSIT');
    expect(await deliver(provider.webhook('trk-job-1', history.slice(0, 2)))).toMatchObject({ status: 200, body: { result: 'applied', scans: { applied: 1, duplicate: 1 } } });
    expect(await status()).toBe('OUT_FOR_DELIVERY');
    expect((await deliver(provider.webhook('trk-job-1', history))).body).toMatchObject({ result: 'applied', scans: { applied: 1, duplicate: 2 } });
    expect(await status()).toBe('DELIVERED');
    expect((await types()).slice(3)).toEqual(['DeliveryHandedOver', 'DeliveryOutForDelivery', 'DeliveryDelivered']);
  });

  it('refuse a wrong signature with 401 and change nothing', async () => {
    const { deliver, status, types } = await booked(provider);
    const before = await types();
    expect(await deliver(provider.webhook('trk-job-1', [scan(provider.pickedUp, 1)]), 'not-the-secret')).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHORIZED' } } });
    expect(await status()).toBe('AWAITING_PICKUP');
    expect(await types()).toEqual(before);
  });

  it('acknowledge the same payload again as a duplicate', async () => {
    const { deliver, types } = await booked(provider);
    const webhook = provider.webhook('trk-job-1', [scan(provider.pickedUp, 1), scan(provider.outForDelivery, 2)]);
    expect((await deliver(webhook)).body).toMatchObject({ result: 'applied', scans: { applied: 2 } });
    const after = await types();
    expect((await deliver(webhook)).body).toMatchObject({ result: 'duplicate', scans: { duplicate: 2 } });
    expect(await types()).toEqual(after);
  });

  it('sort a history that arrives out of order, and only record a scan older than the newest applied', async () => {
    const { deliver, status } = await booked(provider);
    const shuffled = provider.webhook('trk-job-1', [scan(provider.outForDelivery, 2), scan(provider.pickedUp, 1)]);
    expect((await deliver(shuffled)).body).toMatchObject({ result: 'applied', scans: { applied: 2 } });
    expect(await status()).toBe('OUT_FOR_DELIVERY');

    const { deliver: deliverLate, status: statusLate } = await booked(provider);
    expect((await deliverLate(provider.webhook('trk-job-1', [scan(provider.outForDelivery, 2)]))).body.result).toBe('applied');
    expect((await deliverLate(provider.webhook('trk-job-1', [scan(provider.pickedUp, 1)]))).body.result, 'a late scan').toBe('recorded');
    expect(await statusLate()).toBe('OUT_FOR_DELIVERY');
  });

  it('quarantine a status the mapping table does not have, changing nothing', async () => {
    const { deliver, status, repository, delivery } = await booked(provider);
    expect((await deliver(provider.webhook('trk-job-1', [scan(provider.unknown, 1)]))).body.result).toBe('recorded');
    expect(await status()).toBe('AWAITING_PICKUP');
    const timeline = await repository.history(delivery.deliveryId);
    expect(JSON.stringify(timeline)).toContain(`"status":"${provider.id}:${provider.unknown.detail ?? provider.unknown.code}"`);
  });

  it('answer 404 for a tracking number no delivery has', async () => {
    const { deliver } = await booked(provider);
    expect(await deliver(provider.webhook('trk-nobody', [scan(provider.pickedUp, 1)]))).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
  });
});

describe('test-mode payloads', () => {
  it.each([
    ['easypost', () => easypostWebhook('trk-job-1', [{ at: at(1), code: 'in_transit' }], 'test'), 'mode'],
    ['shippo', () => shippoWebhook('trk-job-1', [{ at: at(1), code: 'TRANSIT' }], true), 'test'],
  ] as const)('%s: refused in production configuration naming the field, taken when the deployment accepts them', async (id, webhook, field) => {
    const provider = PROVIDERS.find((p) => p.id === id) as Provider;
    const production = await booked(provider);
    expect(await production.deliver(webhook())).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED', details: [{ field }] } } });
    expect(await production.status()).toBe('AWAITING_PICKUP');
    const local = await booked(provider, true);
    expect((await local.deliver(webhook())).body.result).toBe('applied');
  });
});

describe('tracking webhooks at the edges', () => {
  const aftership = PROVIDERS[0] as Provider;

  it('know a payload without a history by its status alone, so that the same status again is a duplicate', async () => {
    const { deliver } = await booked(aftership);
    const bare = (ts: number) => {
      const webhook = aftershipWebhook('trk-job-1', []);
      const body = { ...webhook.body, ts, msg: { ...(webhook.body['msg'] as object), tag: 'InTransit', subtag: 'InTransit_001', checkpoints: [] } };
      return { body, sign: webhook.sign };
    };
    const moment = Math.floor(Date.parse(at(5)) / 1000);
    expect((await deliver(bare(moment))).body.result).toBe('applied');
    expect((await deliver(bare(moment + 60))).body.result).toBe('duplicate');
  });

  it('refuse a date that is not one with 400 naming the field, and change nothing', async () => {
    const { deliver, status } = await booked(aftership);
    const reply = await deliver(aftershipWebhook('trk-job-1', [{ at: 'yesterday', code: 'InTransit' }]));
    expect(reply).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED' } } });
    expect(JSON.stringify(reply.body)).toContain('"field":"msg.checkpoints.0.checkpoint_time"');
    expect(await status()).toBe('AWAITING_PICKUP');
  });

  it('ignore scans from before the delivery existed: an earlier shipment with the same number', async () => {
    const { deliver, status } = await booked(aftership);
    const reply = await deliver(aftershipWebhook('trk-job-1', [{ at: '2025-06-01T10:00:00Z', code: 'Delivered', detail: 'Delivered_001' }]));
    expect(reply.body).toMatchObject({ result: 'recorded', scans: { ignored: 1, applied: 0 } });
    expect(await status()).toBe('AWAITING_PICKUP');
  });
});
