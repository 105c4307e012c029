import { afterEach, describe, expect, it, vi } from 'vitest';

const BASE = {
  DELIVERY_TABLE_NAME: 'deliveries',
  STATE_MACHINE_ARN: 'arn:aws:states:eu-west-1:123456789012:stateMachine:DeliveryLifecycle',
  EVENT_BUS_NAME: 'bookstore-delivery',
  PARTNERS: 'manual',
  AWS_REGION: 'eu-west-1',
  REJECTED_EVENTS_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/123456789012/order-events-rejected',
};

const ENTRIES = {
  api: () => import('#handlers/api.ts'),
  webhook: () => import('#handlers/webhook.ts'),
  relay: () => import('#handlers/relay.ts'),
  workflow: () => import('#handlers/workflow.ts'),
  'workflow-notifier': () => import('#handlers/workflow-notifier.ts'),
  'order-events': () => import('#handlers/order-events.ts'),
  reconciler: () => import('#handlers/reconciler.ts'),
} as const;

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

const stubEnv = (env: Record<string, string>): void => {
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
};

describe('Lambda entry points', () => {
  it.each(Object.keys(ENTRIES) as (keyof typeof ENTRIES)[])('%s loads with its environment and exports a handler', async (name) => {
    stubEnv(BASE);
    const module = await ENTRIES[name]();
    expect(typeof module.handler).toBe('function');
  });

  it.each([
    ['api', 'STATE_MACHINE_ARN'],
    ['relay', 'EVENT_BUS_NAME'],
    ['relay', 'STATE_MACHINE_ARN'],
    ['workflow', 'PARTNERS'],
    ['workflow-notifier', 'STATE_MACHINE_ARN'],
    ['webhook', 'DELIVERY_TABLE_NAME'],
    ['order-events', 'REJECTED_EVENTS_QUEUE_URL'],
    ['reconciler', 'PARTNERS'],
  ] as const)('%s refuses to load without %s, naming it', async (name, missing) => {
    stubEnv({ ...BASE, [missing]: '' });
    await expect(ENTRIES[name]()).rejects.toThrow(new RegExp(missing));
  });

  it.each([
    ['a partner with no endpoint', { PARTNERS: 'manual,teleporter' }, /PARTNER_ENDPOINTS\.teleporter: partner teleporter needs the base URL/],
    ['an endpoint that is not a URL', { PARTNERS: 'manual,acme', PARTNER_ENDPOINTS: '{"acme":"not a url"}' }, /PARTNER_ENDPOINTS\.acme: Invalid URL/],
    ['routes that are not JSON', { PARTNER_ROUTES: '[{' }, /PARTNER_ROUTES: is not JSON/],
    ['an endpoint over plain HTTP', { PARTNERS: 'manual,acme', PARTNER_ENDPOINTS: '{"acme":"http://api.acme.example"}' }, /PARTNER_ENDPOINTS\.acme: an https:\/\/ URL/],
  ])('the workflow refuses %s, naming it', async (_case, env, message) => {
    stubEnv({ ...BASE, ...env });
    await expect(ENTRIES.workflow()).rejects.toThrow(message);
  });

  it('the workflow loads with HTTP partners and routes', async () => {
    stubEnv({ ...BASE, PARTNERS: 'manual,acme', PARTNER_ENDPOINTS: '{"acme":"https://api.acme.example/v1"}', PARTNER_ROUTES: '[{"countries":["GB"],"partners":[{"id":"acme"}]}]' });
    expect(typeof (await ENTRIES.workflow()).handler).toBe('function');
  });
});
