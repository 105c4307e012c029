import { partnerHandlerContext } from '#adapters/partners/known-partners.ts';
import { reconcile, type ReconciliationReport } from '#application/reconciliation.ts';
import { systemDeps } from '#application/system-deps.ts';
import { readEnv, reconcilerEnvSchema } from '#shared/env.ts';
import { serviceHandler } from '#shared/service-handler.ts';

const env = readEnv(reconcilerEnvSchema);
const context = {
  ...partnerHandlerContext(env.DELIVERY_TABLE_NAME),
  deps: systemDeps,
  clock: () => new Date(),
  quietSeconds: env.RECONCILE_QUIET_SECONDS,
  limit: env.RECONCILE_LIMIT,
};

/** The scheduled reconciliation: asks partners about the deliveries they have been quiet about, and applies what they say. */
export const handler = serviceHandler<unknown, ReconciliationReport>().handler((_event, lambda) =>
  reconcile({ ...context, timeLeftMs: () => lambda.getRemainingTimeInMillis() }),
);
