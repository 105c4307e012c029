import { describe, expect, it } from 'vitest';
import { path } from '#test/support/paths.ts';
import { commitAll } from '#test/support/store-steps.ts';
import { WEBHOOK_NOW, webhookOnFreshTable } from '#test/support/webhook-client.ts';

const nowSeconds = Math.floor(WEBHOOK_NOW.getTime() / 1000);
let counter = 0;
const webhook = (status: string, overrides: Record<string, unknown> = {}) => ({
  eventId: `evt-${String(++counter)}`,
  jobId: 'job-1',
  status,
  occurredAt: new Date(WEBHOOK_NOW.getTime() + counter * 1000).toISOString(),
  ...overrides,
});

const awaitingPickup = async (env: NodeJS.ProcessEnv = {}) => {
  const receiver = await webhookOnFreshTable(env);
  const delivery = await commitAll(receiver.repository, path.awaitingPickup());
  const status = async () => (await receiver.repository.get(delivery.deliveryId))?.status;
  return { ...receiver, delivery, status };
};

describe('POST /webhooks/{partnerId}', () => {
  it('applies a signed partner event: 200 applied, and the delivery moves', async () => {
    const { send, status } = await awaitingPickup();
    expect(await send('manual', webhook('PICKED_UP'))).toEqual({ status: 200, body: { result: 'applied' } });
    expect(await status()).toBe('IN_TRANSIT');
    expect(await send('manual', webhook('IN_TRANSIT'))).toEqual({ status: 200, body: { result: 'recorded' } });
  });

  it('acknowledges a repeat of (partnerId, eventId) as duplicate, with no effect', async () => {
    const { send, repository, delivery } = await awaitingPickup();
    const event = webhook('PICKED_UP');
    await send('manual', event);
    const version = (await repository.get(delivery.deliveryId))?.version;
    expect(await send('manual', { ...event, status: 'DELIVERED' })).toEqual({ status: 200, body: { result: 'duplicate' } });
    expect((await repository.get(delivery.deliveryId))?.version).toBe(version);
  });

  it('applies 20 concurrent copies of one webhook once', async () => {
    const { send, repository, delivery } = await awaitingPickup();
    const event = webhook('PICKED_UP');
    const answers = await Promise.all(Array.from({ length: 20 }, () => send('manual', event)));
    expect(answers.filter((a) => a.body['result'] === 'applied')).toHaveLength(1);
    expect(answers.filter((a) => a.body['result'] === 'duplicate')).toHaveLength(19);
    expect((await repository.listEvents(delivery.deliveryId)).filter((e) => e.type === 'DeliveryHandedOver')).toHaveLength(1);
  });

  it.each([
    ['no signature', { header: '' }],
    ['a wrong secret', { secrets: ['guess'] }],
    ['a tampered body', { signedBody: '{"status":"PICKED_UP"}' }],
    ['a stale timestamp', { timestamp: nowSeconds - 301 }],
    ['a timestamp from the future', { timestamp: nowSeconds + 301 }],
  ])('refuses %s with 401 and changes nothing', async (_case, signing) => {
    const { send, status } = await awaitingPickup();
    expect(await send('manual', webhook('PICKED_UP'), signing)).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHORIZED' } } });
    expect(await status()).toBe('AWAITING_PICKUP');
  });

  it('accepts both secrets while one is rotated', async () => {
    const { send, status } = await awaitingPickup({ PARTNER_SECRET_MANUAL: 'new-secret, old-secret' });
    expect(await send('manual', webhook('PICKED_UP'), { secrets: ['old-secret'] })).toMatchObject({ status: 200 });
    expect(await send('manual', webhook('OUT_FOR_DELIVERY'), { secrets: ['new-secret'] })).toMatchObject({ status: 200 });
    expect(await status()).toBe('OUT_FOR_DELIVERY');
    expect(await send('manual', webhook('DELIVERED'), { secrets: ['dev-secret-manual'] })).toMatchObject({ status: 401 });
  });

  it('answers 404 for a job no delivery knows and for an unknown partner', async () => {
    const { send } = await awaitingPickup();
    expect(await send('manual', webhook('PICKED_UP', { jobId: 'job-unknown' }))).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
    expect(await send('sandbox', webhook('PICKED_UP'))).toMatchObject({ status: 404 });
    expect(await send('acme', webhook('PICKED_UP'))).toMatchObject({ status: 404 });
  });

  it('refuses a malformed body with 400 naming the field, once the signature is good', async () => {
    const { send, status } = await awaitingPickup();
    expect(await send('manual', webhook('PICKED_UP', { occurredAt: 'this morning' }))).toMatchObject({
      status: 400,
      body: { error: { code: 'VALIDATION_FAILED', details: [{ field: 'occurredAt' }] } },
    });
    expect(await status()).toBe('AWAITING_PICKUP');
  });

  it('quarantines an unknown status that asks for action, and keeps it on the timeline', async () => {
    const { send, status, repository, delivery } = await awaitingPickup();
    expect(await send('manual', webhook('TELEPORTED', { actionRequired: true }))).toEqual({ status: 200, body: { result: 'applied' } });
    expect(await status()).toBe('ON_HOLD');
    const history = await repository.history(delivery.deliveryId);
    expect(history.some(({ fact }) => fact.type === 'PartnerEventRecorded' && fact.status === 'TELEPORTED' && fact.disposition === 'UNKNOWN_STATUS')).toBe(true);
  });
});
