import type { z } from 'zod/mini';
import type { timersEnvSchema } from '#shared/env.ts';
import { DEFAULT_TIMERS, type Timers } from './wait-plan.ts';

/** The lifecycle timers from their environment variables. */
export const timersFromEnv = (env: z.infer<typeof timersEnvSchema>): Timers => ({
  ...DEFAULT_TIMERS,
  pickupDeadlineSeconds: env.PICKUP_DEADLINE_SECONDS,
  stallThresholdSeconds: env.STALL_THRESHOLD_SECONDS,
  cancelConfirmSeconds: env.CANCEL_CONFIRM_SECONDS,
});
