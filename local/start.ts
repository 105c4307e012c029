import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { executeCommand, type Execution } from '#application/execute-command.ts';
import { depsOn } from '#application/system-deps.ts';
import { createDocumentClient } from '#adapters/dynamodb-client.ts';
import { createDeliveryTable } from '#adapters/delivery-store/create-table.ts';
import { DeliveryRepository } from '#adapters/delivery-store/delivery-repository.ts';
import { DEFAULT_DELIVERY_TABLE_NAME } from '#adapters/delivery-store/table-definition.ts';
import { exitOnMissingPrerequisites } from './exit-on-missing-prerequisites.ts';
import { javaProblem } from './java-prerequisite.ts';
import { JavaMissingError, LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local.ts';
import { timersFromEnv } from '#application/timers-from-env.ts';
import { readEnv, timersEnvSchema } from '#shared/env.ts';
import { localClockEnvSchema } from './local-clock-env.ts';
import type { LocalClock } from './local-clock.ts';
import { ManualClock } from './manual-clock.ts';
import { localReconciliationEnvSchema } from './local-reconciliation-env.ts';
import { startLocalServices, type LocalServices } from './local-services.ts';
import { scriptedLifecycles, type ScriptStep } from './scripted-lifecycles.ts';

const port = Number(process.env['DYNAMODB_PORT'] ?? 8000);
const apiPort = Number(process.env['PORT'] ?? 3000);
const awsPort = Number(process.env['AWS_LOCAL_PORT'] ?? 4566);
const busName = process.env['EVENT_BUS_NAME'] ?? 'bookstore-delivery';
const operatorToken = process.env['OPERATOR_TOKEN'] ?? 'dev-operator-token';
const tableName = process.env['DELIVERY_TABLE_NAME'] ?? DEFAULT_DELIVERY_TABLE_NAME;
const once = process.argv.includes('--once');

const describe = (step: ScriptStep, execution: Execution): string => {
  switch (execution.kind) {
    case 'committed': {
      const events = execution.decision.events.map((e) => e.type).join(', ') || 'no event';
      return `${execution.delivery.status.padEnd(20)} ${events} (${execution.decision.outcome}, v${execution.delivery.version})`;
    }
    case 'duplicate':
      return `${'(unchanged)'.padEnd(20)} duplicate of ${execution.marker.key}`;
    case 'key-reused':
      return `${'(unchanged)'.padEnd(20)} ${execution.marker.key} belongs to ${execution.marker.deliveryId}`;
    case 'job-claimed':
      return `${'(unchanged)'.padEnd(20)} job ${execution.jobId} belongs to another delivery`;
    case 'refused':
      return `${'(unchanged)'.padEnd(20)} refused: ${execution.refusal.code}`;
    case 'order-exists':
      return `${'(unchanged)'.padEnd(20)} order exists: ${execution.deliveryId} (${step.label})`;
  }
};

/** Plays the scripted lifecycles through the one write path and prints what each step did. */
const play = async (repository: DeliveryRepository, clock: LocalClock): Promise<void> => {
  for (const script of scriptedLifecycles(clock.now())) {
    console.log(`\n${script.name}`);
    let deliveryId: string | null = null;
    for (const step of script.steps) {
      const execution = await executeCommand(repository, depsOn(clock.now), { deliveryId, command: step.command, ...(step.idempotencyKey ? { idempotencyKey: step.idempotencyKey } : {}) });
      if (execution.kind === 'committed') deliveryId = execution.delivery.deliveryId;
      console.log(`  ${step.label.padEnd(42)} → ${describe(step, execution)}`);
    }
    if (deliveryId !== null) {
      const events = await repository.listEvents(deliveryId);
      console.log(`  ${deliveryId}: ${events.length} events, sequence ${events.map((e) => e.sequence).join(' ')}`);
    }
  }
};

let dynamodb: DynamoDbLocal | undefined;
let services: LocalServices | undefined;
const shutdown = async (code: number): Promise<never> => {
  try {
    await services?.stop();
  } finally {
    await dynamodb?.stop();
  }
  process.exit(code);
};
process.once('SIGINT', () => void shutdown(0));
process.once('SIGTERM', () => void shutdown(0));

exitOnMissingPrerequisites([javaProblem(process.env)]);
try {
  const clock = readEnv(localClockEnvSchema);
  dynamodb = await startDynamoDbLocal({
    port,
    onUnexpectedExit: (reason) => {
      console.error(`${reason}: stopping (a DynamoDB Local started again would hold none of it). Run npm start again for a fresh stack.`);
      void shutdown(1);
    },
  });
  const config = { endpoint: dynamodb.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
  await createDeliveryTable(new DynamoDBClient(config), tableName);
  const documents = createDocumentClient(config);
  await play(new DeliveryRepository({ client: documents, tableName, clock: clock.now }), clock);
  console.log(`\nDynamoDB Local: ${dynamodb.endpoint} (in memory, pid ${String(dynamodb.pid)}), table ${tableName}`);
  if (once) await shutdown(0);
  services = await startLocalServices({
    dynamodb: new DynamoDBClient(config),
    documents,
    dynamodbEndpoint: dynamodb.endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    tableName,
    apiPort,
    awsPort,
    busName,
    operatorToken,
    partners: ['manual', 'sandbox'],
    sandboxStepMs: Number(process.env['SANDBOX_STEP_MS'] ?? 2000),
    timers: timersFromEnv(readEnv(timersEnvSchema)),
    reconciliation: readEnv(localReconciliationEnvSchema),
    env: process.env,
    clock,
    health: { dynamodb: () => dynamodb?.health() ?? { status: 'down', reason: 'DynamoDB Local is not running' } },
    relayEvents: {
      onReady: (pid, restarted) => {
        console.log(restarted ? `Outbox relay: started again as pid ${String(pid)}, from its checkpoint` : `Outbox relay: pid ${String(pid)} (its own process, started again if it dies)`);
      },
      onGiveUp: (reason) => {
        console.error(`${reason}; stopping.`);
        void shutdown(1);
      },
    },
  });
  console.log(`HTTP API: ${services.apiUrl} (operator routes: Authorization: Bearer $OPERATOR_TOKEN)`);
  console.log(`Operator dashboard: ${services.dashboardUrl} (sign in with $OPERATOR_TOKEN)`);
  console.log(`AWS endpoint: ${services.awsUrl} (Step Functions API, EventBridge PutEvents; GET ${services.awsUrl}/_local/events pages the newest 10,000 events on the ${busName} bus, GET ${services.awsUrl}/_local/rejected-events every order event refused)`);
  if (clock instanceof ManualClock) {
    console.log(`Clock: manual, at ${clock.now().toISOString()}; it moves only when told: curl -XPOST ${services.awsUrl}/_local/clock -d '{"advanceSeconds": 3600}'`);
  }
  console.log(
    'Workflow: the state machine runs locally. Partners: manual (you drive it with webhooks) and sandbox ("partnerId": "sandbox"; scenario by order id ending -retry, -max-attempts, -lost, -damaged, -return; else delivered; misbehaving with _dup, _shuffle, _late, _drop, _failbook in the order id). Tracking aggregators: POST /webhooks/aftership, /easypost, /shippo.',
  );
  console.log('Running. Inspect it with any AWS SDK client or the AWS CLI (--endpoint-url). Ctrl-C stops everything.');
} catch (error) {
  console.error(error instanceof JavaMissingError ? error.message : error);
  await shutdown(1);
}
