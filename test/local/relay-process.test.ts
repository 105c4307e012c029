import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, inject, it, onTestFinished } from 'vitest';
import { create } from '#test/support/commands.ts';
import { freshRepository } from '#test/support/dynamodb.ts';
import { eventually } from '#test/support/eventually.ts';
import { commitAll } from '#test/support/store-steps.ts';
import type { DeliveryRepository } from '#adapters/delivery-store/delivery-repository.ts';
import { startAwsEndpoint } from '../../local/aws-endpoint.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/dynamodb-local.ts';
import { freePort } from '../../local/free-port.ts';
import { LocalEventBus } from '../../local/local-event-bus.ts';
import { LOCAL_STATE_MACHINE_ARN } from '../../local/local-workflow.ts';
import { startRelayProcess, type RelayProcess } from '../../local/relay-process.ts';

const eventIdOf = (entry: { Detail: string }): string => (JSON.parse(entry.Detail) as { eventId: string }).eventId;

/** Commits `count` new deliveries; the ids of the events they committed. */
const commitDeliveries = async (repository: DeliveryRepository, count: number): Promise<string[]> => {
  const deliveries = await Promise.all(Array.from({ length: count }, () => commitAll(repository, [create()])));
  return (await Promise.all(deliveries.map((d) => repository.listEvents(d.deliveryId)))).flat().map((event) => event.eventId);
};

describe('the outbox relay, a process of its own', () => {
  it('killed after EventBridge took a batch but before it heard back, is started again and goes on from its checkpoint: every event published, only that batch twice', async () => {
    const { repository, tableName } = await freshRepository();
    const bus = new LocalEventBus();
    const trap: { armed: boolean; relay?: RelayProcess; killed?: { pid: number; eventIds: string[] } } = { armed: false };
    const aws = await startAwsEndpoint({
      port: await freePort(),
      bus,
      operations: {
        'AWSEvents.PutEvents': async (input) => {
          const result = bus.putEvents(input);
          if (trap.armed && trap.relay !== undefined && trap.killed === undefined) {
            const entries = (input as { Entries: { Detail: string }[] }).Entries;
            trap.killed = { pid: trap.relay.pid, eventIds: entries.map(eventIdOf) };
            process.kill(trap.relay.pid, 'SIGKILL');
            await sleep(200);
          }
          return result;
        },
      },
    });
    onTestFinished(() => aws.close());
    const restarts: number[] = [];
    trap.relay = await startRelayProcess({
      dynamodbEndpoint: inject('dynamodbEndpoint'),
      eventBridgeEndpoint: aws.url,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
      tableName,
      busName: 'bookstore-delivery',
      stateMachineArn: LOCAL_STATE_MACHINE_ARN,
      restartDelayMs: 100,
      onReady: (pid, restarted) => {
        if (restarted) restarts.push(pid);
      },
    });
    onTestFinished(() => trap.relay?.stop());
    const published = (): string[] => bus.entries.map(eventIdOf);
    const allOnTheBus = (ids: readonly string[]) => () => (ids.every((id) => published().includes(id)) ? true : undefined);

    const before = await commitDeliveries(repository, 3);
    await eventually('the first deliveries published', allOnTheBus(before));
    await sleep(500);
    trap.armed = true;
    const after = await commitDeliveries(repository, 12);
    await eventually('every event published', allOnTheBus([...before, ...after]));

    expect(trap.killed, 'the relay was killed in the middle of a publication').toBeDefined();
    expect(restarts, 'and started again').toHaveLength(1);
    expect(restarts[0]).not.toBe(trap.killed?.pid);
    const twice = published().filter((id, i, all) => all.indexOf(id) !== i);
    expect(twice.length, 'the batch it never heard back about was published again').toBeGreaterThan(0);
    expect(twice.every((id) => trap.killed?.eventIds.includes(id)), 'and nothing else: it went on from its checkpoint').toBe(true);
    expect(new Set(published()).size, 'a deduplicating consumer sees each committed event once').toBe(before.length + after.length);
  });
});
