import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveryIdOf, eventually, newOrder, StackClient } from './support/client.ts';
import { startStack, type RunningStack } from '#test/support/local-stack.ts';

/** A stack of its own: a two-second pickup deadline, and a relay this file kills. */
let running: RunningStack;
let stack: StackClient;

beforeAll(async () => {
  running = await startStack({ PICKUP_DEADLINE_SECONDS: '2' });
  stack = new StackClient(running);
});

afterAll(async () => {
  expect(await running.stop(), running.output()).toBe(0);
});

describe('timers and crashes on a stack of its own (PICKUP_DEADLINE_SECONDS=2)', () => {
  it('holds a delivery nobody picks up by the deadline: ON_HOLD(PICKUP_OVERDUE), fired by the workflow\'s timer', async () => {
    const { deliveryId, executionArn } = await stack.booked();
    const held = await stack.viewWhen(deliveryId, 'on hold', (view) => view.status === 'ON_HOLD');
    expect(held.holdReason).toBe('PICKUP_OVERDUE');
    const hold = (await stack.events(deliveryId)).at(-1);
    expect(hold).toMatchObject({ type: 'DeliveryPutOnHold', source: 'TIMER' });
    const states = await eventually('the workflow to wait again', async () => {
      const entered = await stack.statesEntered(executionArn);
      return entered.at(-1) === 'Wait for pickup or an operator' && entered.includes('Check the timers') ? entered : undefined;
    });
    // Once; twice only when the booking took longer than its budget, here the 2 s pickup deadline.
    expect(states.filter((state) => state === 'Check the timers').length).toBeOneOf([1, 2]);
    expect((await stack.events(deliveryId)).filter((event) => event.type === 'DeliveryPutOnHold')).toHaveLength(1);
  });

  it('loses no event when the relay dies between commits and their publication: started again, it goes on from its checkpoint', async () => {
    const eventIdsOnTheBus = async (): Promise<string[]> => (await stack.busEntries()).map((entry) => (JSON.parse(entry.Detail) as { eventId: string }).eventId);
    // Quiet first: the relay has published and checkpointed everything committed so far.
    let settled: string[] = [];
    await eventually('the bus to settle', async () => {
      const now = await eventIdsOnTheBus();
      const quiet = now.length > 0 && now.length === settled.length;
      settled = now;
      await new Promise((resolve) => setTimeout(resolve, 300));
      return quiet ? true : undefined;
    });
    const relay = running.relayPid();
    process.kill(relay, 'SIGSTOP');
    let killed = false;
    try {
      const created = await Promise.all(Array.from({ length: 5 }, () => stack.create(newOrder())));
      const deliveryIds = created.map(deliveryIdOf);
      // The workflow goes on committing (dispatch, booking) while the relay is frozen.
      await Promise.all(deliveryIds.map((id) => stack.viewWhen(id, 'booked', (view) => (view.partner?.jobId ?? null) !== null)));
      const committed = (await Promise.all(deliveryIds.map((id) => stack.events(id)))).flat().map((event) => event.eventId);
      expect((await eventIdsOnTheBus()).filter((id) => committed.includes(id)), 'nothing published while the relay is frozen').toEqual([]);

      process.kill(relay, 'SIGKILL');
      killed = true;
      await eventually('the relay to be started again', () => (running.relayPid() === relay ? undefined : true));
      const published = await eventually('every committed event on the bus', async () => {
        const ids = await eventIdsOnTheBus();
        return committed.every((id) => ids.includes(id)) ? ids : undefined;
      });
      const ofTheseCommits = published.filter((id) => committed.includes(id));
      expect(new Set(ofTheseCommits).size, 'a deduplicating consumer sees each committed event').toBe(committed.length);
      expect(ofTheseCommits, 'each once').toHaveLength(committed.length);
      expect(published.slice(settled.length).filter((id) => settled.includes(id)), 'nothing published before the crash is published again').toEqual([]);
    } finally {
      if (!killed) process.kill(relay, 'SIGCONT');
    }
  });
});
