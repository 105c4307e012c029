import * as z from 'zod';
import { TRACKING_AGGREGATORS } from '#http/tracking-formats/tracking-aggregators.ts';

/** Thrown at load when the environment does not match what a handler needs. */
export class InvalidEnvironmentError extends Error {
  override readonly name = 'InvalidEnvironmentError';
}

/** Parses `process.env` once with `schema`; names every missing or malformed variable. */
export const readEnv = <S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> => {
  const result = schema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new InvalidEnvironmentError(`invalid environment: ${problems}`);
  }
  return result.data;
};

/** The partners of the deployment, comma-separated, in order of preference. */
export const partnerList = z
  .string()
  .min(1)
  .transform((list) => list.split(',').map((id) => id.trim()).filter((id) => id !== ''));

/** What the API handler needs. */
export const apiEnvSchema = z.object({
  DELIVERY_TABLE_NAME: z.string().min(1),
  STATE_MACHINE_ARN: z.string().regex(/^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[A-Za-z0-9_-]+$/),
  PARTNERS: partnerList,
});

/** The API handler's environment. */
export type ApiEnv = z.infer<typeof apiEnvSchema>;

/** What the outbox relay needs. */
export const relayEnvSchema = z.object({
  EVENT_BUS_NAME: z.string().min(1),
  /** Names each published event's workflow execution in the logs. */
  STATE_MACHINE_ARN: apiEnvSchema.shape.STATE_MACHINE_ARN,
});

const seconds = (fallback: number) => z.coerce.number().int().min(1).default(fallback);

/** The lifecycle timers (contract §7), shortened by environment for local runs. */
export const timersEnvSchema = z.object({
  PICKUP_DEADLINE_SECONDS: seconds(172_800),
  STALL_THRESHOLD_SECONDS: seconds(432_000),
  CANCEL_CONFIRM_SECONDS: seconds(3_600),
});

/** What the workflow task Lambda needs besides its partners (`partnerEnvSchema`). */
export const workflowEnvSchema = timersEnvSchema.extend({
  DELIVERY_TABLE_NAME: z.string().min(1),
});

/** What the workflow notifier needs. */
export const notifierEnvSchema = timersEnvSchema.extend({
  STATE_MACHINE_ARN: apiEnvSchema.shape.STATE_MACHINE_ARN,
});

/** What the partner webhook needs: secrets from Secrets Manager in AWS, from the environment locally. */
export const webhookEnvSchema = z.object({
  DELIVERY_TABLE_NAME: z.string().min(1),
  PARTNERS: partnerList,
  PARTNER_SECRETS: z.enum(['secrets-manager', 'environment']).default('secrets-manager'),
  PARTNER_SECRET_PREFIX: z.string().min(1).default('bookstore-delivery/partners/'),
  /** The tracking aggregators whose webhooks arrive under their id, comma-separated. */
  TRACKING_AGGREGATORS: z
    .string()
    .default('')
    .transform((list) => list.split(',').map((id) => id.trim()).filter((id) => id !== ''))
    .pipe(z.array(z.enum(TRACKING_AGGREGATORS))),
  /** Whether aggregator payloads marked as test mode are taken: `accept` for local and test deployments only. */
  PARTNER_TEST_MODE: z.enum(['refuse', 'accept']).default('refuse'),
});

/** What the order-events handler needs. */
export const orderEventsEnvSchema = z.object({
  DELIVERY_TABLE_NAME: z.string().min(1),
  REJECTED_EVENTS_QUEUE_URL: z.url(),
});

/** What the reconciliation job needs besides its partners (`partnerEnvSchema`). */
export const reconcilerEnvSchema = z.object({
  DELIVERY_TABLE_NAME: z.string().min(1),
  /** How long a partner may be silent about a delivery before it is asked (6 hours). */
  RECONCILE_QUIET_SECONDS: z.coerce.number().int().min(1).default(21_600),
  /** The most deliveries one run asks about. */
  RECONCILE_LIMIT: z.coerce.number().int().min(1).max(10_000).default(500),
});
