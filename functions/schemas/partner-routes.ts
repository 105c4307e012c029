import * as z from 'zod';
import { isCountryCode, partnerIdSchema } from './create-delivery.ts';

/**
 * One routing rule: the partners that serve deliveries to `countries` (any when absent) whose postal
 * code starts with one of `postalPrefixes` (any when absent), each with a weight: the share of those
 * deliveries it is tried first for.
 */
export const partnerRouteSchema = z.strictObject({
  countries: z.array(z.string().refine(isCountryCode, 'an ISO 3166-1 alpha-2 country code')).min(1).optional(),
  postalPrefixes: z
    .array(
      z
        .string()
        .min(1)
        .max(10)
        .transform((prefix) => prefix.replaceAll(' ', '').toUpperCase()),
    )
    .min(1)
    .optional(),
  partners: z.array(z.strictObject({ id: partnerIdSchema, weight: z.number().int().min(1).max(1000).default(1) })).min(1),
});

/** A routing rule. */
export type PartnerRoute = z.infer<typeof partnerRouteSchema>;

/** The routing rules of a deployment (env `PARTNER_ROUTES`, JSON). */
export const partnerRoutesSchema = z.array(partnerRouteSchema).max(500);
