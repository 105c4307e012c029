import { describe, expect, it, vi } from 'vitest';
import { captureLogs } from '#test/support/log-capture.ts';
import { BOOKING_BUDGET_SECONDS, DEFAULT_TIMERS } from '#application/wait-plan.ts';
import { DELIVERED_WITHOUT_A_HITCH } from '#test/support/event-records.ts';
import { statesEntered, workflowOnFreshTable } from '#test/support/workflow-harness.ts';

/** A partner event for the job the manual partner opened. */
describe('the workflow on the local engine, with the real tasks over DynamoDB Local', () => {
  it('runs the happy path in 5 billed transitions: book and wait for pickup, wait in custody, delivered', async () => {
    const { create, send, deliveryWhere, parkedIn, finished, repository, scan } = await workflowOnFreshTable();
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

  it('holds a delivery nobody picks up for the 2-day pickup deadline, counted from the end of the booking budget: ON_HOLD(PICKUP_OVERDUE), then waits for an operator', async () => {
    const { create, deliveryWhere, parkedIn, workflow, repository, clock, advance, timerDueAt } = await workflowOnFreshTable();
    const createdAt = clock.now().getTime();
    const deliveryId = await create();
    await deliveryWhere(deliveryId, 'a booking', (d) => d.status === 'AWAITING_PICKUP');
    await parkedIn(deliveryId, 'Book a partner and wait for pickup');
    const deadline = createdAt + (DEFAULT_TIMERS.pickupDeadlineSeconds + BOOKING_BUDGET_SECONDS) * 1000;
    await timerDueAt(new Date(deadline));

    advance(DEFAULT_TIMERS.pickupDeadlineSeconds + BOOKING_BUDGET_SECONDS - 1);
    expect((await repository.get(deliveryId))?.status, 'a second before the deadline').toBe('AWAITING_PICKUP');
    advance(1);
    const held = await deliveryWhere(deliveryId, 'the pickup deadline', (d) => d.status === 'ON_HOLD');
    expect(held.holdReason).toBe('PICKUP_OVERDUE');
    await parkedIn(deliveryId, 'Wait for pickup or an operator');
    const execution = workflow.execution(deliveryId);
    expect(execution && statesEntered(execution)).toEqual([
      'Book a partner and wait for pickup',
      'Check the timers',
      'Decide what happens next',
      'Wait for pickup or an operator',
    ]);
    expect((await repository.listEvents(deliveryId)).filter((event) => event.type === 'DeliveryPutOnHold')).toHaveLength(1);
  });

  it('waits in custody without a heartbeat while the SLA comes before the stall threshold, then breaches the SLA once, on the promised second', async () => {
    const { create, send, deliveryWhere, parkedIn, repository, scan, clock, advance, timerDueAt } = await workflowOnFreshTable();
    const promisedBy = new Date(clock.now().getTime() + 86_400_000);
    const deliveryId = await create({ promisedBy: promisedBy.toISOString() });
    const jobId = (await deliveryWhere(deliveryId, 'a booking', (d) => d.status === 'AWAITING_PICKUP')).partner?.jobId ?? '';
    await parkedIn(deliveryId, 'Book a partner and wait for pickup');
    await send(deliveryId, scan('PICKED_UP', jobId));
    // Due before the stall threshold, the promise is the wait's timeout and no heartbeat is needed.
    await parkedIn(deliveryId, 'Wait for pickup or an operator');
    await timerDueAt(promisedBy);

    advance(86_400 - 1);
    expect((await repository.get(deliveryId))?.slaBreached, 'a second before the promise').toBe(false);
    advance(1);
    await deliveryWhere(deliveryId, 'the SLA breach', (d) => d.slaBreached);
    await parkedIn(deliveryId, 'Wait for the partner to deliver');
    expect((await repository.listEvents(deliveryId)).filter((e) => e.type === 'DeliverySlaBreached')).toHaveLength(1);
    expect((await repository.get(deliveryId))?.status).toBe('IN_TRANSIT');
  });

  it('holds a delivery whose partner goes quiet for the 5-day stall threshold: ON_HOLD(STALLED); activity before that extends it', async () => {
    const { create, send, deliveryWhere, parkedIn, workflow, repository, scan, clock, advance, timerDueAt } = await workflowOnFreshTable();
    const day = 86_400;
    const later = (seconds: number): Date => new Date(clock.now().getTime() + seconds * 1000);
    const deliveryId = await create();
    const jobId = (await deliveryWhere(deliveryId, 'a booking', (d) => d.status === 'AWAITING_PICKUP')).partner?.jobId ?? '';
    await parkedIn(deliveryId, 'Book a partner and wait for pickup');
    await send(deliveryId, scan('PICKED_UP', jobId));
    await parkedIn(deliveryId, 'Wait for the partner to deliver');
    const pickedUpAt = clock.now().getTime();
    await timerDueAt(later(DEFAULT_TIMERS.stallThresholdSeconds));
    // A scan every 2 days is partner activity: each one moves the heartbeat 5 days on.
    for (let scans = 1; scans <= 3; scans += 1) {
      advance(2 * day);
      await send(deliveryId, scan('IN_TRANSIT', jobId));
      await timerDueAt(later(DEFAULT_TIMERS.stallThresholdSeconds));
    }
    const stallsAt = new Date(clock.now().getTime() + DEFAULT_TIMERS.stallThresholdSeconds * 1000);
    // On day 7 the wait's own timeout (the idle recheck) comes first: the workflow looks, and waits the rest.
    advance(day);
    await timerDueAt(later(DEFAULT_TIMERS.idleRecheckSeconds));
    expect(clock.pendingTimers()).toEqual([stallsAt, later(DEFAULT_TIMERS.idleRecheckSeconds)]);
    expect((await repository.get(deliveryId))?.status, `${String((clock.now().getTime() - pickedUpAt) / 86_400_000)} days after pickup`).toBe('IN_TRANSIT');

    advance((stallsAt.getTime() - clock.now().getTime()) / 1000 - 1);
    expect((await repository.get(deliveryId))?.status, 'a second before the threshold').toBe('IN_TRANSIT');
    advance(1);
    const stalled = await deliveryWhere(deliveryId, 'the stall', (d) => d.status === 'ON_HOLD');
    expect(stalled.holdReason).toBe('STALLED');
    expect(stalled.statusSince).toBe(stallsAt.toISOString());
    const execution = workflow.execution(deliveryId);
    expect(execution && statesEntered(execution)).toContain('Report a stalled delivery');
  });

  it('reports no stall when the partner was active within the threshold, even if a heartbeat came late', async () => {
    const { create, send, deliveryWhere, parkedIn, runTask, repository, scan } = await workflowOnFreshTable({ timers: { stallThresholdSeconds: 3_600 } });
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
