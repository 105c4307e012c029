import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { noWorkflowsStarted } from '#test/support/no-workflows.ts';
import { EnvironmentPartnerSecrets } from '#adapters/partners/partner-secrets.ts';
import { createApiHandler } from '#http/api-app.ts';
import { createWebhookHandler } from '#http/webhook-app.ts';
import { signatureHeader } from '#shared/partner-signature.ts';
import { createRequest } from '#test/support/commands.ts';
import { TEST_STATE_MACHINE_ARN } from '#test/support/api-client.ts';
import { deterministicDeps } from '#test/support/deterministic-deps.ts';
import { freshRepository } from '#test/support/dynamodb.ts';
import { exchangeUntilClosed, requestHead } from '#test/support/raw-connection.ts';
import { startApiGateway } from '../../local/api-gateway.ts';
import type { PartHealth } from '../../local/stack-health.ts';
import { freePort } from '../../local/free-port.ts';

const TOKEN = 'test-operator-token';

/** The local API on a spare port, over the real API and webhook handlers and a fresh table. */
const gatewayOnFreshTable = async () => {
  const store = await freshRepository();
  const deps = deterministicDeps();
  const gateway = await startApiGateway({
    port: await freePort(),
    operatorToken: TOKEN,
    operatorName: 'op-grace',
    handlers: {
      api: createApiHandler({ repository: store.repository, deps, stateMachineArn: TEST_STATE_MACHINE_ARN, partnerIds: ['manual'], workflows: noWorkflowsStarted }),
      webhook: createWebhookHandler({ repository: store.repository, deps, secrets: new EnvironmentPartnerSecrets(['manual'], {}), clock: () => new Date() }),
    },
  });
  onTestFinished(() => gateway.close());
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${gateway.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  return { ...store, gateway, call };
};

describe('the local HTTP API', () => {
  it('serves the routes CDK deploys with the same handlers: create, read, list, act', async () => {
    const { call } = await gatewayOnFreshTable();
    expect(await call('GET', '/health')).toEqual({ status: 200, body: { status: 'ok' } });
    const created = await call('POST', '/deliveries', createRequest());
    expect(created).toMatchObject({ status: 201, body: { status: 'PENDING' } });
    const deliveryId = String(created.body['deliveryId']);
    expect(await call('GET', `/deliveries/${deliveryId}`)).toMatchObject({ status: 200, body: { deliveryId } });
    expect(await call('GET', `/deliveries/${deliveryId}/events`)).toMatchObject({ status: 200, body: { events: [{ type: 'DeliveryCreated' }] } });
    const auth = { authorization: `Bearer ${TOKEN}` };
    expect(await call('GET', '/deliveries?status=PENDING&limit=10', undefined, auth)).toMatchObject({ status: 200, body: { items: [{ deliveryId }] } });
    expect(await call('POST', `/deliveries/${deliveryId}/actions`, { action: 'HOLD', reason: 'checking the address' }, auth)).toMatchObject({
      status: 202,
      body: { status: 'ON_HOLD' },
    });
  });

  it('names the operator the token stands for on their actions', async () => {
    const { call, repository } = await gatewayOnFreshTable();
    const deliveryId = String((await call('POST', '/deliveries', createRequest())).body['deliveryId']);
    await call('POST', `/deliveries/${deliveryId}/actions`, { action: 'HOLD', reason: 'checking the address' }, { authorization: `Bearer ${TOKEN}` });
    expect((await repository.listEvents(deliveryId)).at(-1)).toMatchObject({ type: 'DeliveryPutOnHold', actor: 'op-grace' });
  });

  it('answers 401 on operator routes without the token or with another, and 404 for a route it does not have', async () => {
    const { call } = await gatewayOnFreshTable();
    expect(await call('GET', '/deliveries?status=PENDING')).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHORIZED' } } });
    expect(await call('GET', '/deliveries?status=PENDING', undefined, { authorization: 'Bearer guess' })).toMatchObject({ status: 401 });
    expect(await call('DELETE', '/deliveries/dlv-1')).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
    expect(await call('GET', '/deliveries/%E0%A4%A')).toMatchObject({ status: 404 });
  });

  it('passes a webhook\'s raw body through unchanged, so that its signature checks', async () => {
    const { call } = await gatewayOnFreshTable();
    const raw = '{"eventId":"evt-1",  "jobId":"no-such-job","status":"PICKED_UP","occurredAt":"2026-11-25T10:00:00Z"}';
    const signed = { 'x-partner-signature': signatureHeader(['dev-secret-manual'], Math.floor(Date.now() / 1000), raw) };
    expect(await call('POST', '/webhooks/manual', raw, signed)).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
    expect(await call('POST', '/webhooks/manual', raw.replace('  ', ' '), signed)).toMatchObject({ status: 401 });
  });

  it('answers 413 for a body over 64 KiB through the handler\'s own limit', async () => {
    const { call } = await gatewayOnFreshTable();
    expect(await call('POST', '/deliveries', 'x'.repeat(65 * 1024))).toMatchObject({ status: 413, body: { error: { code: 'PAYLOAD_TOO_LARGE' } } });
  });

  it('answers 500 with the error body when a handler\'s result cannot be sent, instead of leaving the caller waiting', async () => {
    const gateway = await startApiGateway({
      port: await freePort(),
      operatorToken: TOKEN,
      handlers: {
        api: () => Promise.resolve({ statusCode: 200, headers: { 'x-broken': 'a\nb' }, body: '{}' }),
        webhook: () => Promise.resolve({ statusCode: 1000, body: '{}' }),
      },
    });
    onTestFinished(() => gateway.close());
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    for (const path of ['/health', '/webhooks/manual']) {
      const response = await fetch(`${gateway.url}${path}`, { method: path === '/health' ? 'GET' : 'POST', body: path === '/health' ? null : '{}' });
      expect({ path, status: response.status, body: await response.json() }).toEqual({ path, status: 500, body: { error: { code: 'INTERNAL', message: 'the request failed', details: [] } } });
    }
  });

  it('answers 413 to a body over 1 MiB and closes the connection, as API Gateway does, so that no later request on it waits', async () => {
    const { gateway } = await gatewayOnFreshTable();
    const body = Buffer.alloc(2 * 1024 * 1024, 'x');
    const received = await exchangeUntilClosed(gateway.url, [requestHead('POST', '/deliveries', body.byteLength, { 'content-type': 'application/json' }), body, requestHead('GET', '/health', 0)]);
    expect(received.match(/^HTTP\/1\.1 \d+/gm), 'one answer, to the first request').toEqual(['HTTP/1.1 413']);
    expect(received).toMatch(/^connection: close\r$/im);
    expect(received).toContain('"code":"PAYLOAD_TOO_LARGE"');
  });

  it('reports each part of the stack on GET /health: 200 and "ok" while all are up, 503 naming the part that is down and why', async () => {
    const relay: { health: PartHealth } = { health: { status: 'up' } };
    const gateway = await startApiGateway({
      port: await freePort(),
      operatorToken: TOKEN,
      handlers: { api: () => Promise.reject(new Error('the gateway answers /health itself')), webhook: () => Promise.reject(new Error('no webhooks here')) },
      health: { dynamodb: () => ({ status: 'up' }), relay: () => relay.health },
    });
    onTestFinished(() => gateway.close());
    const health = async () => {
      const response = await fetch(`${gateway.url}/health`);
      return { status: response.status, body: await response.json() };
    };
    expect(await health()).toEqual({ status: 200, body: { status: 'ok', parts: { dynamodb: { status: 'up' }, relay: { status: 'up' } } } });
    relay.health = { status: 'down', reason: 'the outbox relay died (SIGKILL); starting it again' };
    expect(await health()).toEqual({
      status: 503,
      body: { status: 'unavailable', parts: { dynamodb: { status: 'up' }, relay: { status: 'down', reason: 'the outbox relay died (SIGKILL); starting it again' } } },
    });
  });
});
