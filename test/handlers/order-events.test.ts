import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { handleOrderEvent } from '#application/order-events.ts';
import { createRequest } from '#test/support/commands.ts';
import { deterministicDeps } from '#test/support/deterministic-deps.ts';
import { captureLogs } from '#test/support/log-capture.ts';
import { freshRepository } from '#test/support/dynamodb.ts';

const paid = (detail: unknown, id = randomUUID()) => ({ id, source: 'bookstore.orders', 'detail-type': 'OrderPaid', detail });
const cancelled = (orderId: string, id = randomUUID()) => ({ id, source: 'bookstore.orders', 'detail-type': 'OrderCancelled', detail: { orderId, reason: 'refunded' } });

const setUp = async () => {
  const store = await freshRepository();
  const rejections: { event: unknown; reason: string }[] = [];
  const context = {
    repository: store.repository,
    deps: deterministicDeps(),
    rejected: { reject: (event: unknown, reason: string) => Promise.resolve(void rejections.push({ event, reason })) },
  };
  return { ...store, rejections, handle: (event: unknown) => handleOrderEvent(event, context) };
};

describe('inbound OrderPaid / OrderCancelled', () => {
  it('creates one delivery for OrderPaid sent twice', async () => {
    const { handle, repository } = await setUp();
    const body = createRequest();
    expect(await handle(paid(body))).toBe('created');
    expect(await handle(paid(body))).toBe('already-created');
    const order = await repository.findByOrderId(body.orderId);
    expect(order).not.toBeNull();
    expect((await repository.listEvents(order?.deliveryId ?? '')).map((e) => e.type)).toEqual(['DeliveryCreated']);
  });

  it('cancels on OrderCancelled, once however often it comes', async () => {
    const { handle, repository } = await setUp();
    const body = createRequest();
    await handle(paid(body));
    const event = cancelled(body.orderId);
    expect(await handle(event)).toBe('cancelled');
    expect(await handle(event)).toBe('already-applied');
    const order = await repository.findByOrderId(body.orderId);
    expect((await repository.get(order?.deliveryId ?? ''))?.status).toBe('CANCELLED');
  });

  it.each([
    ['a malformed OrderPaid', paid({ ...createRequest(), address: { line1: 'x', city: 'y', postalCode: 'z', country: 'XX' } }), /address.country/],
    ['an unknown detail-type', { id: 'e-1', source: 'bookstore.orders', 'detail-type': 'OrderShipped', detail: {} }, /malformed/],
  ])('rejects %s to the dead-letter queue with its reason, writing nothing', async (_case, event, reason) => {
    const { handle, rejections, repository } = await setUp();
    expect(await handle(event)).toBe('rejected');
    expect(rejections).toEqual([{ event, reason: expect.stringMatching(reason) as unknown }]);
    expect(await repository.findByOrderId('ord-never-paid')).toBeNull();
  });

  it('marks an order cancelled when its OrderCancelled comes first: its OrderPaid then creates nothing and is rejected with the reason', async () => {
    const { handle, rejections, repository } = await setUp();
    const body = createRequest({ orderId: 'ord-cancelled-first' });
    const cancel = cancelled(body.orderId);
    expect(await handle(cancel)).toBe('cancelled-before-delivery');
    expect(await handle(cancel)).toBe('already-applied');
    const payment = paid(body);
    expect(await handle(payment)).toBe('rejected');
    expect(rejections).toEqual([{ event: payment, reason: expect.stringMatching(/cancelled before it was paid/) as unknown }]);
    expect(await repository.findByOrderId(body.orderId)).toEqual({ deliveryId: null, requestHash: null });
  });

  it('never leaves a live delivery when OrderPaid and OrderCancelled race', async () => {
    const { handle, repository } = await setUp();
    for (let round = 0; round < 10; round += 1) {
      const body = createRequest({ orderId: `ord-race-${String(round)}` });
      const outcomes = await Promise.all([handle(paid(body)), handle(cancelled(body.orderId))]);
      const order = await repository.findByOrderId(body.orderId);
      if (order?.deliveryId == null) {
        expect(outcomes).toEqual(['rejected', 'cancelled-before-delivery']);
      } else {
        expect(outcomes).toEqual(['created', 'cancelled']);
        expect((await repository.get(order.deliveryId))?.status).toBe('CANCELLED');
      }
    }
  });

  it('rejects OrderPaid with another body for an order that has a delivery, and a cancel the table forbids', async () => {
    const { handle, rejections } = await setUp();
    const body = createRequest();
    await handle(paid(body));
    expect(await handle(paid({ ...body, items: [{ sku: 'x', title: 'Other', quantity: 2 }] }))).toBe('rejected');
    await handle(cancelled(body.orderId));
    expect(await handle(cancelled(body.orderId))).toBe('rejected');
    expect(rejections.map((r) => r.reason)).toEqual([expect.stringMatching(/another body/), expect.stringMatching(/not allowed while the delivery is CANCELLED/)]);
  });

  // That no personal data reaches this line or any other: log-privacy.test.ts.
  it('logs a rejection with its reason', async () => {
    const { handle } = await setUp();
    const logs = captureLogs();
    const body = createRequest({ customer: { name: 'Grace Hopper', email: 'grace@example', phone: '+15550000001' } });
    expect(await handle(paid(body))).toBe('rejected');
    logs.stop();
    const rejected = logs.parsed().find((line) => line['message'] === 'order event rejected');
    expect(rejected).toMatchObject({ level: 'WARN', reason: expect.stringContaining('customer.email') as string });
  });
});
