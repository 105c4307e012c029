import * as z from 'zod/mini';

/**
 * The canonical webhook body (contract §4). `status` is kept as sent: a status outside the vocabulary
 * is quarantined by the domain, never refused here. Fields the contract does not name are dropped, not
 * refused, so that a partner adding one does not lose us its events; `details` is where extras belong.
 */
export const partnerWebhookSchema = z.object({
  eventId: z.string().check(z.minLength(1), z.maxLength(128)),
  jobId: z.string().check(z.minLength(1), z.maxLength(128)),
  status: z.string().check(z.minLength(1), z.maxLength(64)),
  occurredAt: z.iso.datetime({ offset: true }),
  reason: z.nullish(z.string().check(z.maxLength(500))),
  actionRequired: z.optional(z.boolean()),
  trackingNumber: z.nullish(z.string().check(z.minLength(1), z.maxLength(128))),
  details: z.optional(z.record(z.string(), z.unknown())),
});

/** A validated webhook body. */
export type PartnerWebhook = z.infer<typeof partnerWebhookSchema>;
