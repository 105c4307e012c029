import * as z from 'zod/mini';
import { partnerWebhookSchema } from './partner-webhook.ts';

/**
 * The partner booking API the service speaks to each HTTP partner (README, "Partner API"): what the
 * partner answers, validated at this edge like every other input. Extra fields are dropped.
 */

/** `POST /bookings` accepted (201 or 200 for a repeat of the same Idempotency-Key). */
export const bookingAcceptedSchema = z.object({
  jobId: z.string().check(z.minLength(1), z.maxLength(128)),
  trackingNumber: z.nullish(z.string().check(z.minLength(1), z.maxLength(128))),
  status: z.enum(['ACCEPTED', 'REQUESTED']),
});

/** `POST /bookings` refused (409 or 422): the partner will not take this delivery. */
export const bookingRefusedSchema = z.object({ reason: z.string().check(z.minLength(1), z.maxLength(500)) });

/** `POST /bookings/{jobId}/cancel`. */
export const cancelReplySchema = z.object({ result: z.enum(['CONFIRMED', 'REJECTED']) });

/** `GET /bookings/{jobId}/events`: the job's status events, each as its webhook would carry it. */
export const trackReplySchema = z.object({ events: z.array(partnerWebhookSchema).check(z.maxLength(1000)) });
