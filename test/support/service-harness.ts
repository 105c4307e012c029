import { randomUUID } from 'node:crypto';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import type { DynamoDBBatchResponse } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { onTestFinished, vi } from 'vitest';
import type { DeliveryRepository } from '#adapters/delivery-store/delivery-repository.ts';
import { EnvironmentPartnerSecrets } from '#adapters/partners/partner-secrets.ts';
import { handleOrderEvent, type OrderEventOutcome } from '#application/order-events.ts';
import { systemDeps } from '#application/system-deps.ts';
import { createApiHandler } from '#http/api-app.ts';
import { createWebhookHandler } from '#http/webhook-app.ts';
import { signatureHeader } from '#shared/partner-signature.ts';
import { readAllStreamRecords, streamArnOf } from '../../local/dynamodb-stream-reader.ts';
import { lambdaContext } from '../../local/lambda-context.ts';
import { LOCAL_STATE_MACHINE_ARN } from '../../local/local-workflow.ts';
import type { ApiAnswer } from './api-client.ts';
import { apiEvent, type ApiRequest } from './api-events.ts';
import { freshRepository, localClientConfig } from './dynamodb.ts';
import { noWorkflowsStarted } from './no-workflows.ts';
import { workflowOver, type WorkflowOptions } from './workflow-harness.ts';

/** The relay's Lambda handler, loaded as Lambda loads it: its environment validated at import. */
const relayHandler = async () => {
  vi.stubEnv('EVENT_BUS_NAME', 'bookstore-delivery');
  vi.stubEnv('STATE_MACHINE_ARN', LOCAL_STATE_MACHINE_ARN);
  vi.stubEnv('AWS_REGION', 'eu-west-1');
  onTestFinished(() => {
    vi.unstubAllEnvs();
  });
  return (await import('#handlers/relay.ts')).handler;
};

/**
 * The service's handlers over one fresh table on DynamoDB Local, as their Lambdas wire them (system
 * clock and ids, the state machine the local engine answers to, partner `manual` with its default
 * secret): the API, the partner webhook and the order-events handler; the workflow (the real definition,
 * tasks and notifier) once the test starts it; and the relay's Lambda handler, run over every record the
 * table's stream holds, publishing to an EventBridge answered here that takes every entry.
 */
export const serviceOnFreshTable = async () => {
  const store = await freshRepository();
  const { repository } = store;
  const webhook = createWebhookHandler({ repository, deps: systemDeps, secrets: new EnvironmentPartnerSecrets(['manual'], {}), clock: () => new Date() });
  const invoke = async (handler: typeof webhook, request: ApiRequest, functionName: string): Promise<ApiAnswer> => {
    const result = await handler(apiEvent(request), lambdaContext(functionName, randomUUID()));
    return { status: result.statusCode, body: JSON.parse(result.body) as Record<string, unknown> };
  };

  /** Requests to the API wired to `store`: the test's repository, or another (one over a missing table fails). */
  const apiOn = (store: DeliveryRepository) => {
    const api = createApiHandler({ repository: store, deps: systemDeps, stateMachineArn: LOCAL_STATE_MACHINE_ARN, partnerIds: ['manual'], workflows: noWorkflowsStarted });
    return (request: ApiRequest): Promise<ApiAnswer> => invoke(api, request, 'api');
  };

  /** A request to the API. */
  const call = apiOn(repository);

  /** A webhook of `manual`, signed now with `secret`. */
  const sendWebhook = (body: Record<string, unknown>, secret = 'dev-secret-manual'): Promise<ApiAnswer> => {
    const raw = JSON.stringify(body);
    const header = signatureHeader([secret], Math.floor(Date.now() / 1000), raw);
    return invoke(webhook, { method: 'POST', resource: '/webhooks/{partnerId}', pathParameters: { partnerId: 'manual' }, body: raw, headers: { 'X-Partner-Signature': header } }, 'webhook');
  };

  /** An inbound `bookstore.orders` event; rejected ones are dropped (the dead-letter queue is not under test). */
  const orderEvent = (event: unknown): Promise<OrderEventOutcome> =>
    handleOrderEvent(event, { repository, deps: systemDeps, rejected: { reject: () => Promise.resolve() } });

  /** Starts the workflow half; its notifier reads the stream from the start, so deliveries created before get their executions. */
  const startWorkflow = (options: WorkflowOptions = {}) => workflowOver(store, options);

  /** Runs the relay's handler once over every record the stream holds; the entries it put on the bus. */
  const relay = async (): Promise<{ response: DynamoDBBatchResponse; entries: PutEventsRequestEntry[] }> => {
    const handler = await relayHandler();
    const eventBridge = mockClient(EventBridgeClient);
    onTestFinished(() => {
      eventBridge.restore();
    });
    eventBridge.on(PutEventsCommand).callsFake((input: { Entries?: PutEventsRequestEntry[] }) => ({
      FailedEntryCount: 0,
      Entries: (input.Entries ?? []).map(() => ({ EventId: randomUUID() })),
    }));
    const records = await readAllStreamRecords(new DynamoDBStreamsClient(localClientConfig()), await streamArnOf(store.raw, store.tableName));
    const response = await handler({ Records: records }, lambdaContext('relay', randomUUID()));
    return { response, entries: eventBridge.commandCalls(PutEventsCommand).flatMap((command) => command.args[0].input.Entries ?? []) };
  };

  return { ...store, call, apiOn, sendWebhook, orderEvent, startWorkflow, relay };
};
