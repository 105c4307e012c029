import { ListExecutionsCommand } from '@aws-sdk/client-sfn';
import { describe, expect, inject, it } from 'vitest';
import { DELIVERED_WITHOUT_A_HITCH } from '#test/support/event-records.ts';
import { deliveryIdOf, eventually, newOrder, partnerEvent, StackClient } from './support/client.ts';

const stack = new StackClient(inject('stack'));

/** Waits until the bus holds as many distinct events of the delivery as it committed; those, in the order put. */
const publishedEventsOf = async (deliveryId: string, committed: number) =>
  eventually(`the events of ${deliveryId} on the bus`, async () => {
    const published = await stack.busEventsOf(deliveryId);
    return new Set(published.map((event) => event.eventId)).size >= committed ? published : undefined;
  });

describe('a delivery from order to doorstep, seen from outside the stack', () => {
  it('manual partner: created, booked, picked up, out for delivery, delivered; the execution SUCCEEDED and every event reached the bus', async () => {
    const { deliveryId, jobId, executionArn } = await stack.booked();
    expect(executionArn).toMatch(new RegExp(`:execution:DeliveryLifecycle:${deliveryId}$`));
    const start = Date.now() - 60_000;
    for (const [i, status] of ['PICKED_UP', 'OUT_FOR_DELIVERY', 'DELIVERED'].entries()) {
      const reply = await stack.webhook('manual', partnerEvent(jobId, status, { occurredAt: new Date(start + i * 1000).toISOString() }));
      expect(reply, status).toMatchObject({ status: 200, body: { result: 'applied' } });
    }

    const execution = await stack.executionEnded(executionArn);
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output ?? '{}')).toMatchObject({ deliveryId, status: 'DELIVERED' });
    const statesEntered = await stack.statesEntered(executionArn);
    expect(statesEntered[0]).toBe('Book a partner and wait for pickup');
    expect(statesEntered.at(-1)).toBe('Delivery completed');

    const events = await stack.events(deliveryId);
    expect(events.map((event) => event.type)).toEqual(DELIVERED_WITHOUT_A_HITCH);
    expect(events.map((event) => event.sequence)).toEqual([1, 2, 3, 4, 5, 6]);
    const published = await publishedEventsOf(deliveryId, events.length);
    expect([...new Set(published.map((event) => event.eventId))], 'every committed event, in sequence').toEqual(events.map((event) => event.eventId));
    expect((await stack.get(deliveryId)).body).toMatchObject({ status: 'DELIVERED', holdReason: null, partner: { id: 'manual', jobId } });
  });

  it('sandbox partner: the default scenario books and delivers on its own with signed webhooks, listed among the executions', async () => {
    const created = await stack.create(newOrder({ partnerId: 'sandbox' }));
    expect(created.status).toBe(201);
    const deliveryId = deliveryIdOf(created);
    const delivered = await stack.viewWhen(deliveryId, 'delivered by the sandbox', (view) => view.status === 'DELIVERED');
    expect(delivered.partner?.id).toBe('sandbox');
    const executionArn = delivered.executionArn ?? '';
    expect((await stack.executionEnded(executionArn)).status).toBe('SUCCEEDED');
    const { executions } = await stack.sfn.send(new ListExecutionsCommand({ stateMachineArn: executionArn.replace(/:execution:(.+):[^:]+$/, ':stateMachine:$1'), maxResults: 1000 }));
    expect(executions?.filter((execution) => execution.name === deliveryId)).toEqual([expect.objectContaining({ status: 'SUCCEEDED' })]);
    expect((await stack.events(deliveryId)).map((event) => event.type)).toEqual(DELIVERED_WITHOUT_A_HITCH);
  });
});
