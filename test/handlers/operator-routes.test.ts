import { describe, expect, it } from 'vitest';
import type { WorkflowInspection, WorkflowState } from '#adapters/workflow-inspection.ts';
import { createApiHandler } from '#http/api-app.ts';
import { booking, create, dispatch, operator, partner, timer } from '#test/support/commands.ts';
import { apiEvent, lambdaContext, type ApiRequest } from '#test/support/api-events.ts';
import { TEST_STATE_MACHINE_ARN } from '#test/support/api-client.ts';
import { deterministicDeps } from '#test/support/deterministic-deps.ts';
import { freshRepository } from '#test/support/dynamodb.ts';
import { MARKED_ADDRESS, MARKED_CUSTOMER, PERSONAL_MARKERS } from '#test/support/personal-markers.ts';
import { commitAll } from '#test/support/store-steps.ts';

const OPERATOR = { 'cognito:username': 'op-ada' };

/** The API over a fresh table, whose workflow state comes from `workflows`. */
const operatorApi = async (workflows: WorkflowInspection = { describe: () => Promise.resolve(null) }) => {
  const store = await freshRepository();
  const handler = createApiHandler({ repository: store.repository, deps: deterministicDeps(), stateMachineArn: TEST_STATE_MACHINE_ARN, partnerIds: ['manual', 'acme'], workflows });
  const call = async (request: Omit<ApiRequest, 'claims'>) => {
    const result = await handler(apiEvent({ ...request, claims: OPERATOR }), lambdaContext);
    return { status: result.statusCode, text: result.body, body: JSON.parse(result.body) as Record<string, unknown> };
  };
  const timeline = (deliveryId: string) => call({ method: 'GET', resource: '/deliveries/{deliveryId}/timeline', pathParameters: { deliveryId } });
  return { ...store, call, timeline };
};

/** A delivery of the marked customer that its partner reported damaged: ON_HOLD(DAMAGED), in custody. */
const damaged = [
  create({ customer: MARKED_CUSTOMER, address: MARKED_ADDRESS }),
  dispatch('manual'),
  booking('manual', 'job-d'),
  partner('PICKED_UP', { jobId: 'job-d' }),
  partner('DAMAGED', { jobId: 'job-d', reason: 'box crushed' }),
];

describe('GET /deliveries/{deliveryId}/timeline', () => {
  it('gives the view, the actions its status allows, the events and scans in commit order, and the workflow', async () => {
    const running: WorkflowState = { executionArn: 'arn:x', status: 'RUNNING', currentState: 'Wait for the partner to deliver', startedAt: '2026-11-25T09:00:00.000Z', stoppedAt: null };
    const api = await operatorApi({ describe: (executionArn) => Promise.resolve({ ...running, executionArn }) });
    const delivery = await commitAll(api.repository, damaged);

    const { status, body } = await api.timeline(delivery.deliveryId);

    expect(status).toBe(200);
    expect(body).toMatchObject({
      delivery: { deliveryId: delivery.deliveryId, status: 'ON_HOLD', holdReason: 'DAMAGED' },
      allowedActions: ['HOLD', 'RESUME', 'REATTEMPT', 'RETURN_TO_SENDER', 'DECLARE_LOST', 'WRITE_OFF', 'CANCEL'],
      reassignTo: [],
      workflow: { ...running, executionArn: `${TEST_STATE_MACHINE_ARN.replace(':stateMachine:', ':execution:')}:${delivery.deliveryId}` },
    });
    const entries = body['timeline'] as { kind: string; type?: string; status?: string; disposition?: string }[];
    expect(entries.map((entry) => (entry.kind === 'event' ? entry.type : `scan ${entry.status ?? ''} ${entry.disposition ?? ''}`))).toEqual([
      'DeliveryCreated',
      'DeliveryDispatchRequested',
      'DeliveryPartnerAssigned',
      'scan PICKED_UP APPLIED',
      'DeliveryHandedOver',
      'scan DAMAGED APPLIED',
      'DeliveryPutOnHold',
    ]);
  });

  it("holds none of the customer's personal data: no event data, no scan details", async () => {
    const api = await operatorApi();
    const delivery = await commitAll(api.repository, damaged);
    const { text } = await api.timeline(delivery.deliveryId);
    for (const marker of PERSONAL_MARKERS) expect(text, marker).not.toContain(marker);
    expect(text).toContain('box crushed');
  });

  it('names the partners a REASSIGN may go to on a hold without custody', async () => {
    const api = await operatorApi();
    const delivery = await commitAll(api.repository, [create(), dispatch('manual'), booking('manual', 'job-p'), timer('PICKUP_DEADLINE')]);
    expect((await api.timeline(delivery.deliveryId)).body).toMatchObject({ allowedActions: expect.arrayContaining(['REASSIGN']) as string[], reassignTo: ['acme'] });
  });

  it('still answers when Step Functions does not: the workflow is UNAVAILABLE, the actions are there', async () => {
    const api = await operatorApi({ describe: () => Promise.reject(new Error('ThrottlingException: Rate exceeded')) });
    const delivery = await commitAll(api.repository, [create(), operator('HOLD')]);
    const { status, body } = await api.timeline(delivery.deliveryId);
    expect(status).toBe(200);
    expect(body).toMatchObject({ workflow: { status: 'UNAVAILABLE', currentState: null }, allowedActions: expect.arrayContaining(['RESUME']) as string[] });
  });

  it('answers 404 for no such delivery and 400 naming deliveryId for a malformed one', async () => {
    const api = await operatorApi();
    expect(await api.timeline('dlv-00000000-0000-0000-0000-000000000000')).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
    expect(await api.timeline('not-a-delivery')).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED', details: [expect.objectContaining({ field: 'deliveryId' })] } } });
  });
});

describe('GET /holds', () => {
  it('lists the deliveries on hold, longest on hold first, with since when, and pages', async () => {
    const api = await operatorApi();
    const first = await commitAll(api.repository, [create(), operator('HOLD')]);
    await commitAll(api.repository, [create(), dispatch('manual')]);
    const second = await commitAll(api.repository, damaged);
    const page = await api.call({ method: 'GET', resource: '/holds', query: { limit: '1' } });
    expect(page).toMatchObject({ status: 200, body: { items: [{ deliveryId: first.deliveryId, holdReason: 'OPERATOR', since: first.statusSince, partnerId: null }] } });
    const next = await api.call({ method: 'GET', resource: '/holds', query: { limit: '1', nextToken: page.body['nextToken'] as string } });
    expect(next).toMatchObject({ status: 200, body: { items: [{ deliveryId: second.deliveryId, holdReason: 'DAMAGED', since: second.statusSince, partnerId: 'manual', attemptCount: 0, maxAttempts: 3 }] } });
    for (const marker of PERSONAL_MARKERS) expect(next.text, marker).not.toContain(marker);
  });

  it('refuses a bad limit, a bad nextToken and a status with 400 naming the field', async () => {
    const api = await operatorApi();
    for (const [query, field] of [[{ limit: '0' }, 'limit'], [{ nextToken: 'garbage' }, 'nextToken'], [{ status: 'ON_HOLD' }, 'status']] as const) {
      const answer = await api.call({ method: 'GET', resource: '/holds', query });
      expect(answer, field).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED', details: [expect.objectContaining({ field })] } } });
    }
  });
});
