import * as z from 'zod/mini';

/** The partner, job and tracking number a delivery is (or was) booked with. */
export const partnerRefSchema = z.strictObject({
  id: z.string().check(z.minLength(1)),
  jobId: z.nullable(z.string().check(z.minLength(1))),
  trackingNumber: z.nullable(z.string().check(z.minLength(1))),
});

/** A reference to a partner booking. */
export type PartnerRef = z.infer<typeof partnerRefSchema>;
