import { GetExecutionHistoryCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveryIdOf, eventually, newOrder, StackClient } from './support/client.ts';
import { startStack, type RunningStack } from './support/stack.ts';

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
    const history = await stack.sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
    const states = (history.events ?? []).flatMap((event) => (event.stateEnteredEventDetails?.name === undefined ? [] : [event.stateEnteredEventDetails.name]));
    expect(states).toContain('Check the timers');
    expect(states.at(-1)).toBe('Wait for pickup or an operator');
  });

  it('loses no event when the relay dies between commits and their publication: started again, it publishes each once', async () => {
    const relay = running.relayPid();
    process.kill(relay, 'SIGSTOP');
    let killed = false;
    try {
      const created = await Promise.all(Array.from({ length: 5 }, () => stack.create(newOrder())));
      const deliveryIds = created.map(deliveryIdOf);
      // The workflow goes on committing (dispatch, booking) while the relay is frozen.
      await Promise.all(deliveryIds.map((id) => stack.viewWhen(id, 'booked', (view) => view.status === 'AWAITING_PICKUP')));
      const committed = (await Promise.all(deliveryIds.map((id) => stack.events(id)))).flat().map((event) => event.eventId);
      const onTheBus = async (): Promise<string[]> => (await Promise.all(deliveryIds.map((id) => stack.busEventsOf(id)))).flat().map((event) => event.eventId);
      expect(await onTheBus(), 'nothing published while the relay is frozen').toEqual([]);

      process.kill(relay, 'SIGKILL');
      killed = true;
      await eventually('the relay to be started again', () => Promise.resolve(running.relayPid() === relay ? undefined : true));
      const published = await eventually('every committed event on the bus', async () => {
        const ids = await onTheBus();
        return committed.every((id) => ids.includes(id)) ? ids : undefined;
      });
      const ofTheseCommits = published.filter((id) => committed.includes(id));
      expect(new Set(ofTheseCommits).size, 'a deduplicating consumer sees each committed event').toBe(committed.length);
      expect(ofTheseCommits, 'once: the relay went on from its checkpoint').toHaveLength(committed.length);
    } finally {
      if (!killed) process.kill(relay, 'SIGCONT');
    }
  });
});
