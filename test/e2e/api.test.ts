import { describe, expect, inject, it } from 'vitest';
import { deliveryIdOf, newOrder, StackClient } from './support/client.ts';

const stack = new StackClient(inject('stack'));

describe('the HTTP API of the running stack', () => {
  it('creates a delivery once per order: the same body again gives 200 and the same delivery, another body 409 CONFLICT', async () => {
    const order = newOrder();
    const first = await stack.create(order);
    expect(first.status).toBe(201);
    const again = await stack.create(order);
    expect(again.status).toBe(200);
    expect(deliveryIdOf(again)).toBe(deliveryIdOf(first));

    const other = await stack.create({ ...order, items: [{ sku: '978-0131103627', title: 'The C Programming Language', quantity: 2 }] });
    expect(other.status).toBe(409);
    expect(other.body.error?.code).toBe('CONFLICT');
    const created = (await stack.events(deliveryIdOf(first))).filter((event) => event.type === 'DeliveryCreated');
    expect(created).toHaveLength(1);
  });

  it.each([
    ['a missing required field', (order: Record<string, unknown>) => ({ ...order, customer: { email: 'ada@example.com' } }), 'customer.name'],
    ['an unknown field', (order: Record<string, unknown>) => ({ ...order, giftWrap: true }), 'giftWrap'],
    ['a country that is not ISO 3166-1 alpha-2', (order: Record<string, unknown>) => ({ ...order, address: { line1: '1 Main St', city: 'Paris', postalCode: '75001', country: 'France' } }), 'address.country'],
    ['a quantity out of range', (order: Record<string, unknown>) => ({ ...order, items: [{ sku: 'x', title: 'y', quantity: 1000 }] }), 'items.0.quantity'],
  ])('refuses %s with 400 VALIDATION_FAILED naming the field, and writes nothing', async (_case, spoil, field) => {
    const order = newOrder();
    const refused = await stack.call('POST', '/deliveries', { body: spoil({ ...order }) });
    expect(refused.status).toBe(400);
    expect(refused.body.error?.code).toBe('VALIDATION_FAILED');
    expect(refused.body.error?.details.map((detail) => detail.field)).toContain(field);
    expect((await stack.create(order)).status, 'the order was not stored: creating it now is a first creation').toBe(201);
  });

  it('refuses a body that is not JSON, and one over 64 KiB with 413', async () => {
    const notJson = await stack.call('POST', '/deliveries', { rawBody: '{"orderId": ' });
    expect(notJson).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED' } } });
    const tooLarge = await stack.call('POST', '/deliveries', { rawBody: JSON.stringify({ ...newOrder(), padding: 'x'.repeat(65 * 1024) }) });
    expect(tooLarge).toMatchObject({ status: 413, body: { error: { code: 'PAYLOAD_TOO_LARGE' } } });
  });

  it('answers 404 NOT_FOUND for a delivery nobody created, and keeps operator routes behind the operator token', async () => {
    expect(await stack.get('dlv-00000000-0000-4000-8000-000000000000')).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
    const { deliveryId } = await stack.booked();
    const anonymous = await stack.call('POST', `/deliveries/${deliveryId}/actions`, { body: { action: 'HOLD', reason: 'checking' } });
    expect(anonymous).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHORIZED' } } });
    const wrongToken = await stack.call('GET', '/deliveries?status=ON_HOLD', { headers: { authorization: 'Bearer not-the-token' } });
    expect(wrongToken.status).toBe(401);
    expect((await stack.get(deliveryId)).body.status, 'nothing changed').toBe('AWAITING_PICKUP');
    expect(await stack.call('GET', '/health'), 'each part of the stack listed').toEqual({ status: 200, body: { status: 'ok', parts: { dynamodb: { status: 'up' }, relay: { status: 'up' } } } });
  });
});
