import * as z from 'zod/mini';
import { TRACKING_AGGREGATORS } from '#http/tracking-formats/tracking-aggregators.ts';
import { issuesText } from './field-issues.ts';

/** Thrown at load when the environment does not match what a handler needs. */
export class InvalidEnvironmentError extends Error {
  override readonly name = 'InvalidEnvironmentError';
}

/** Parses `process.env` once with `schema`; names every missing or malformed variable. */
export const readEnv = <S extends z.core.$ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> => {
  const result = z.safeParse(schema, env);
  if (!result.success) throw new InvalidEnvironmentError(`invalid environment: ${issuesText(result.error)}`);
  return result.data;
};

/** A comma-separated list, its items trimmed, empty ones left out. */
const splitList = (list: string): string[] =>
  list
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');

const nonEmpty = () => z.string().check(z.minLength(1));

const stateMachineArn = () => z.string().check(z.regex(/^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[A-Za-z0-9_-]+$/));

/** The partners of the deployment, comma-separated, in order of preference. */
export const partnerList = () => z.pipe(nonEmpty(), z.transform(splitList));

/** Where the partners' secrets are: Secrets Manager in AWS, the environment locally. */
export const partnerSecretsEnvShape = () => ({
  PARTNER_SECRETS: z._default(z.enum(['secrets-manager', 'environment']), 'secrets-manager'),
  PARTNER_SECRET_PREFIX: z._default(nonEmpty(), 'bookstore-delivery/partners/'),
});

/*
 * Each handler's schema is built when the handler asks for it, so that a handler builds only its own;
 * `timersEnvSchema` alone is built at load, since the local runtime and the benchmark read it as a schema.
 */

/** What the API handler needs. */
export const apiEnvSchema = () =>
  z.object({
    DELIVERY_TABLE_NAME: nonEmpty(),
    STATE_MACHINE_ARN: stateMachineArn(),
    PARTNERS: partnerList(),
  });

/** The API handler's environment. */
export type ApiEnv = z.infer<ReturnType<typeof apiEnvSchema>>;

/** What the outbox relay needs. */
export const relayEnvSchema = () =>
  z.object({
    EVENT_BUS_NAME: nonEmpty(),
    /** Names each published event's workflow execution in the logs. */
    STATE_MACHINE_ARN: stateMachineArn(),
  });

const seconds = (fallback: number) => z._default(z.coerce.number().check(z.int(), z.minimum(1)), fallback);

/** The lifecycle timers (contract §7), shortened by environment for local runs. */
export const timersEnvSchema = z.object({
  PICKUP_DEADLINE_SECONDS: seconds(172_800),
  STALL_THRESHOLD_SECONDS: seconds(432_000),
  CANCEL_CONFIRM_SECONDS: seconds(3_600),
});

/** What the workflow task Lambda needs besides its partners (`partnerEnvSchema`). */
export const workflowEnvSchema = () =>
  z.extend(timersEnvSchema, {
    DELIVERY_TABLE_NAME: nonEmpty(),
  });

/** What the workflow notifier needs. */
export const notifierEnvSchema = () =>
  z.extend(timersEnvSchema, {
    STATE_MACHINE_ARN: stateMachineArn(),
  });

/** What the partner webhook needs: secrets from Secrets Manager in AWS, from the environment locally. */
export const webhookEnvSchema = () =>
  z.object({
    DELIVERY_TABLE_NAME: nonEmpty(),
    PARTNERS: partnerList(),
    ...partnerSecretsEnvShape(),
    /** The tracking aggregators whose webhooks arrive under their id, comma-separated. */
    TRACKING_AGGREGATORS: z.pipe(z.pipe(z._default(z.string(), ''), z.transform(splitList)), z.array(z.enum(TRACKING_AGGREGATORS))),
    /** Whether aggregator payloads marked as test mode are taken: `accept` for local and test deployments only. */
    PARTNER_TEST_MODE: z._default(z.enum(['refuse', 'accept']), 'refuse'),
  });

/** What the order-events handler needs. */
export const orderEventsEnvSchema = () =>
  z.object({
    DELIVERY_TABLE_NAME: nonEmpty(),
    REJECTED_EVENTS_QUEUE_URL: z.url(),
  });

/** What the reconciliation job needs besides its partners (`partnerEnvSchema`). */
export const reconcilerEnvSchema = () =>
  z.object({
    DELIVERY_TABLE_NAME: nonEmpty(),
    /** How long a partner may be silent about a delivery before it is asked (6 hours). */
    RECONCILE_QUIET_SECONDS: seconds(21_600),
    /** The most deliveries one run asks about. */
    RECONCILE_LIMIT: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(10_000)), 500),
  });
