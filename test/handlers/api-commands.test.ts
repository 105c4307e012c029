import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { noWorkflowsStarted } from '#test/support/no-workflows.ts';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { DeliveryRepository } from '#adapters/delivery-store/delivery-repository.ts';
import { createApiHandler } from '#http/api-app.ts';
import { createRequest } from '#test/support/commands.ts';
import { apiOnFreshTable, TEST_STATE_MACHINE_ARN, type ApiAnswer } from '#test/support/api-client.ts';
import { apiEvent, lambdaContext } from '#test/support/api-events.ts';
import { deterministicDeps } from '#test/support/deterministic-deps.ts';

const OPERATOR = { 'cognito:username': 'op-ada' };

const setUp = async () => {
  const api = await apiOnFreshTable();
  const createOne = async (): Promise<string> => (await api.call({ method: 'POST', resource: '/deliveries', body: createRequest() })).body['deliveryId'] as string;
  const cancel = (deliveryId: string, body: unknown, headers: Record<string, string> = {}): Promise<ApiAnswer> =>
    api.call({ method: 'POST', resource: '/deliveries/{deliveryId}/cancel', pathParameters: { deliveryId }, body, headers });
  const act = (deliveryId: string, body: unknown, claims: Record<string, string> | null = OPERATOR, headers: Record<string, string> = {}): Promise<ApiAnswer> =>
    api.call({ method: 'POST', resource: '/deliveries/{deliveryId}/actions', pathParameters: { deliveryId }, body, headers, ...(claims ? { claims } : {}) });
  return { ...api, createOne, cancel, act };
};

describe('POST /deliveries/{deliveryId}/cancel', () => {
  it('cancels a PENDING delivery: 202 with the view', async () => {
    const { createOne, cancel } = await setUp();
    const deliveryId = await createOne();
    expect(await cancel(deliveryId, { reason: 'order refunded' })).toMatchObject({ status: 202, body: { deliveryId, status: 'CANCELLED' } });
  });

  it('answers 409 TRANSITION_NOT_ALLOWED in a terminal status, 404 for no delivery, 400 without a reason', async () => {
    const { createOne, cancel } = await setUp();
    const deliveryId = await createOne();
    await cancel(deliveryId, { reason: 'first' });
    expect(await cancel(deliveryId, { reason: 'again' })).toMatchObject({ status: 409, body: { error: { code: 'TRANSITION_NOT_ALLOWED' } } });
    expect(await cancel('dlv-missing', { reason: 'x' })).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
    expect(await cancel(deliveryId, {})).toMatchObject({ status: 400, body: { error: { details: [{ field: 'reason' }] } } });
  });

  it('answers a repeat with the same Idempotency-Key as the first time, with one cancellation', async () => {
    const { createOne, cancel, repository } = await setUp();
    const deliveryId = await createOne();
    const first = await cancel(deliveryId, { reason: 'refund' }, { 'Idempotency-Key': 'cancel-1' });
    const again = await cancel(deliveryId, { reason: 'refund' }, { 'idempotency-key': 'cancel-1' });
    expect(first).toMatchObject({ status: 202, body: { status: 'CANCELLED' } });
    expect(again).toEqual(first);
    expect((await repository.listEvents(deliveryId)).filter((e) => e.type === 'DeliveryCancelled')).toHaveLength(1);
  });

  it('answers 409 CONFLICT when the same Idempotency-Key comes with another body, and changes nothing', async () => {
    const { createOne, act, repository } = await setUp();
    const deliveryId = await createOne();
    expect(await act(deliveryId, { action: 'HOLD', reason: 'customer called' }, undefined, { 'Idempotency-Key': 'act-1' })).toMatchObject({ status: 202 });
    const before = await repository.get(deliveryId);
    expect(await act(deliveryId, { action: 'CANCEL', reason: 'customer called' }, undefined, { 'Idempotency-Key': 'act-1' })).toMatchObject({
      status: 409,
      body: { error: { code: 'CONFLICT', message: expect.stringContaining('Idempotency-Key') as string } },
    });
    expect(await repository.get(deliveryId)).toEqual(before);
  });
});

describe('POST /deliveries/{deliveryId}/actions', () => {
  it('applies an operator action: 202, with the operator and the reason on the event', async () => {
    const { createOne, act, repository } = await setUp();
    const deliveryId = await createOne();
    expect(await act(deliveryId, { action: 'HOLD', reason: 'customer called' })).toMatchObject({ status: 202, body: { status: 'ON_HOLD', holdReason: 'OPERATOR' } });
    const [, held] = await repository.listEvents(deliveryId);
    expect(held).toMatchObject({ type: 'DeliveryPutOnHold', source: 'OPERATOR', actor: 'op-ada', reason: 'customer called' });
  });

  it('answers 401 without an operator, 409 when the table forbids the action, 400 for an unknown action or no reason', async () => {
    const { createOne, act } = await setUp();
    const deliveryId = await createOne();
    expect(await act(deliveryId, { action: 'HOLD', reason: 'x' }, null)).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHORIZED' } } });
    expect(await act(deliveryId, { action: 'WRITE_OFF', reason: 'x' })).toMatchObject({ status: 409, body: { error: { code: 'TRANSITION_NOT_ALLOWED' } } });
    expect(await act(deliveryId, { action: 'TELEPORT', reason: 'x' })).toMatchObject({ status: 400, body: { error: { details: [{ field: 'action' }] } } });
    expect(await act(deliveryId, { action: 'HOLD', reason: '  ' })).toMatchObject({ status: 400, body: { error: { details: [{ field: 'reason' }] } } });
  });

  it('answers 400 naming partnerId for a reassignment to a partner the deployment does not have, and writes nothing', async () => {
    const { createOne, act, repository } = await setUp();
    const deliveryId = await createOne();
    const before = await repository.get(deliveryId);
    expect(await act(deliveryId, { action: 'REASSIGN', reason: 'courier strike', partnerId: 'teleporter' })).toMatchObject({
      status: 400,
      body: { error: { code: 'VALIDATION_FAILED', details: [{ field: 'partnerId', message: expect.stringContaining('manual') as string }] } },
    });
    expect(await repository.get(deliveryId)).toEqual(before);
  });
});

describe('GET /deliveries?status=…', () => {
  it('lists deliveries in a status page by page', async () => {
    const { createOne, act, call } = await setUp();
    const held = [await createOne(), await createOne(), await createOne()];
    for (const deliveryId of held) await act(deliveryId, { action: 'HOLD', reason: 'audit' });
    await createOne();

    const seen: string[] = [];
    let nextToken: string | null = null;
    do {
      const page: ApiAnswer = await call({ method: 'GET', resource: '/deliveries', query: { status: 'ON_HOLD', limit: '2', ...(nextToken ? { nextToken } : {}) } });
      expect(page.status).toBe(200);
      seen.push(...(page.body['items'] as { deliveryId: string }[]).map((item) => item.deliveryId));
      nextToken = page.body['nextToken'] as string | null;
    } while (nextToken !== null);
    expect(seen).toEqual(held);
  });

  it.each([
    [{}, 'status'],
    [{ status: 'SHIPPED' }, 'status'],
    [{ status: 'ON_HOLD', limit: '0' }, 'limit'],
    [{ status: 'ON_HOLD', limit: 'ten' }, 'limit'],
    [{ status: 'ON_HOLD', nextToken: 'forged' }, 'nextToken'],
    [{ status: 'ON_HOLD', sort: 'asc' }, 'sort'],
  ])('refuses %o with 400 naming %s', async (query, field) => {
    const { call } = await setUp();
    expect(await call({ method: 'GET', resource: '/deliveries', query })).toMatchObject({ status: 400, body: { error: { details: [{ field }] } } });
  });
});

describe('failures', () => {
  it('answers 500 INTERNAL without the cause when the store fails', async () => {
    const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-1' }));
    mockClient(client).on(GetCommand).rejects(new Error('connection reset by peer at 10.0.0.1'));
    const handler = createApiHandler({ repository: new DeliveryRepository({ client, tableName: 't' }), deps: deterministicDeps(), stateMachineArn: TEST_STATE_MACHINE_ARN, partnerIds: ['manual', 'acme'], workflows: noWorkflowsStarted });
    const result = await handler(apiEvent({ method: 'GET', resource: '/deliveries/{deliveryId}', pathParameters: { deliveryId: 'dlv-1' } }), lambdaContext);
    expect(result.statusCode).toBe(500);
    expect(JSON.parse(result.body)).toEqual({ error: { code: 'INTERNAL', message: 'the request failed; it has been logged', details: [] } });
  });
});
