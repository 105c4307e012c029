import * as z from 'zod/mini';
import { isCountryCode } from './country-codes.ts';
import { partnerIdSchema } from './partner-id.ts';

/**
 * One routing rule: the partners that serve deliveries to `countries` (any when absent) whose postal
 * code starts with one of `postalPrefixes` (any when absent), each with a weight: the share of those
 * deliveries it is tried first for.
 */
export const partnerRouteSchema = z.strictObject({
  countries: z.optional(z.array(z.string().check(z.refine(isCountryCode, 'an ISO 3166-1 alpha-2 country code'))).check(z.minLength(1))),
  postalPrefixes: z.optional(
    z
      .array(
        z.pipe(
          z.string().check(z.minLength(1), z.maxLength(10)),
          z.transform((prefix: string) => prefix.replaceAll(' ', '').toUpperCase()),
        ),
      )
      .check(z.minLength(1)),
  ),
  partners: z
    .array(z.strictObject({ id: partnerIdSchema, weight: z._default(z.number().check(z.int(), z.minimum(1), z.maximum(1000)), 1) }))
    .check(z.minLength(1)),
});

/** A routing rule. */
export type PartnerRoute = z.infer<typeof partnerRouteSchema>;

/** The routing rules of a deployment (env `PARTNER_ROUTES`, JSON). */
export const partnerRoutesSchema = z.array(partnerRouteSchema).check(z.maxLength(500));
