import { createDocumentClient } from '#adapters/dynamodb-client.ts';
import { DeliveryRepository } from '#adapters/delivery-store/delivery-repository.ts';
import { DynamoDbCircuitStore } from '#adapters/delivery-store/circuit-store.ts';
import { CircuitBreaker } from '#adapters/partners/circuit-breaker.ts';
import { partnerDirectoryFor } from '#adapters/partners/known-partners.ts';
import { partnerSecretsFor } from '#adapters/partners/partner-secrets-from-env.ts';
import { partnerEnvSchema } from '#adapters/partners/partner-settings.ts';
import { StepFunctionsWorkflowControl } from '#adapters/workflow-control.ts';
import { systemDeps } from '#application/system-deps.ts';
import { timersFromEnv } from '#application/timers-from-env.ts';
import { runWorkflowTask } from '#application/workflow-tasks.ts';
import { workflowTaskSchema } from '#schemas/workflow-task.ts';
import { readEnv, workflowEnvSchema } from '#shared/env.ts';
import { serviceHandler } from '#shared/service-handler.ts';

const env = readEnv(workflowEnvSchema);
const partnerEnv = readEnv(partnerEnvSchema);
const client = createDocumentClient();
const breaker = new CircuitBreaker(new DynamoDbCircuitStore({ client, tableName: env.DELIVERY_TABLE_NAME }), {
  failureThreshold: partnerEnv.CIRCUIT_FAILURE_THRESHOLD,
  openSeconds: partnerEnv.CIRCUIT_OPEN_SECONDS,
});
const context = {
  repository: new DeliveryRepository({ client, tableName: env.DELIVERY_TABLE_NAME }),
  deps: systemDeps,
  partners: partnerDirectoryFor({ env: partnerEnv, secrets: partnerSecretsFor(partnerEnv), breaker }),
  routes: partnerEnv.PARTNER_ROUTES,
  workflow: new StepFunctionsWorkflowControl(null),
  timers: timersFromEnv(env),
  clock: () => new Date(),
};

/** The workflow's task Lambda: each task state's payload, validated, run through the one write path. */
export const handler = serviceHandler<unknown, Awaited<ReturnType<typeof runWorkflowTask>>>().handler((payload) =>
  runWorkflowTask(workflowTaskSchema.parse(payload), context),
);
