import { describe, expect, inject, it } from 'vitest';
import { aftershipWebhook } from '#test/support/tracking-payloads.ts';
import { eventually, partnerEvent, partnerSignature, StackClient } from './support/client.ts';

const stack = new StackClient(inject('stack'));

/** A time `seconds` after a fixed point an hour ago, so that events can be sent out of their order. */
const at = (seconds: number, base = Date.now() - 3_600_000): string => new Date(base + seconds * 1000).toISOString();

describe('partner webhooks into the running stack', () => {
  it('refuses a missing, wrong, stale or tampered signature with 401 and changes nothing; the genuine webhook then applies', async () => {
    const { deliveryId, jobId } = await stack.booked();
    const before = (await stack.get(deliveryId)).body;
    const pickup = partnerEvent(jobId, 'PICKED_UP');
    const now = Math.floor(Date.now() / 1000);
    const attempts = {
      unsigned: await stack.webhook('manual', pickup, { unsigned: true }),
      'wrong secret': await stack.webhook('manual', pickup, { secret: 'not-the-secret' }),
      'another partner\'s secret': await stack.webhook('manual', pickup, { secret: 'dev-secret-sandbox' }),
      'stale (301 s old)': await stack.webhook('manual', pickup, { timestamp: now - 301 }),
      // The stack's clock moves on while these are sent: a margin keeps this one beyond the 300 s (the exact
      // boundary is unit-tested with a fixed clock in test/http/webhook-signature.test.ts).
      'from the future (330 s ahead)': await stack.webhook('manual', pickup, { timestamp: now + 330 }),
      tampered: await stack.webhook('manual', pickup, { sentBody: JSON.stringify({ ...pickup, status: 'DELIVERED' }) }),
    };
    for (const [what, reply] of Object.entries(attempts)) expect(reply, what).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHORIZED' } } });
    expect((await stack.get(deliveryId)).body, 'the delivery is unchanged').toEqual(before);

    expect(await stack.webhook('manual', pickup)).toMatchObject({ status: 200, body: { result: 'applied' } });
    expect((await stack.get(deliveryId)).body.status).toBe('IN_TRANSIT');
  });

  it('accepts either secret while one is rotated: several v1 values in the header', async () => {
    const { deliveryId, jobId } = await stack.booked();
    const raw = JSON.stringify(partnerEvent(jobId, 'PICKED_UP'));
    const t = Math.floor(Date.now() / 1000);
    const stale = partnerSignature('the-old-secret', t, raw).split(',')[1] ?? '';
    const reply = await stack.call('POST', '/webhooks/manual', { rawBody: raw, headers: { 'x-partner-signature': `t=${String(t)},${stale},${partnerSignature('dev-secret-manual', t, raw).split(',')[1] ?? ''}` } });
    expect(reply).toMatchObject({ status: 200, body: { result: 'applied' } });
    expect((await stack.get(deliveryId)).body.status).toBe('IN_TRANSIT');
  });

  it('answers 404 for a job no delivery knows', async () => {
    expect(await stack.webhook('manual', partnerEvent('job-nobody-knows', 'PICKED_UP'))).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
  });

  it('applies 20 concurrent copies of one webhook once: one "applied", the rest "duplicate", one transition', async () => {
    const { deliveryId, jobId } = await stack.booked();
    const pickup = partnerEvent(jobId, 'PICKED_UP');
    const replies = await Promise.all(Array.from({ length: 20 }, () => stack.webhook('manual', pickup)));
    expect(replies.map((reply) => reply.status)).toEqual(Array.from({ length: 20 }, () => 200));
    const results = replies.map((reply) => (reply.body as { result: string }).result);
    expect(results.filter((result) => result === 'applied')).toHaveLength(1);
    expect(results.filter((result) => result === 'duplicate')).toHaveLength(19);
    expect((await stack.events(deliveryId)).filter((event) => event.type === 'DeliveryHandedOver')).toHaveLength(1);
    expect((await stack.get(deliveryId)).body).toMatchObject({ status: 'IN_TRANSIT', version: 4 });
  });

  it('never moves a delivery backwards for a late event, and after delivery records a contradicting scan as an anomaly', async () => {
    const { deliveryId, jobId, executionArn } = await stack.booked();
    const base = Date.now() - 3_600_000;
    expect((await stack.webhook('manual', partnerEvent(jobId, 'OUT_FOR_DELIVERY', { occurredAt: at(20, base) }))).body.result).toBe('applied');
    expect((await stack.webhook('manual', partnerEvent(jobId, 'PICKED_UP', { occurredAt: at(10, base) }))).body.result, 'older than the newest applied').toBe('recorded');
    expect((await stack.get(deliveryId)).body.status).toBe('OUT_FOR_DELIVERY');

    expect((await stack.webhook('manual', partnerEvent(jobId, 'DELIVERED', { occurredAt: at(30, base) }))).body.result).toBe('applied');
    expect((await stack.webhook('manual', partnerEvent(jobId, 'OUT_FOR_DELIVERY', { occurredAt: at(40, base) }))).body.result, 'a scan after delivery').toBe('recorded');
    const types = (await stack.events(deliveryId)).map((event) => event.type);
    expect(types.slice(3)).toEqual(['DeliveryHandedOver', 'DeliveryOutForDelivery', 'DeliveryDelivered', 'DeliveryAnomalyDetected']);
    expect((await stack.get(deliveryId)).body.status).toBe('DELIVERED');
    const published = await eventually('the anomaly on the bus', async () => {
      const events = await stack.busEventsOf(deliveryId);
      return events.some((event) => event.type === 'DeliveryAnomalyDetected') ? events : undefined;
    });
    expect(published.filter((event) => event.type === 'DeliveryDelivered')).toHaveLength(1);
    expect((await stack.executionEnded(executionArn)).status, 'the execution ended with the delivery, untroubled by the late scan').toBe('SUCCEEDED');
  });

  it('takes a tracking aggregator\'s webhook in its own format, found by the tracking number the partner gave', async () => {
    const { deliveryId } = await stack.booked();
    const trackingNumber = (await stack.get(deliveryId)).body.partner?.trackingNumber ?? '';
    const webhook = aftershipWebhook(trackingNumber, [{ at: new Date(Date.now() - 60_000).toISOString(), code: 'InTransit', detail: 'InTransit_002' }]);
    const raw = JSON.stringify(webhook.body);
    expect(await stack.call('POST', '/webhooks/aftership', { rawBody: raw, headers: webhook.sign('dev-secret-aftership', raw, 0) })).toMatchObject({ status: 200, body: { result: 'applied' } });
    expect((await stack.get(deliveryId)).body.status).toBe('IN_TRANSIT');
    expect((await stack.call('POST', '/webhooks/aftership', { rawBody: raw, headers: webhook.sign('not-the-secret', raw, 0) })).status).toBe(401);
  });
});
