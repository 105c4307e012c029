import { describe, expect, it, vi } from 'vitest';
import { captureLogs } from '#test/support/log-capture.ts';
import { DELIVERED_WITHOUT_A_HITCH } from '#test/support/event-records.ts';
import { scan, statesEntered, workflowOnFreshTable } from '#test/support/workflow-harness.ts';

/** A partner event for the job the manual partner opened. */
describe('the workflow on the local engine, with the real tasks over DynamoDB Local', () => {
  it('runs the happy path in 5 billed transitions: book and wait for pickup, wait in custody, delivered', async () => {
    const { create, send, deliveryWhere, parkedIn, finished, repository } = await workflowOnFreshTable();
    const deliveryId = await create();
    const booked = await deliveryWhere(deliveryId, 'a booking', (d) => d.status === 'AWAITING_PICKUP');
    const jobId = booked.partner?.jobId ?? '';
    await parkedIn(deliveryId, 'Book a partner and wait for pickup');

    await send(deliveryId, scan('PICKED_UP', jobId));
    await parkedIn(deliveryId, 'Wait for the partner to deliver');
    await send(deliveryId, scan('OUT_FOR_DELIVERY', jobId));
    await send(deliveryId, scan('DELIVERED', jobId));

    const execution = await finished(deliveryId);
    expect(execution.status).toBe('SUCCEEDED');
    expect(statesEntered(execution)).toEqual([
      'Book a partner and wait for pickup',
      'Decide what happens next',
      'Wait for the partner to deliver',
      'Decide what happens next',
      'Delivery completed',
    ]);
    expect(execution.output).toMatchObject({ deliveryId, status: 'DELIVERED' });
    expect((await repository.listEvents(deliveryId)).map((e) => e.type)).toEqual(DELIVERED_WITHOUT_A_HITCH);
  });

  it('holds a delivery nobody picks up by the pickup deadline: ON_HOLD(PICKUP_OVERDUE), then waits for an operator', async () => {
    const { create, deliveryWhere, parkedIn, workflow, repository } = await workflowOnFreshTable({ timers: { pickupDeadlineSeconds: 1 } });
    const deliveryId = await create();
    const held = await deliveryWhere(deliveryId, 'the pickup deadline', (d) => d.status === 'ON_HOLD');
    expect(held.holdReason).toBe('PICKUP_OVERDUE');
    await parkedIn(deliveryId, 'Wait for pickup or an operator');
    const execution = workflow.execution(deliveryId);
    // The booking's budget is the pickup deadline here (1 s): a booking slower than that on a loaded machine
    // makes the timer check come a moment early and wait out the rest once.
    const check = ['Check the timers', 'Decide what happens next'];
    expect([
      ['Book a partner and wait for pickup', ...check, 'Wait for pickup or an operator'],
      ['Book a partner and wait for pickup', ...check, 'Wait for pickup or an operator', ...check, 'Wait for pickup or an operator'],
    ]).toContainEqual(execution && statesEntered(execution));
    expect((await repository.listEvents(deliveryId)).filter((event) => event.type === 'DeliveryPutOnHold')).toHaveLength(1);
  });

  it('waits in custody without a heartbeat while the SLA comes before the stall threshold, then breaches the SLA once', async () => {
    const { create, send, deliveryWhere, parkedIn, repository } = await workflowOnFreshTable();
    const deliveryId = await create({ promisedBy: new Date(Date.now() + 3000).toISOString() });
    const jobId = (await deliveryWhere(deliveryId, 'a booking', (d) => d.status === 'AWAITING_PICKUP')).partner?.jobId ?? '';
    await parkedIn(deliveryId, 'Book a partner and wait for pickup');
    await send(deliveryId, scan('PICKED_UP', jobId));
    await deliveryWhere(deliveryId, 'the SLA breach', (d) => d.slaBreached);
    await parkedIn(deliveryId, 'Wait for the partner to deliver');
    expect((await repository.listEvents(deliveryId)).filter((e) => e.type === 'DeliverySlaBreached')).toHaveLength(1);
    expect((await repository.get(deliveryId))?.status).toBe('IN_TRANSIT');
  });

  it('holds a delivery whose partner goes quiet for the stall threshold: ON_HOLD(STALLED); activity before that extends it', async () => {
    const { create, send, deliveryWhere, parkedIn, workflow } = await workflowOnFreshTable({ timers: { stallThresholdSeconds: 3 } });
    const deliveryId = await create();
    const jobId = (await deliveryWhere(deliveryId, 'a booking', (d) => d.status === 'AWAITING_PICKUP')).partner?.jobId ?? '';
    await parkedIn(deliveryId, 'Book a partner and wait for pickup');
    await send(deliveryId, scan('PICKED_UP', jobId));
    await parkedIn(deliveryId, 'Wait for the partner to deliver');
    for (let i = 0; i < 3; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await send(deliveryId, scan('IN_TRANSIT', jobId));
    }
    expect((await deliveryWhere(deliveryId, 'still in transit', () => true)).status).toBe('IN_TRANSIT');

    const stalled = await deliveryWhere(deliveryId, 'the stall', (d) => d.status === 'ON_HOLD');
    expect(stalled.holdReason).toBe('STALLED');
    const execution = workflow.execution(deliveryId);
    expect(execution && statesEntered(execution)).toContain('Report a stalled delivery');
  });

  it('reports no stall when the partner was active within the threshold, even if a heartbeat came late', async () => {
    const { create, send, deliveryWhere, parkedIn, runTask, repository } = await workflowOnFreshTable({ timers: { stallThresholdSeconds: 3_600 } });
    const deliveryId = await create();
    const jobId = (await deliveryWhere(deliveryId, 'a booking', (d) => d.status === 'AWAITING_PICKUP')).partner?.jobId ?? '';
    await parkedIn(deliveryId, 'Book a partner and wait for pickup');
    await send(deliveryId, scan('PICKED_UP', jobId));
    await parkedIn(deliveryId, 'Wait for the partner to deliver');
    const before = await repository.get(deliveryId);
    expect(await runTask({ task: 'STALL', deliveryId })).toMatchObject({ status: 'IN_TRANSIT', wait: { phase: 'IN_CUSTODY' } });
    expect(await repository.get(deliveryId)).toEqual(before);
  });

  it('logs each task with the delivery, its order and the execution it runs in', async () => {
    const capture = captureLogs();
    const { create, deliveryWhere, parkedIn, workflow } = await workflowOnFreshTable();
    const deliveryId = await create();
    const booked = await deliveryWhere(deliveryId, 'a booking', (d) => d.status === 'AWAITING_PICKUP');
    await parkedIn(deliveryId, 'Book a partner and wait for pickup');
    // The callback is stored before the task logs that it waits, so the line may come a moment later.
    const lineSaying = (message: string): Promise<Record<string, unknown>> =>
      vi.waitFor(() => {
        const line = capture.lines.map((text) => JSON.parse(text) as Record<string, unknown>).find((parsed) => parsed['message'] === message);
        if (line === undefined) throw new Error(`no log line says "${message}"`);
        return line;
      }, 5000);
    const waiting = await lineSaying('workflow booked and waiting');
    capture.stop();

    const executionArn = workflow.execution(deliveryId)?.executionArn;
    expect(executionArn).toContain(deliveryId);
    expect(waiting).toMatchObject({
      workflowTask: 'BOOK',
      deliveryId,
      orderId: booked.orderId,
      executionArn,
      status: 'AWAITING_PICKUP',
      phase: 'AWAITING_PICKUP',
    });
  });
});
