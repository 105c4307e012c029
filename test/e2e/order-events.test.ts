import { setTimeout as sleep } from 'node:timers/promises';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { describe, expect, inject, it } from 'vitest';
import { deliveryIdOf, eventually, newOrder, StackClient } from './support/client.ts';

const stack = new StackClient(inject('stack'));

/** Puts one order-service event on the bus through the real EventBridge client, its detail as JSON text. */
const putOrderEventJson = async (detailType: 'OrderPaid' | 'OrderCancelled', detail: string): Promise<void> => {
  const reply = await stack.eventBridge.send(
    new PutEventsCommand({ Entries: [{ Source: 'bookstore.orders', DetailType: detailType, EventBusName: 'bookstore-delivery', Detail: detail }] }),
  );
  expect(reply.FailedEntryCount).toBe(0);
};

/** Puts one order-service event on the bus through the real EventBridge client. */
const putOrderEvent = (detailType: 'OrderPaid' | 'OrderCancelled', detail: unknown): Promise<void> => putOrderEventJson(detailType, JSON.stringify(detail));

/** The deliveries created on the bus for `orderId`: their DeliveryCreated events. */
const createdFor = async (orderId: string) =>
  (await stack.busEntries()).filter((entry) => entry.DetailType === 'DeliveryCreated' && (JSON.parse(entry.Detail) as { orderId: string }).orderId === orderId);

describe('order events through the bus of the running stack', () => {
  it('creates one delivery from OrderPaid put twice, and OrderCancelled cancels it', async () => {
    const order = newOrder();
    await putOrderEvent('OrderPaid', order);
    await putOrderEvent('OrderPaid', order);
    const [created] = await eventually('the delivery', async () => {
      const found = await createdFor(order.orderId);
      return found.length > 0 ? found : undefined;
    });
    const { deliveryId } = JSON.parse(created?.Detail ?? '{}') as { deliveryId: string };
    await stack.viewWhen(deliveryId, 'booked', (view) => view.status === 'AWAITING_PICKUP');
    await sleep(500);
    expect(await createdFor(order.orderId), 'one delivery for the order').toHaveLength(1);
    expect(deliveryIdOf(await stack.create(order)), 'the API finds the same one').toBe(deliveryId);

    await putOrderEvent('OrderCancelled', { orderId: order.orderId, reason: 'refunded' });
    await stack.viewWhen(deliveryId, 'cancelled', (view) => view.status === 'CANCELLED');
    const cancelled = (await stack.events(deliveryId)).find((event) => event.type === 'DeliveryCancellationRequested');
    expect(cancelled).toMatchObject({ source: 'CUSTOMER', reason: 'refunded' });
  });

  it('rejects a malformed OrderPaid with its reason, for a person to inspect, and creates nothing', async () => {
    const order = newOrder();
    await putOrderEvent('OrderPaid', { ...order, items: [] });
    const rejected = await eventually('the rejection', async () => {
      const found = (await stack.rejectedEvents()).find((entry) => JSON.stringify(entry.event).includes(order.orderId));
      return found;
    });
    expect(rejected.reason).toContain('items');
    expect(await createdFor(order.orderId)).toHaveLength(0);
    expect((await stack.create(order)).status, 'no delivery was stored for the order').toBe(201);
  });

  it('still lists the rejections once an OrderPaid nested 10,000 deep was rejected, that one kept as a placeholder naming why', async () => {
    // Written as text: JSON.stringify itself cannot serialize an object this deep.
    const deep = `${'{"deeper":'.repeat(10_000)}"bottom"${'}'.repeat(10_000)}`;
    await putOrderEventJson('OrderPaid', JSON.stringify({ ...newOrder(), items: 'DEEP' }).replace('"DEEP"', deep));
    const after = newOrder();
    await putOrderEvent('OrderPaid', { ...after, items: [] });
    const rejections = await eventually('both rejections', async () => {
      const entries = await stack.rejectedEvents();
      return entries.some((entry) => JSON.stringify(entry.event).includes(after.orderId)) ? entries : undefined;
    });
    expect(rejections.filter((entry) => JSON.stringify(entry.event).includes('nested more than'))).toEqual([
      { reason: expect.stringContaining('items') as string, rejectedAt: expect.any(String) as string, event: { notKept: expect.stringMatching(/nested more than 1100 levels deep/) as string } },
    ]);
  });
});
