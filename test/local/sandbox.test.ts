import { describe, expect, it, inject, onTestFinished } from 'vitest';
import { DEFAULT_TIMERS } from '#application/wait-plan.ts';
import { createRequest } from '#test/support/commands.ts';
import { freshRepository } from '#test/support/dynamodb.ts';
import { DELIVERED_WITHOUT_A_HITCH } from '#test/support/event-records.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/dynamodb-local.ts';
import { freePort } from '../../local/free-port.ts';
import { startLocalServices } from '../../local/local-services.ts';
import { runDemo } from '../../local/demo.ts';
import { misbehavioursOf, scenarioOf } from '../../local/sandbox-partner.ts';

/** The local services over a fresh table of the tests' DynamoDB Local, the sandbox stepping every 100 ms. */
const servicesOnFreshTable = async () => {
  const store = await freshRepository();
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
    sandboxStepMs: 100,
    timers: DEFAULT_TIMERS,
    reconciliation: { intervalSeconds: 1, quietSeconds: 1 },
    env: {},
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
  const settlesAt = async (deliveryId: string, expected: string): Promise<string> => {
    let status = '';
    for (let i = 0; i < 100 && status !== expected; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = await statusOf(deliveryId);
    }
    return status;
  };
  return { ...store, services, create, settlesAt };
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
  }, 30_000);

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
  }, 30_000);
});

describe('npm run demo', () => {
  it('creates one delivery per sandbox scenario and draws their timelines until each has settled', async () => {
    const { services } = await servicesOnFreshTable();
    const screens: string[] = [];
    const deliveries = await runDemo({ apiUrl: services.apiUrl, draw: (screen) => screens.push(screen), intervalMs: 100, timeoutMs: 20_000 });
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
  }, 30_000);
});
