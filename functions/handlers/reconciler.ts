import { partnerHandlerContext } from '#adapters/partners/known-partners.ts';
import { recordBacklogGauges } from '#application/backlog-gauges.ts';
import { reconcile, type ReconciliationReport } from '#application/reconciliation.ts';
import { systemDeps } from '#application/system-deps.ts';
import { readEnv, reconcilerEnvSchema } from '#shared/env.ts';
import { serviceHandler } from '#shared/service-handler.ts';

const env = readEnv(reconcilerEnvSchema());
const context = {
  ...partnerHandlerContext(env.DELIVERY_TABLE_NAME),
  deps: systemDeps,
  clock: () => new Date(),
  quietSeconds: env.RECONCILE_QUIET_SECONDS,
  limit: env.RECONCILE_LIMIT,
};

/**
 * The scheduled reconciliation: asks partners about the deliveries they have been quiet about, and applies
 * what they say. Every run also records the backlog gauges, whatever the reconciliation finds; a run in
 * which either fails fails, after the other has done its part.
 */
export const handler = serviceHandler<unknown, ReconciliationReport>().handler(async (_event, lambda) => {
  const [gauges, report] = await Promise.allSettled([
    recordBacklogGauges(context),
    reconcile({ ...context, timeLeftMs: () => lambda.getRemainingTimeInMillis() }),
  ]);
  if (report.status === 'rejected') throw report.reason;
  if (gauges.status === 'rejected') throw new Error('the backlog gauges could not be read', { cause: gauges.reason });
  return report.value;
});
