import * as z from 'zod/mini';
import { partnerIdSchema } from '#schemas/partner-id.ts';
import { partnerRoutesSchema } from '#schemas/partner-routes.ts';
import { partnerList, partnerSecretsEnvShape } from '#shared/env.ts';

/** The partners that need no endpoint: their client is part of this build. */
export const BUILT_IN_PARTNER_IDS: readonly string[] = ['manual'];

/** The value of JSON `text`, or an issue when it is not JSON. */
const parseJson = z.transform((text: string, context): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    context.issues.push({ code: 'custom', message: 'is not JSON', input: text });
    return z.NEVER;
  }
});

/** A JSON-encoded environment variable, parsed, then checked with `schema`. */
const json = <S extends z.ZodMiniType>(schema: S, fallback: string) => z.pipe(z.pipe(z._default(z.string(), fallback), parseJson), schema);

/** A booking API's base URL: HTTPS, since requests carry the customer's address; plain HTTP only on this machine. */
const endpointSchema = z.url().check(
  z.refine((url) => {
    if (!URL.canParse(url)) return true; // z.url() has said so already
    const { protocol, hostname } = new URL(url);
    return protocol === 'https:' || (protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(hostname));
  }, 'an https:// URL (http:// only for localhost)'),
);

const positive = (fallback: number, max: number) => z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(max)), fallback);

/**
 * How the workflow reaches the deployment's partners: `PARTNERS` (in order of preference), the base URL
 * of each HTTP partner's booking API (`PARTNER_ENDPOINTS`, JSON), the routing rules (`PARTNER_ROUTES`,
 * JSON), where the secrets that sign our requests are, the timeout of one call, and the circuit breaker.
 * Every partner must be built in or have an endpoint, and the rules may name only configured partners.
 */
export const partnerEnvSchema = z
  .object({
    PARTNERS: partnerList(),
    PARTNER_ENDPOINTS: json(z.record(partnerIdSchema, endpointSchema), '{}'),
    PARTNER_ROUTES: json(partnerRoutesSchema, '[]'),
    ...partnerSecretsEnvShape(),
    PARTNER_TIMEOUT_MS: positive(3_000, 5_000),
    CIRCUIT_FAILURE_THRESHOLD: positive(5, 100),
    CIRCUIT_OPEN_SECONDS: positive(30, 3_600),
  })
  .check(
    z.superRefine((env, context) => {
      for (const id of env.PARTNERS) {
        if (!BUILT_IN_PARTNER_IDS.includes(id) && env.PARTNER_ENDPOINTS[id] === undefined) {
          context.addIssue({ code: 'custom', path: ['PARTNER_ENDPOINTS', id], message: `partner ${id} needs the base URL of its booking API` });
        }
      }
      env.PARTNER_ROUTES.forEach((route, index) => {
        for (const { id } of route.partners) {
          if (!env.PARTNERS.includes(id)) context.addIssue({ code: 'custom', path: ['PARTNER_ROUTES', index, 'partners', id], message: `${id} is not one of PARTNERS` });
        }
      });
    }),
  );

/** The partner settings of a deployment. */
export type PartnerEnv = z.infer<typeof partnerEnvSchema>;
