import * as z from 'zod';

/** The partner, job and tracking number a delivery is (or was) booked with. */
export const partnerRefSchema = z.strictObject({
  id: z.string().min(1),
  jobId: z.string().min(1).nullable(),
  trackingNumber: z.string().min(1).nullable(),
});

/** A reference to a partner booking. */
export type PartnerRef = z.infer<typeof partnerRefSchema>;
