import * as z from 'zod';
import type { LocalClock } from './local-clock.ts';
import { wallClock } from './local-clock.ts';
import { ManualClock } from './manual-clock.ts';

/**
 * The local stack's clock: `LOCAL_CLOCK` `wall` (the default) or `manual`, whose time moves only by
 * `POST /_local/clock`; a manual clock starts at `LOCAL_CLOCK_START` (ISO 8601), else at the wall clock's now.
 */
export const localClockEnvSchema = z
  .object({
    LOCAL_CLOCK: z.enum(['wall', 'manual']).default('wall'),
    LOCAL_CLOCK_START: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((env) => env.LOCAL_CLOCK === 'manual' || env.LOCAL_CLOCK_START === undefined, {
    path: ['LOCAL_CLOCK_START'],
    message: 'is read only with LOCAL_CLOCK=manual',
  })
  .transform((env): LocalClock => (env.LOCAL_CLOCK === 'manual' ? new ManualClock(env.LOCAL_CLOCK_START === undefined ? new Date() : new Date(env.LOCAL_CLOCK_START)) : wallClock));
