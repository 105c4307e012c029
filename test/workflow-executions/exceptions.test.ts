import { describe, expect, it } from 'vitest';
import { ManualPartner } from '#adapters/partners/manual-partner.ts';
import { cancel, operator, partner } from '#test/support/commands.ts';
import { eventually } from '#test/support/eventually.ts';
import { statesEntered, workflowOnFreshTable } from '#test/support/workflow-harness.ts';

/** A delivery booked with `manual`, its workflow parked for pickup. */
const booked = async (harness: Awaited<ReturnType<typeof workflowOnFreshTable>>) => {
  const deliveryId = await harness.create();
  const delivery = await harness.deliveryWhere(deliveryId, 'a booking', (d) => d.status === 'AWAITING_PICKUP');
  await harness.parkedIn(deliveryId, 'Book a partner and wait for pickup');
  return { deliveryId, jobId: delivery.partner?.jobId ?? '' };
};

/** The reattempts acme was asked for. */
const reattempts: { jobId: string; requestId: string }[] = [];

/** A delivery booked with `acme` (job `acme-job-1`), `manual` as the other partner; the jobs acme is asked to cancel. */
const bookedWithAcme = async () => {
  const cancelled: string[] = [];
  reattempts.length = 0;
  const acme = {
    requestReattempt: (_partnerId: string, jobId: string, requestId: string) => {
      reattempts.push({ jobId, requestId });
      return Promise.resolve();
    },
    book: () => Promise.resolve({ outcome: 'ACCEPTED' as const, jobId: 'acme-job-1', trackingNumber: 'ACME1' }),
    cancel: (_partnerId: string, jobId: string) => {
      cancelled.push(jobId);
      return Promise.resolve('CONFIRMED' as const);
    },
  };
  const harness = await workflowOnFreshTable({ partners: { acme, manual: new ManualPartner() } });
  const deliveryId = await harness.create({ partnerId: 'acme' });
  await harness.deliveryWhere(deliveryId, 'the acme booking', (d) => d.partner?.jobId === 'acme-job-1');
  await harness.parkedIn(deliveryId, 'Book a partner and wait for pickup');
  return { harness, deliveryId, cancelled };
};

describe('the workflow through exceptions', () => {
  it('holds after three failed attempts; an operator returns it; the partner confirms the return', async () => {
    const harness = await workflowOnFreshTable();
    const { deliveryId, jobId } = await booked(harness);
    await harness.send(deliveryId, harness.scan('PICKED_UP', jobId));
    await harness.parkedIn(deliveryId, 'Wait for the partner to deliver');
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await harness.send(deliveryId, harness.scan('OUT_FOR_DELIVERY', jobId));
      await harness.send(deliveryId, harness.scan('DELIVERY_ATTEMPTED', jobId));
    }
    const held = await harness.deliveryWhere(deliveryId, 'the hold', (d) => d.status === 'ON_HOLD');
    expect(held.holdReason).toBe('MAX_ATTEMPTS');
    await harness.parkedIn(deliveryId, 'Wait for pickup or an operator');
    await harness.send(deliveryId, operator('RETURN_TO_SENDER', undefined, 'customer unreachable'));
    await harness.parkedIn(deliveryId, 'Wait for the partner to deliver');
    await harness.send(deliveryId, harness.scan('RETURNED', jobId));

    const execution = await harness.finished(deliveryId);
    expect(execution).toMatchObject({ status: 'SUCCEEDED', output: { status: 'RETURNED' } });
    expect(statesEntered(execution)).toEqual([
      'Book a partner and wait for pickup',
      'Decide what happens next',
      'Wait for the partner to deliver',
      'Decide what happens next',
      'Wait for pickup or an operator',
      'Decide what happens next',
      'Wait for the partner to deliver',
      'Decide what happens next',
      'Delivery completed',
    ]);
    expect((await harness.repository.listEvents(deliveryId)).filter((e) => e.type === 'DeliveryAttemptFailed')).toHaveLength(3);
  });

  it('cancels before pickup: the workflow calls the partner cancel API and ends CANCELLED', async () => {
    const harness = await workflowOnFreshTable();
    const { deliveryId } = await booked(harness);
    await harness.send(deliveryId, cancel('order refunded'));
    const execution = await harness.finished(deliveryId);
    expect(execution).toMatchObject({ status: 'SUCCEEDED', output: { status: 'CANCELLED' } });
    expect(statesEntered(execution)).toEqual([
      'Book a partner and wait for pickup',
      'Decide what happens next',
      'Cancel the booking with the partner',
      'Wait for pickup or an operator',
      'Decide what happens next',
      'Delivery completed',
    ]);
    expect((await harness.repository.listEvents(deliveryId)).map((e) => e.type).slice(-2)).toEqual(['DeliveryCancellationRequested', 'DeliveryCancelled']);
  });

  it('falls over to the next partner when the first refuses the booking', async () => {
    const refusing = { book: () => Promise.resolve({ outcome: 'REFUSED' as const, reason: 'no capacity in N1' }), cancel: () => Promise.resolve('CONFIRMED' as const) };
    const harness = await workflowOnFreshTable({ partners: { acme: refusing, manual: new ManualPartner() } });
    const deliveryId = await harness.create({ partnerId: 'acme' });
    const delivery = await harness.deliveryWhere(deliveryId, 'a booking', (d) => d.status === 'AWAITING_PICKUP');
    expect(delivery.partner?.id).toBe('manual');
    const events = await harness.repository.listEvents(deliveryId);
    expect(events.map((e) => e.type)).toEqual(['DeliveryCreated', 'DeliveryDispatchRequested', 'DeliveryDispatchFailed', 'DeliveryPartnerAssigned']);
    expect(events[2]).toMatchObject({ reason: 'no capacity in N1', data: { failedPartnerId: 'acme', nextPartnerId: 'manual' } });
  });

  it('books again when a partner that confirms by webhook rejects the requested job', async () => {
    const requesting = { book: () => Promise.resolve({ outcome: 'REQUESTED' as const, jobId: 'acme-job-1', trackingNumber: null }), cancel: () => Promise.resolve('CONFIRMED' as const) };
    const harness = await workflowOnFreshTable({ partners: { acme: requesting, manual: new ManualPartner() } });
    const deliveryId = await harness.create({ partnerId: 'acme' });
    await harness.deliveryWhere(deliveryId, 'the requested job', (d) => d.partner?.jobId === 'acme-job-1');
    await harness.parkedIn(deliveryId, 'Book a partner and wait for pickup');
    await harness.send(deliveryId, partner('REJECTED', { partnerId: 'acme', jobId: 'acme-job-1', occurredAt: harness.clock.now().toISOString() }));
    const rebooked = await harness.deliveryWhere(deliveryId, 'the booking with the next partner', (d) => d.status === 'AWAITING_PICKUP');
    expect(rebooked.partner?.id).toBe('manual');
  });

  it('cancels the old partner\'s job when an operator reassigns the delivery, then books the new partner', async () => {
    const { harness, deliveryId, cancelled } = await bookedWithAcme();
    await harness.send(deliveryId, operator('REASSIGN', 'manual', 'acme cannot reach the warehouse'));
    const rebooked = await harness.deliveryWhere(deliveryId, 'the manual booking', (d) => d.status === 'AWAITING_PICKUP' && d.partner?.id === 'manual');
    expect(rebooked.partner?.jobId).not.toBeNull();
    expect(cancelled).toEqual(['acme-job-1']);
  });

  it('cancels the old partner\'s job also when the delivery was cancelled before the booking task ran', async () => {
    const { harness, deliveryId, cancelled } = await bookedWithAcme();
    // Hold the engine, so that the reassignment and the cancel both commit before the booking task runs.
    harness.workflow.stop();
    await harness.send(deliveryId, operator('REASSIGN', 'manual', 'acme cannot reach the warehouse'));
    await harness.send(deliveryId, cancel('the customer changed their mind'));
    expect(await harness.runTask({ task: 'BOOK', deliveryId, taskToken: 'not-waited-on', timeoutSeconds: 60 })).toEqual({});
    expect((await harness.repository.get(deliveryId))?.status).toBe('CANCELLED');
    expect(cancelled).toEqual(['acme-job-1']);
    // A BOOK without a callback, as executions started on the earlier definition send it, books and returns the step.
    expect(await harness.runTask({ task: 'BOOK', deliveryId })).toMatchObject({ status: 'CANCELLED', wait: { phase: 'ENDED' } });
  });

  it('resumes its own callback with the current step, instead of waiting, when BOOK finds the delivery in custody', async () => {
    const harness = await workflowOnFreshTable();
    const { deliveryId, jobId } = await booked(harness);
    await harness.send(deliveryId, harness.scan('PICKED_UP', jobId));
    await harness.parkedIn(deliveryId, 'Wait for the partner to deliver');
    const tokenNow = () => harness.storedToken(deliveryId);
    const live = await tokenNow();
    if (typeof live !== 'string') throw new Error('no callback stored');
    // The booking's state run on a delivery in custody, with the live callback: it resumes it rather than park on it.
    expect(await harness.runTask({ task: 'BOOK', deliveryId, taskToken: live, timeoutSeconds: 60 })).toEqual({});
    await eventually('the workflow to decide and wait in custody again', async () => {
      const execution = harness.workflow.execution(deliveryId);
      const waits = execution ? statesEntered(execution).filter((state) => state === 'Wait for the partner to deliver') : [];
      return waits.length === 2 && (await tokenNow()) !== live ? true : undefined;
    });
    expect((await harness.repository.get(deliveryId))?.status).toBe('IN_TRANSIT');
  });

  it('falls over to the next partner when the first one\'s booking API fails', async () => {
    const failing = { book: () => Promise.reject(new Error('connect ETIMEDOUT')), cancel: () => Promise.resolve('CONFIRMED' as const) };
    const harness = await workflowOnFreshTable({ partners: { acme: failing, manual: new ManualPartner() } });
    const deliveryId = await harness.create({ partnerId: 'acme' });
    const delivery = await harness.deliveryWhere(deliveryId, 'a booking', (d) => d.status === 'AWAITING_PICKUP');
    expect(delivery.partner?.id).toBe('manual');
    expect((await harness.repository.listEvents(deliveryId))[2]).toMatchObject({ type: 'DeliveryDispatchFailed', reason: 'booking failed: connect ETIMEDOUT' });
  });

  it('asks the partner to reattempt once when an operator releases a max-attempts hold with REATTEMPT', async () => {
    const { harness, deliveryId } = await bookedWithAcme();
    await harness.send(deliveryId, harness.scan('PICKED_UP', 'acme-job-1', 'acme'));
    await harness.parkedIn(deliveryId, 'Wait for the partner to deliver');
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await harness.send(deliveryId, harness.scan('OUT_FOR_DELIVERY', 'acme-job-1', 'acme'));
      await harness.send(deliveryId, harness.scan('DELIVERY_ATTEMPTED', 'acme-job-1', 'acme'));
    }
    await harness.deliveryWhere(deliveryId, 'the hold', (d) => d.status === 'ON_HOLD');
    await harness.parkedIn(deliveryId, 'Wait for pickup or an operator');
    expect(reattempts, 'none before the operator decides').toEqual([]);

    await harness.send(deliveryId, operator('REATTEMPT', undefined, 'the customer is home tomorrow'));
    await harness.parkedIn(deliveryId, 'Wait for the partner to deliver');
    // The wait registers its callback first, then asks the partner.
    await eventually('the reattempt request', () => (reattempts.length > 0 ? reattempts : undefined));
    const released = (await harness.repository.listEvents(deliveryId)).at(-1);
    expect(reattempts).toEqual([{ jobId: 'acme-job-1', requestId: `${deliveryId}-${String(released?.sequence)}` }]);
  });

  it('ends LOST with the outcome in the output', async () => {
    const harness = await workflowOnFreshTable();
    const { deliveryId, jobId } = await booked(harness);
    await harness.send(deliveryId, harness.scan('PICKED_UP', jobId));
    await harness.parkedIn(deliveryId, 'Wait for the partner to deliver');
    await harness.send(deliveryId, harness.scan('LOST', jobId));
    const execution = await harness.finished(deliveryId);
    expect(execution).toMatchObject({ status: 'SUCCEEDED', output: { deliveryId, status: 'LOST' } });
    expect(statesEntered(execution).at(-1)).toBe('Delivery ended without reaching the customer');
  });
});
