import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DeliveryRepository } from '#adapters/delivery-store/delivery-repository.ts';
import { ManualPartner } from '#adapters/partners/manual-partner.ts';
import { PartnerDirectory } from '#adapters/partners/partner-directory.ts';
import { EnvironmentPartnerSecrets } from '#adapters/partners/partner-secrets.ts';
import { depsOn } from '#application/system-deps.ts';
import type { Timers } from '#application/wait-plan.ts';
import { createApiHandler } from '#http/api-app.ts';
import { TRACKING_AGGREGATORS } from '#http/tracking-formats/tracking-formats.ts';
import { createWebhookHandler } from '#http/webhook-app.ts';
import { StepFunctionsWorkflowInspection } from '#adapters/workflow-inspection.ts';
import { StepFunctionsWorkflowControl } from '#adapters/workflow-control.ts';
import { handleOrderEvent } from '#application/order-events.ts';
import { reconcile } from '#application/reconciliation.ts';
import { startApiGateway } from './api-gateway.ts';
import { buildLocalDashboard, DASHBOARD_PATH, type LocalDashboard } from './dashboard-site.ts';
import { startAwsEndpoint, type AwsOperation } from './aws-endpoint.ts';
import type { LocalClock } from './local-clock.ts';
import { LocalEventBus } from './local-event-bus.ts';
import { LocalRejectedEvents } from './local-rejected-events.ts';
import { loadDefinition } from '../statemachine/definition.ts';
import { LOCAL_STATE_MACHINE_ARN } from './local-workflow.ts';
import { rulesOfTheStack } from './event-rules.ts';
import { startReconciliationTimer } from './reconciliation-timer.ts';
import { startRelayProcess, type RelayProcessOptions } from './relay-process.ts';
import { routeEntries } from './rule-targets.ts';
import { SandboxPartner } from './sandbox-partner.ts';
import type { HealthProbes } from './stack-health.ts';
import { stepFunctionsOperations } from './step-functions-api.ts';
import { LOCAL_WORKFLOW_FUNCTION_ARN, startWorkflowRuntime } from './workflow-runtime.ts';

/** What {@link startLocalServices} runs over and serves on. */
export interface LocalServicesOptions {
  /** Clients of the DynamoDB that holds the table (DynamoDB Local). */
  readonly dynamodb: DynamoDBClient;
  readonly documents: DynamoDBDocumentClient;
  /** The endpoint of that DynamoDB, whose streams API the notifier reads. */
  readonly dynamodbEndpoint: string;
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly tableName: string;
  /** The port of the HTTP API. */
  readonly apiPort: number;
  /** The port of the AWS-compatible endpoint (EventBridge `PutEvents`, `GET /_local/events`). */
  readonly awsPort: number;
  /** The bus the relay publishes on. */
  readonly busName: string;
  readonly operatorToken: string;
  /** The partners, in order of preference: `manual` and `sandbox` (contract §4). */
  readonly partners: readonly ('manual' | 'sandbox')[];
  /** The time between two steps of a sandbox scenario. */
  readonly sandboxStepMs: number;
  readonly timers: Timers;
  /** How often the reconciliation runs, and how long a partner may be quiet before it is asked. */
  readonly reconciliation: { readonly intervalSeconds: number; readonly quietSeconds: number };
  /** Where partner webhook secrets come from (`PARTNER_SECRET_<ID>`, default `dev-secret-<id>`). */
  readonly env: NodeJS.ProcessEnv;
  /** What the outbox relay's supervisor tells (the relay runs apart, and is started again if it dies). */
  readonly relayEvents?: Pick<RelayProcessOptions, 'onReady' | 'onGiveUp'>;
  /** The time every handler, timer and the sandbox run on: the wall clock, or a manual one (`LOCAL_CLOCK=manual`). */
  readonly clock: LocalClock;
  /** Parts started outside (DynamoDB Local) that `GET /health` reports with the relay. */
  readonly health?: HealthProbes;
}

/** The service running locally. */
export interface LocalServices {
  readonly apiUrl: string;
  readonly awsUrl: string;
  /** The operator dashboard. */
  readonly dashboardUrl: string;
  stop(): Promise<void>;
}

/** The real Step Functions client, pointed at the local AWS endpoint. */
const sfnClient = (options: LocalServicesOptions, awsUrl: string): SFNClient =>
  new SFNClient({ endpoint: awsUrl, region: options.region, credentials: options.credentials });

/** The local AWS endpoint with the bus behind it, whose rules deliver order events to their handler. */
const startAwsSide = async (options: LocalServicesOptions, repository: DeliveryRepository) => {
  const bus = new LocalEventBus(options.clock.now);
  // The Step Functions operations join once the engine runs, before anything can call them.
  const operations: Record<string, AwsOperation> = { 'AWSEvents.PutEvents': (input) => bus.putEvents(input) };
  const rejected = new LocalRejectedEvents(options.clock.now);
  const aws = await startAwsEndpoint({ port: options.awsPort, bus, operations, rejected, clock: options.clock });
  bus.subscribe(
    routeEntries(rulesOfTheStack(), { 'order-events': (event) => handleOrderEvent(event, { repository, deps: depsOn(options.clock.now), rejected }) }, options.busName, options.region),
  );
  return { aws, operations };
};

/** The workflow on the local engine, its Step Functions API served by the AWS endpoint and used through the real SFN client. */
const startWorkflow = (options: LocalServicesOptions, repository: DeliveryRepository, awsUrl: string, operations: Record<string, AwsOperation>, partners: PartnerDirectory) =>
  startWorkflowRuntime({
    repository,
    dynamodb: options.dynamodb,
    tableName: options.tableName,
    streams: { endpoint: options.dynamodbEndpoint, region: options.region, credentials: options.credentials },
    partners,
    timers: options.timers,
    clock: options.clock,
    control: (engine) => {
      const definition = loadDefinition({ WorkflowFunctionArn: LOCAL_WORKFLOW_FUNCTION_ARN }) as { States: Record<string, { Type: string }> };
      Object.assign(operations, stepFunctionsOperations(engine, LOCAL_STATE_MACHINE_ARN, definition, options.clock.now));
      return new StepFunctionsWorkflowControl(LOCAL_STATE_MACHINE_ARN, sfnClient(options, awsUrl));
    },
  });

/** The API and webhook handlers behind the local API Gateway. */
const startHttp = (options: LocalServicesOptions, repository: DeliveryRepository, secrets: EnvironmentPartnerSecrets, awsUrl: string, dashboard: LocalDashboard, health: HealthProbes) =>
  startApiGateway({
    port: options.apiPort,
    operatorToken: options.operatorToken,
    dashboard,
    health,
    handlers: {
      api: createApiHandler({
        repository,
        deps: depsOn(options.clock.now),
        stateMachineArn: LOCAL_STATE_MACHINE_ARN,
        partnerIds: options.partners,
        workflows: new StepFunctionsWorkflowInspection(sfnClient(options, awsUrl)),
      }),
      // Every aggregator's format is taken locally, test mode included, so that their payloads can be tried by hand.
      webhook: createWebhookHandler({ repository, deps: depsOn(options.clock.now), secrets, clock: options.clock.now, aggregators: TRACKING_AGGREGATORS, acceptTestMode: true }),
    },
  });

/**
 * The service's moving parts on one machine, with the code CDK deploys: the workflow (the ASL on the
 * local engine, its tasks, the stream notifier), the outbox relay (a process of its own) publishing
 * through the real EventBridge client to the local AWS endpoint, the stack's EventBridge rules
 * delivering `OrderPaid` and `OrderCancelled` to the order-events handler, and the HTTP API (the API and
 * webhook handlers behind a local API Gateway). Whatever started is stopped again if a later part fails
 * to start.
 */
export const startLocalServices = async (options: LocalServicesOptions): Promise<LocalServices> => {
  const repository = new DeliveryRepository({ client: options.documents, tableName: options.tableName, clock: options.clock.now });
  const secrets = new EnvironmentPartnerSecrets([...options.partners, ...TRACKING_AGGREGATORS], options.env);
  const [sandboxSecret = ''] = (await secrets.secretsFor('sandbox')) ?? [];
  const sandbox = new SandboxPartner({ webhookUrl: `http://127.0.0.1:${String(options.apiPort)}/webhooks/sandbox`, secret: sandboxSecret, stepMs: options.sandboxStepMs, clock: options.clock });
  const clients = { manual: new ManualPartner(), sandbox };
  const started: (() => Promise<void>)[] = [];
  const stop = async (): Promise<void> => {
    for (const stopOne of started.splice(0).reverse()) await stopOne();
  };
  try {
    const { aws, operations } = await startAwsSide(options, repository);
    started.push(() => aws.close());
    const relay = await startRelayProcess({
      dynamodbEndpoint: options.dynamodbEndpoint,
      eventBridgeEndpoint: aws.url,
      region: options.region,
      credentials: options.credentials,
      tableName: options.tableName,
      busName: options.busName,
      stateMachineArn: LOCAL_STATE_MACHINE_ARN,
      ...options.relayEvents,
    });
    started.push(() => relay.stop());
    const partners = new PartnerDirectory(Object.fromEntries(options.partners.map((id) => [id, clients[id]])));
    const runtime = await startWorkflow(options, repository, aws.url, operations, partners);
    started.push(() => runtime.stop());
    started.push(() => {
      sandbox.stop();
      return Promise.resolve();
    });
    const reconciliation = startReconciliationTimer(
      () => reconcile({ repository, deps: depsOn(options.clock.now), partners, clock: options.clock.now, quietSeconds: options.reconciliation.quietSeconds, limit: 500 }),
      options.reconciliation.intervalSeconds * 1000,
      options.clock,
    );
    started.push(() => reconciliation.stop());
    const dashboard = buildLocalDashboard();
    started.push(() => {
      dashboard.remove();
      return Promise.resolve();
    });
    const gateway = await startHttp(options, repository, secrets, aws.url, dashboard, { ...options.health, relay: () => relay.health() });
    started.push(() => gateway.close());
    return { apiUrl: gateway.url, awsUrl: aws.url, dashboardUrl: `${gateway.url}${DASHBOARD_PATH}`, stop };
  } catch (error) {
    await stop();
    throw error;
  }
};
