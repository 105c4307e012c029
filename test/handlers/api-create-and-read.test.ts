import { describe, expect, it } from 'vitest';
import { createRequest } from '#test/support/commands.ts';
import { apiOnFreshTable } from '#test/support/api-client.ts';

const create = (body: unknown) => ({ method: 'POST', resource: '/deliveries', body });
const get = (deliveryId: string, resource = '/deliveries/{deliveryId}') => ({ method: 'GET', resource, pathParameters: { deliveryId } });

describe('POST /deliveries and GET /deliveries/{deliveryId}', () => {
  it('creates a PENDING delivery: 201 with the view, and no personal data in it', async () => {
    const { call } = await apiOnFreshTable();
    const body = createRequest();
    const created = await call(create(body));

    expect(created.status).toBe(201);
    const deliveryId = created.body['deliveryId'] as string;
    expect(created.body).toEqual({
      deliveryId,
      orderId: body.orderId,
      status: 'PENDING',
      holdReason: null,
      attemptCount: 0,
      maxAttempts: 3,
      partner: null,
      promisedBy: body.promisedBy,
      executionArn: `arn:aws:states:eu-west-1:123456789012:execution:DeliveryLifecycle:${deliveryId}`,
      version: 1,
      createdAt: expect.any(String) as unknown,
      updatedAt: expect.any(String) as unknown,
    });
    expect(await call(get(deliveryId))).toEqual({ status: 200, body: created.body });
  });

  it('answers the same order and body with 200 and the same delivery, another body with 409 CONFLICT', async () => {
    const { call } = await apiOnFreshTable();
    const body = createRequest();
    const first = await call(create(body));
    const reordered = { items: body.items, address: body.address, customer: body.customer, orderId: body.orderId, promisedBy: body.promisedBy, partnerId: body.partnerId };

    expect(await call(create(reordered))).toEqual({ status: 200, body: first.body });
    const other = await call(create({ ...body, items: [{ sku: 'x', title: 'Another book', quantity: 2 }] }));
    expect(other.status).toBe(409);
    expect(other.body).toMatchObject({ error: { code: 'CONFLICT', details: [{ field: 'orderId' }] } });
  });

  it.each([
    ['an unknown field', { giftWrap: true }, 'giftWrap'],
    ['an unknown nested field', { customer: { name: 'A', age: 3 } }, 'customer.age'],
    ['a bad country', { address: { line1: 'a', city: 'b', postalCode: 'c', country: 'XX' } }, 'address.country'],
    ['a quantity of 0', { items: [{ sku: 's', title: 't', quantity: 0 }] }, 'items.0.quantity'],
    ['a bad orderId', { orderId: 'has spaces' }, 'orderId'],
  ])('refuses %s with 400 naming the field, and writes nothing', async (_case, change, field) => {
    const { call, repository } = await apiOnFreshTable();
    const body = { ...createRequest(), ...change };
    const answer = await call(create(body));
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: [{ field }] } });
    expect(await repository.findByOrderId(body.orderId)).toBeNull();
  });

  it('answers 409 CONFLICT naming orderId for an order that was cancelled before a delivery was created', async () => {
    const { call, repository } = await apiOnFreshTable();
    const body = createRequest({ orderId: 'ord-cancelled-early' });
    expect(await repository.markOrderCancelled(body.orderId, 'refunded')).toBe(true);
    expect(await call(create(body))).toMatchObject({
      status: 409,
      body: { error: { code: 'CONFLICT', details: [{ field: 'orderId' }] } },
    });
  });

  it('refuses a missing body and a body that is not JSON with 400', async () => {
    const { call } = await apiOnFreshTable();
    for (const body of [undefined, '{"orderId": ']) {
      expect(await call(create(body))).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED', details: [{ field: 'body' }] } } });
    }
  });

  it('refuses a body over 64 KiB with 413 and writes nothing', async () => {
    const { call, repository } = await apiOnFreshTable();
    const body = { ...createRequest(), items: [{ sku: 's', title: 'x'.repeat(70_000), quantity: 1 }] };
    expect(await call(create(body))).toMatchObject({ status: 413, body: { error: { code: 'PAYLOAD_TOO_LARGE' } } });
    expect(await repository.findByOrderId(body.orderId)).toBeNull();
  });

  it('answers 404 for a delivery that does not exist, 400 for a malformed id, and 404 for an unknown route', async () => {
    const { call } = await apiOnFreshTable();
    expect(await call(get('dlv-missing'))).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
    expect(await call(get('not an id'))).toMatchObject({ status: 400, body: { error: { details: [{ field: 'deliveryId' }] } } });
    expect(await call({ method: 'DELETE', resource: '/deliveries' })).toMatchObject({ status: 404 });
    expect(await call({ method: 'GET', resource: '/health' })).toEqual({ status: 200, body: { status: 'ok' } });
  });

  it('lists every event of a delivery, ascending sequence', async () => {
    const { call } = await apiOnFreshTable();
    const { body } = await call(create(createRequest()));
    const deliveryId = body['deliveryId'] as string;
    await call({ method: 'POST', resource: '/deliveries/{deliveryId}/actions', pathParameters: { deliveryId }, body: { action: 'HOLD', reason: 'check' }, claims: { 'cognito:username': 'op-ada' } });
    const events = await call(get(deliveryId, '/deliveries/{deliveryId}/events'));
    expect(events.status).toBe(200);
    expect((events.body['events'] as { type: string; sequence: number }[]).map((e) => [e.sequence, e.type])).toEqual([
      [1, 'DeliveryCreated'],
      [2, 'DeliveryPutOnHold'],
    ]);
    expect(await call(get('dlv-missing', '/deliveries/{deliveryId}/events'))).toMatchObject({ status: 404 });
  });
});
