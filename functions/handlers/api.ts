import { createDocumentClient } from '#adapters/dynamodb-client.ts';
import { DeliveryRepository } from '#adapters/delivery-store/delivery-repository.ts';
import { StepFunctionsWorkflowInspection } from '#adapters/workflow-inspection.ts';
import { systemDeps } from '#application/system-deps.ts';
import { createApiHandler } from '#http/api-app.ts';
import { apiEnvSchema, readEnv } from '#shared/env.ts';

const env = readEnv(apiEnvSchema());
const repository = new DeliveryRepository({ client: createDocumentClient(), tableName: env.DELIVERY_TABLE_NAME });

/** The HTTP API of contract §3 and the operator dashboard's routes (API Gateway REST, proxy integration). */
export const handler = createApiHandler({
  repository,
  deps: systemDeps,
  stateMachineArn: env.STATE_MACHINE_ARN,
  partnerIds: env.PARTNERS,
  workflows: new StepFunctionsWorkflowInspection(),
});
