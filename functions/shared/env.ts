import { z } from 'zod';

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

/** What the API handler needs. */
export const apiEnvSchema = z.object({
  DELIVERY_TABLE_NAME: z.string().min(1),
  STATE_MACHINE_ARN: z.string().regex(/^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[A-Za-z0-9_-]+$/),
});

/** The API handler's environment. */
export type ApiEnv = z.infer<typeof apiEnvSchema>;

/** What the outbox relay needs. */
export const relayEnvSchema = z.object({
  EVENT_BUS_NAME: z.string().min(1),
});
