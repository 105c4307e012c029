import { describe, expect, inject, it } from 'vitest';
import { partnerEvent, StackClient } from './support/client.ts';

const stack = new StackClient(inject('stack'));

/** Sends the partner's scans of `jobId` in order, one second apart in partner time, each applied. */
const scans = async (jobId: string, statuses: readonly string[]): Promise<void> => {
  const start = Date.now() - 3_600_000;
  for (const [i, status] of statuses.entries()) {
    const reply = await stack.webhook('manual', partnerEvent(jobId, status, { occurredAt: new Date(start + i * 1000).toISOString(), reason: 'RECIPIENT_UNAVAILABLE' }));
    expect(reply, `${status} (#${String(i + 1)})`).toMatchObject({ status: 200, body: { result: 'applied' } });
  }
};

const THREE_FAILED_ATTEMPTS = ['PICKED_UP', 'OUT_FOR_DELIVERY', 'DELIVERY_ATTEMPTED', 'OUT_FOR_DELIVERY', 'DELIVERY_ATTEMPTED', 'OUT_FOR_DELIVERY', 'DELIVERY_ATTEMPTED'];

describe('operators and cancellations on the running stack', () => {
  it('max attempts puts the delivery on hold; the operator returns it to sender; the warehouse scan makes it RETURNED and ends the execution', async () => {
    const { deliveryId, jobId, executionArn } = await stack.booked();
    await scans(jobId, THREE_FAILED_ATTEMPTS);
    expect((await stack.get(deliveryId)).body).toMatchObject({ status: 'ON_HOLD', holdReason: 'MAX_ATTEMPTS', attemptCount: 3 });
    const listed = await stack.call('GET', '/deliveries?status=ON_HOLD&limit=100', { operator: true });
    expect(listed.status).toBe(200);
    expect(listed.body.items?.map((item) => item.deliveryId)).toContain(deliveryId);
    expect(listed.body.items?.every((item) => item.status === 'ON_HOLD'), 'only deliveries on hold').toBe(true);

    expect(await stack.act(deliveryId, 'RETURN_TO_SENDER', 'three failed attempts: send it back')).toMatchObject({ status: 202, body: { status: 'RETURNING' } });
    expect(await stack.act(deliveryId, 'CONFIRM_RETURNED', 'scanned in at the warehouse')).toMatchObject({ status: 202, body: { status: 'RETURNED' } });
    const execution = await stack.executionEnded(executionArn);
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output ?? '{}')).toMatchObject({ status: 'RETURNED' });
    const types = (await stack.events(deliveryId)).map((event) => event.type);
    expect(types.slice(-4)).toEqual(['DeliveryAttemptFailed', 'DeliveryPutOnHold', 'DeliveryReturnInitiated', 'DeliveryReturned']);
    const returned = (await stack.events(deliveryId)).at(-2);
    expect(returned).toMatchObject({ source: 'OPERATOR', reason: 'three failed attempts: send it back' });
    expect(returned?.actor).toEqual(expect.anything());
  });

  it('lets exactly one of six racing operator decisions win; the others get 409 and change nothing', async () => {
    const { deliveryId, jobId, executionArn } = await stack.booked();
    await scans(jobId, THREE_FAILED_ATTEMPTS);
    const actions = ['WRITE_OFF', 'DECLARE_LOST', 'WRITE_OFF', 'DECLARE_LOST', 'WRITE_OFF', 'DECLARE_LOST'];
    const replies = await Promise.all(actions.map((action, i) => stack.act(deliveryId, action, `operator ${String(i)} decides`)));
    const winners = replies.flatMap((reply, i) => (reply.status === 202 ? [actions[i]] : []));
    expect(winners).toHaveLength(1);
    for (const reply of replies.filter((r) => r.status !== 202)) expect(reply.body.error?.code).toMatch(/^(TRANSITION_NOT_ALLOWED|CONFLICT)$/);
    const outcome = winners[0] === 'WRITE_OFF' ? 'FAILED' : 'LOST';
    expect((await stack.get(deliveryId)).body.status).toBe(outcome);
    const types = (await stack.events(deliveryId)).map((event) => event.type);
    expect(types.filter((type) => type === 'DeliveryFailed' || type === 'DeliveryLost')).toHaveLength(1);
    const execution = await stack.executionEnded(executionArn);
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output ?? '{}')).toMatchObject({ status: outcome });
  });

  it('cancels before pickup: CANCELLING, the partner confirms, CANCELLED, the execution ends', async () => {
    const { deliveryId, executionArn } = await stack.booked();
    expect(await stack.cancel(deliveryId)).toMatchObject({ status: 202, body: { status: 'CANCELLING' } });
    await stack.viewWhen(deliveryId, 'cancelled', (view) => view.status === 'CANCELLED');
    expect((await stack.executionEnded(executionArn)).status).toBe('SUCCEEDED');
    expect((await stack.events(deliveryId)).map((event) => event.type).slice(-2)).toEqual(['DeliveryCancellationRequested', 'DeliveryCancelled']);
    expect(await stack.cancel(deliveryId), 'a cancelled delivery cannot be cancelled again').toMatchObject({ status: 409, body: { error: { code: 'TRANSITION_NOT_ALLOWED' } } });
  });

  it('cancels after pickup as an intercept: ON_HOLD(INTERCEPT_REQUESTED) for an operator, who returns it to sender', async () => {
    const { deliveryId, jobId } = await stack.booked();
    await scans(jobId, ['PICKED_UP']);
    expect(await stack.cancel(deliveryId)).toMatchObject({ status: 202, body: { status: 'ON_HOLD', holdReason: 'INTERCEPT_REQUESTED' } });
    expect(await stack.act(deliveryId, 'RETURN_TO_SENDER', 'the customer cancelled in transit')).toMatchObject({ status: 202, body: { status: 'RETURNING' } });
    const types = (await stack.events(deliveryId)).map((event) => event.type);
    expect(types.slice(-3)).toEqual(['DeliveryCancellationRequested', 'DeliveryPutOnHold', 'DeliveryReturnInitiated']);
  });
});
