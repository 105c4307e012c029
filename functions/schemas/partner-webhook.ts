import * as z from 'zod';

/**
 * The canonical webhook body (contract §4). `status` is kept as sent: a status outside the vocabulary
 * is quarantined by the domain, never refused here. Fields the contract does not name are dropped, not
 * refused, so that a partner adding one does not lose us its events; `details` is where extras belong.
 */
export const partnerWebhookSchema = z.object({
  eventId: z.string().min(1).max(128),
  jobId: z.string().min(1).max(128),
  status: z.string().min(1).max(64),
  occurredAt: z.iso.datetime({ offset: true }),
  reason: z.string().max(500).nullish(),
  actionRequired: z.boolean().optional(),
  trackingNumber: z.string().min(1).max(128).nullish(),
  details: z.record(z.string(), z.unknown()).optional(),
});

/** A validated webhook body. */
export type PartnerWebhook = z.infer<typeof partnerWebhookSchema>;
