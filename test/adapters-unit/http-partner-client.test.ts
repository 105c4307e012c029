import { describe, expect, it } from 'vitest';
import { HttpPartnerClient } from '#adapters/partners/http-partner-client.ts';
import { PartnerProtocolError, PartnerUnavailableError } from '#adapters/partners/partner-errors.ts';
import { verifySignature } from '#shared/partner-signature.ts';
import type { Delivery } from '#domain/delivery.ts';
import { create } from '#test/support/commands.ts';
import { run } from '#test/support/specification.ts';
import { answer, drop, garbage, misbehavingPartner, slow, type Behaviour } from '#test/support/misbehaving-partner.ts';

const SECRET = 'partner-api-secret-0123456789';
const ACCEPTED = { jobId: 'job-1', trackingNumber: 'TRK1', status: 'ACCEPTED' };

const clientFor = async (script: readonly Behaviour[], timeoutMs = 300) => {
  const partner = await misbehavingPartner(script);
  const pauses: number[] = [];
  const client = new HttpPartnerClient({
    partnerId: 'acme',
    baseUrl: `${partner.url}/v1/`,
    signingSecret: () => Promise.resolve(SECRET),
    timeoutMs,
    retry: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1_000 },
    retryDeps: {
      sleep: (ms) => {
        pauses.push(ms);
        return Promise.resolve();
      },
      random: () => 0.5,
    },
  });
  return { client, requests: partner.requests, pauses };
};

const delivery = run([create()]) as Delivery;

describe('the HTTP client of a partner booking API, against a real server that misbehaves', () => {
  it('books with a signed request carrying an Idempotency-Key, and reads the job it opened', async () => {
    const { client, requests } = await clientFor([answer(201, ACCEPTED)]);
    expect(await client.book('acme', delivery)).toEqual({ outcome: 'ACCEPTED', jobId: 'job-1', trackingNumber: 'TRK1' });
    const [request] = requests;
    expect(request).toMatchObject({ method: 'POST', path: '/v1/bookings' });
    expect(request?.headers['idempotency-key']).toBe(`book-${delivery.deliveryId}-v${String(delivery.version)}`);
    expect(verifySignature(String(request?.headers['x-partner-signature']), request?.body ?? '', [SECRET], Math.floor(Date.now() / 1000)), 'signed as webhooks are').toBeNull();
    expect(JSON.parse(request?.body ?? '{}')).toMatchObject({ reference: delivery.deliveryId, orderId: delivery.orderId, address: delivery.request.address });
  });

  it('retries a 500, a dropped connection and a slow answer with jittered pauses, then succeeds with the same Idempotency-Key', async () => {
    const { client, requests, pauses } = await clientFor([answer(503, {}), drop, answer(201, ACCEPTED)]);
    expect(await client.book('acme', delivery)).toMatchObject({ outcome: 'ACCEPTED', jobId: 'job-1' });
    expect(requests).toHaveLength(3);
    expect(new Set(requests.map((request) => request.headers['idempotency-key'])).size).toBe(1);
    expect(pauses).toEqual([50, 100]);

    const timedOut = await clientFor([slow(1_000), answer(201, ACCEPTED)], 100);
    expect(await timedOut.client.book('acme', delivery)).toMatchObject({ outcome: 'ACCEPTED' });
    expect(timedOut.requests).toHaveLength(2);
  });

  it('gives up after its attempts with PartnerUnavailableError naming the last failure', async () => {
    const { client, requests } = await clientFor([slow(1_000)], 100);
    await expect(client.book('acme', delivery)).rejects.toThrow(new PartnerUnavailableError('acme', 'no answer within 100 ms'));
    expect(requests).toHaveLength(3);
    const failing = await clientFor([answer(500, { error: 'boom' })]);
    await expect(failing.client.cancel('acme', 'job-1')).rejects.toThrow(/HTTP 500/);
    const dropping = await clientFor([drop]);
    await expect(dropping.client.track('acme', 'job-1')).rejects.toThrow(/connection failed/);
  });

  it('takes a refusal (409, 422) as an answer, without retrying', async () => {
    const { client, requests } = await clientFor([answer(422, { reason: 'we do not deliver to N1' })]);
    expect(await client.book('acme', delivery)).toEqual({ outcome: 'REFUSED', reason: 'we do not deliver to N1' });
    expect(requests).toHaveLength(1);
    const conflict = await clientFor([answer(409, { reason: 'no capacity today' })]);
    expect(await conflict.client.book('acme', delivery)).toEqual({ outcome: 'REFUSED', reason: 'no capacity today' });
    expect(conflict.requests).toHaveLength(1);
  });

  it('refuses garbage, a wrong shape and an unexpected status as a PartnerProtocolError, without retrying', async () => {
    for (const script of [[garbage()], [answer(201, { jobId: 'job-1' })], [answer(401, { message: 'bad key' })], [answer(422, { why: 'no reason field' })]]) {
      const { client, requests } = await clientFor(script);
      await expect(client.book('acme', delivery)).rejects.toBeInstanceOf(PartnerProtocolError);
      expect(requests).toHaveLength(1);
    }
  });

  it('cancels, asks for a reattempt and tracks a job on its own path', async () => {
    const event = { eventId: 'e1', jobId: 'job/1', status: 'PICKED_UP', occurredAt: '2026-11-25T10:00:00Z' };
    const { client, requests } = await clientFor([answer(200, { result: 'REJECTED' }), answer(202, {}), answer(200, { events: [event] })]);
    expect(await client.cancel('acme', 'job/1')).toBe('REJECTED');
    await client.requestReattempt('acme', 'job/1', 'dlv-1-7');
    expect(await client.track('acme', 'job/1')).toEqual([event]);
    expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'POST /v1/bookings/job%2F1/cancel',
      'POST /v1/bookings/job%2F1/reattempt',
      'GET /v1/bookings/job%2F1/events',
    ]);
    expect(requests[0]?.headers['idempotency-key'], 'a retried cancel is one cancel').toBe('cancel-job/1');
    expect(requests[1]?.headers['idempotency-key']).toBe('reattempt-dlv-1-7');
  });

  it('tracks a job the partner no longer knows (404) as one with no events, not as a failure', async () => {
    const { client } = await clientFor([answer(404, { message: 'no such job' })]);
    expect(await client.track('acme', 'job-archived')).toEqual([]);
  });
});
