import { describe, expect, it } from 'vitest';
import { DynamoDbCircuitStore } from '#adapters/delivery-store/circuit-store.ts';
import { CircuitBreaker } from '#adapters/partners/circuit-breaker.ts';
import { GuardedPartner } from '#adapters/partners/guarded-partner.ts';
import { HttpPartnerClient } from '#adapters/partners/http-partner-client.ts';
import { ManualPartner } from '#adapters/partners/manual-partner.ts';
import { partnerRoutesSchema } from '#schemas/partner-routes.ts';
import { freshRepository } from '#test/support/dynamodb.ts';
import { answer, misbehavingPartner, slow, type Behaviour } from '#test/support/misbehaving-partner.ts';
import { workflowOnFreshTable } from '#test/support/workflow-harness.ts';

/** `acme`, an HTTP partner on a real server that behaves as `script` says, behind a circuit that opens at the first failure. */
const acmeOn = async (script: readonly Behaviour[]) => {
  const server = await misbehavingPartner(script);
  const circuits = await freshRepository();
  const breaker = new CircuitBreaker(new DynamoDbCircuitStore({ client: circuits.client, tableName: circuits.tableName }), { failureThreshold: 1, openSeconds: 60 });
  const client = new HttpPartnerClient({
    partnerId: 'acme',
    baseUrl: server.url,
    signingSecret: () => Promise.resolve('acme-secret-0123456789abcdef'),
    timeoutMs: 100,
    retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 10 },
  });
  return { acme: new GuardedPartner(client, breaker), requests: server.requests };
};

describe('the workflow booking real HTTP partners', () => {
  it('falls over to the next partner when the first times out, then skips it while its circuit is open', async () => {
    const { acme, requests } = await acmeOn([slow(1_000)]);
    const harness = await workflowOnFreshTable({ partners: { acme, manual: new ManualPartner() } });

    const first = await harness.create({ partnerId: 'acme' });
    const booked = await harness.deliveryWhere(first, 'a booking', (d) => d.status === 'AWAITING_PICKUP');
    expect(booked.partner?.id).toBe('manual');
    expect(requests, 'one call and its retry').toHaveLength(2);
    expect((await harness.repository.listEvents(first))[2]).toMatchObject({
      type: 'DeliveryDispatchFailed',
      reason: 'booking failed: partner acme unavailable: no answer within 100 ms',
      data: { failedPartnerId: 'acme', nextPartnerId: 'manual' },
    });

    const second = await harness.create({ partnerId: 'acme' });
    expect((await harness.deliveryWhere(second, 'a booking', (d) => d.status === 'AWAITING_PICKUP')).partner?.id).toBe('manual');
    expect(requests, 'no call while the circuit is open').toHaveLength(2);
    expect((await harness.repository.listEvents(second))[2]?.reason).toMatch(/^booking failed: partner acme circuit open until /);
  });

  it('books the partner the routing rules choose for the address, with the job its API opened', async () => {
    const { acme, requests } = await acmeOn([answer(201, { jobId: 'acme-77', trackingNumber: 'AC77', status: 'ACCEPTED' })]);
    const routes = partnerRoutesSchema.parse([{ countries: ['GB'], postalPrefixes: ['N1'], partners: [{ id: 'acme' }] }]);
    const harness = await workflowOnFreshTable({ partners: { manual: new ManualPartner(), acme }, routes });
    const deliveryId = await harness.create();
    const booked = await harness.deliveryWhere(deliveryId, 'a booking', (d) => d.status === 'AWAITING_PICKUP');
    expect(booked.partner).toMatchObject({ id: 'acme', jobId: 'acme-77', trackingNumber: 'AC77' });
    expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual(['POST /bookings']);
  });
});
