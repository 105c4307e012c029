import { createDocumentClient } from '#adapters/dynamodb-client.ts';
import { DeliveryRepository } from '#adapters/delivery-store/delivery-repository.ts';
import { partnersFromEnv } from '#adapters/partners/known-partners.ts';
import { partnerEnvSchema } from '#adapters/partners/partner-settings.ts';
import { reconcile, type ReconciliationReport } from '#application/reconciliation.ts';
import { systemDeps } from '#application/system-deps.ts';
import { readEnv, reconcilerEnvSchema } from '#shared/env.ts';
import { serviceHandler } from '#shared/service-handler.ts';

const env = readEnv(reconcilerEnvSchema);
const partnerEnv = readEnv(partnerEnvSchema);
const client = createDocumentClient();
const context = {
  repository: new DeliveryRepository({ client, tableName: env.DELIVERY_TABLE_NAME }),
  deps: systemDeps,
  partners: partnersFromEnv(partnerEnv, { client, tableName: env.DELIVERY_TABLE_NAME }),
  clock: () => new Date(),
  quietSeconds: env.RECONCILE_QUIET_SECONDS,
  limit: env.RECONCILE_LIMIT,
};

/** The scheduled reconciliation: asks partners about the deliveries they have been quiet about, and applies what they say. */
export const handler = serviceHandler<unknown, ReconciliationReport>().handler((_event, lambda) =>
  reconcile({ ...context, timeLeftMs: () => lambda.getRemainingTimeInMillis() }),
);
