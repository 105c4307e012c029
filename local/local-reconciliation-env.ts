import * as z from 'zod';

/** The local reconciliation: `RECONCILE_INTERVAL_SECONDS` (60) between runs, `RECONCILE_QUIET_SECONDS` (21600, as in AWS) of partner silence before a delivery is asked about. */
export const localReconciliationEnvSchema = z
  .object({
    RECONCILE_INTERVAL_SECONDS: z.coerce.number().int().min(1).default(60),
    RECONCILE_QUIET_SECONDS: z.coerce.number().int().min(1).default(21_600),
  })
  .transform((env) => ({ intervalSeconds: env.RECONCILE_INTERVAL_SECONDS, quietSeconds: env.RECONCILE_QUIET_SECONDS }));
