import { describe, expect, it, inject, onTestFinished } from 'vitest';
import { DEFAULT_TIMERS } from '#application/wait-plan.ts';
import { createRequest } from '#test/support/commands.ts';
import { freshRepository } from '#test/support/dynamodb.ts';
import { DELIVERED_WITHOUT_A_HITCH } from '#test/support/event-records.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/dynamodb-local.ts';
import { freePort } from '../../local/free-port.ts';
import { startLocalServices } from '../../local/local-services.ts';
import { runDemo } from '../../local/demo.ts';
import { advanceUntil, testClock } from '#test/support/test-clock.ts';
import { misbehavioursOf, scenarioOf } from '../../local/sandbox-partner.ts';

/** The sandbox's step: a second of the manual clock the services run on, well inside the webhooks' 300 s signature window. */
const STEP_MS = 1000;

/** The local services over a fresh table of the tests' DynamoDB Local, on a manual clock, the sandbox stepping every minute of it. */
const servicesOnFreshTable = async () => {
  const clock = testClock();
  const store = await freshRepository({ clock: clock.now });
  const services = await startLocalServices({
    dynamodb: store.raw,
    documents: store.client,
    dynamodbEndpoint: inject('dynamodbEndpoint'),
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    tableName: store.tableName,
    apiPort: await freePort(),
    awsPort: await freePort(),
    busName: 'bookstore-delivery',
    operatorToken: 'token',
    partners: ['manual', 'sandbox'],
    sandboxStepMs: STEP_MS,
    timers: DEFAULT_TIMERS,
    reconciliation: { intervalSeconds: 10, quietSeconds: 10 },
    env: {},
    clock,
  });
  onTestFinished(() => services.stop());
  const statusOf = async (deliveryId: string): Promise<string> =>
    ((await (await fetch(`${services.apiUrl}/deliveries/${deliveryId}`)).json()) as { status: string }).status;
  const create = async (orderId: string): Promise<string> => {
    const response = await fetch(`${services.apiUrl}/deliveries`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(createRequest({ orderId, partnerId: 'sandbox' })),
    });
    return ((await response.json()) as { deliveryId: string }).deliveryId;
  };
  /** Lets the sandbox step on until the delivery reaches `expected`. */
  const settlesAt = (deliveryId: string, expected: string): Promise<string> =>
    advanceUntil(clock, STEP_MS, `${deliveryId} to reach ${expected}`, async () => {
      const status = await statusOf(deliveryId);
      return status === expected ? status : undefined;
    });
  return { ...store, clock, services, create, settlesAt };
};

describe('the sandbox partner', () => {
  it('picks its scenario from the end of the order id, and its misbehaviours from words in it', () => {
    expect(scenarioOf('ord-1')).toBe('delivered');
    expect(scenarioOf('ord-2-lost')).toBe('lost');
    expect(scenarioOf('ord-3-max-attempts')).toBe('max-attempts');
    expect([...misbehavioursOf('ord-4_dup_drop-retry')].sort()).toEqual(['drop', 'dup']);
    expect([...misbehavioursOf('ord-5_duplicate_latest')]).toEqual([]);
  });

  it('misbehaves as asked: duplicates, shuffled and late webhooks change nothing; a dropped one is recovered by the reconciliation; a failing booking falls over', async () => {
    const { create, settlesAt, repository } = await servicesOnFreshTable();
    const duplicated = await create('ord-mis-1_dup');
    const shuffled = await create('ord-mis-2_shuffle');
    const late = await create('ord-mis-3_late');
    const dropped = await create('ord-mis-4_drop');
    const failing = await create('ord-mis-5_failbook');
    for (const deliveryId of [duplicated, shuffled, late, dropped]) expect(await settlesAt(deliveryId, 'DELIVERED'), deliveryId).toBe('DELIVERED');
    expect((await repository.listEvents(duplicated)).map((event) => event.type), 'each webhook applied once').toEqual(DELIVERED_WITHOUT_A_HITCH);
    expect((await repository.listEvents(late)).map((event) => event.type)).toEqual(DELIVERED_WITHOUT_A_HITCH);
    expect(await settlesAt(failing, 'AWAITING_PICKUP')).toBe('AWAITING_PICKUP');
    expect((await repository.get(failing))?.partner?.id, 'the next partner').toBe('manual');
  }, 60_000);

  it('drives deliveries through their scenarios with signed webhooks the local API takes', async () => {
    const { create, settlesAt, repository } = await servicesOnFreshTable();
    const delivered = await create('ord-sbx-1');
    const lost = await create('ord-sbx-2-lost');
    const held = await create('ord-sbx-3-max-attempts');
    const returned = await create('ord-sbx-4-return');
    const damaged = await create('ord-sbx-5-damaged');
    const retried = await create('ord-sbx-6-retry');
    expect(await settlesAt(delivered, 'DELIVERED')).toBe('DELIVERED');
    expect(await settlesAt(lost, 'LOST')).toBe('LOST');
    expect(await settlesAt(held, 'ON_HOLD')).toBe('ON_HOLD');
    expect((await repository.get(held))?.holdReason).toBe('MAX_ATTEMPTS');
    expect(await settlesAt(returned, 'RETURNED')).toBe('RETURNED');
    expect(await settlesAt(damaged, 'ON_HOLD')).toBe('ON_HOLD');
    expect((await repository.get(damaged))?.holdReason).toBe('DAMAGED');
    expect(await settlesAt(retried, 'DELIVERED')).toBe('DELIVERED');
    expect((await repository.get(retried))?.attemptCount).toBe(1);
    expect((await repository.listEvents(delivered)).map((event) => event.type)).toEqual(DELIVERED_WITHOUT_A_HITCH);
  }, 60_000);
});

describe('npm run demo', () => {
  it('creates one delivery per sandbox scenario and draws their timelines until each has settled', async () => {
    const { services, clock } = await servicesOnFreshTable();
    const screens: string[] = [];
    let settled: Awaited<ReturnType<typeof runDemo>> | undefined;
    const demo = runDemo({ apiUrl: services.apiUrl, draw: (screen) => screens.push(screen), intervalMs: 100, timeoutMs: 60_000 }).then((deliveries) => (settled = deliveries));
    const deliveries = await advanceUntil(clock, STEP_MS, 'the demo to settle', () => Promise.resolve(settled));
    await demo;
    expect(Object.fromEntries(deliveries.map((delivery) => [delivery.scenario, delivery.status]))).toEqual({
      delivered: 'DELIVERED',
      retry: 'DELIVERED',
      'max-attempts': 'ON_HOLD',
      lost: 'LOST',
      damaged: 'ON_HOLD',
      return: 'RETURNED',
      misbehaving: 'DELIVERED',
    });
    expect(screens.at(-1)).toMatch(/^lost +LOST +Created → DispatchRequested → PartnerAssigned → HandedOver → Lost$/m);
    expect(screens.at(-1)).toMatch(/^damaged +ON_HOLD\(DAMAGED\) +Created → .* → PutOnHold$/m);
  }, 90_000);
});
