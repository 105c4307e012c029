import * as z from 'zod/mini';

/** Identifies a delivery partner (also the `{partnerId}` of the webhook path). */
export const partnerIdSchema = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'partnerId must be 1-32 characters of a-z, 0-9 and -'));
