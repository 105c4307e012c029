import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, inject, it, onTestFinished } from 'vitest';
import { create } from '#test/support/commands.ts';
import { freshRepository } from '#test/support/dynamodb.ts';
import { commitAll } from '#test/support/store-steps.ts';
import { startAwsEndpoint } from '../../local/aws-endpoint.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/dynamodb-local.ts';
import { freePort } from '../../local/free-port.ts';
import { LocalEventBus } from '../../local/local-event-bus.ts';
import { startRelayProcess, type RelayProcess } from '../../local/relay-process.ts';

const eventIdOf = (entry: { Detail: string }): string => (JSON.parse(entry.Detail) as { eventId: string }).eventId;

describe('the outbox relay, a process of its own', () => {
  it('killed after EventBridge took a batch but before it heard back, is started again and publishes every committed event, each eventId once to a deduplicating consumer', async () => {
    const { repository, tableName } = await freshRepository();
    const bus = new LocalEventBus();
    const holder: { relay?: RelayProcess; killed: number[] } = { killed: [] };
    const aws = await startAwsEndpoint({
      port: await freePort(),
      bus,
      operations: {
        'AWSEvents.PutEvents': async (input) => {
          const result = bus.putEvents(input);
          const relay = holder.relay;
          if (relay !== undefined && holder.killed.length === 0) {
            holder.killed.push(relay.pid);
            process.kill(relay.pid, 'SIGKILL');
            await sleep(200);
          }
          return result;
        },
      },
    });
    onTestFinished(() => aws.close());
    const restarts: number[] = [];
    holder.relay = await startRelayProcess({
      dynamodbEndpoint: inject('dynamodbEndpoint'),
      eventBridgeEndpoint: aws.url,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
      tableName,
      busName: 'bookstore-delivery',
      restartDelayMs: 100,
      onReady: (pid, restarted) => {
        if (restarted) restarts.push(pid);
      },
    });
    onTestFinished(() => holder.relay?.stop());

    const deliveries = await Promise.all(Array.from({ length: 12 }, () => commitAll(repository, [create()])));
    const committed = (await Promise.all(deliveries.map((d) => repository.listEvents(d.deliveryId)))).flat().map((event) => event.eventId);
    expect(committed).toHaveLength(12);

    const deduplicated = (): Set<string> => new Set(bus.entries.map(eventIdOf));
    for (let i = 0; i < 200 && deduplicated().size < committed.length; i += 1) await sleep(50);

    expect(holder.killed, 'the relay was killed in the middle of a publication').toHaveLength(1);
    expect(restarts, 'and started again').toHaveLength(1);
    expect(restarts[0]).not.toBe(holder.killed[0]);
    expect([...deduplicated()].sort()).toEqual([...committed].sort());
    expect(bus.entries.length, 'the batch it never heard back about was published again').toBeGreaterThan(committed.length);
  });
});
