import * as z from 'zod';
import { ISO_COUNTRY_CODES } from './country-codes.ts';

/** True when `code` is an assigned ISO 3166-1 alpha-2 country code. */
export const isCountryCode = (code: string): boolean => ISO_COUNTRY_CODES.has(code);

/** The customer of an order. Personal data: never logged. */
export const customerSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  email: z.email().max(254).optional(),
  phone: z
    .string()
    .regex(/^\+[1-9][0-9]{6,14}$/, 'phone must be in E.164 form, e.g. +441234567890')
    .optional(),
});

/** Where the parcel goes. Personal data: never logged. */
export const addressSchema = z.strictObject({
  line1: z.string().trim().min(1).max(200),
  line2: z.string().trim().min(1).max(200).optional(),
  city: z.string().trim().min(1).max(100),
  postalCode: z.string().trim().min(1).max(20),
  country: z.enum([...ISO_COUNTRY_CODES], { error: 'country must be an ISO 3166-1 alpha-2 code, e.g. GB' }),
});

/** One line of the order. */
export const itemSchema = z.strictObject({
  sku: z.string().trim().min(1).max(64),
  title: z.string().trim().min(1).max(300),
  quantity: z.int().min(1).max(999),
});

/** Identifies an order; also the idempotency key of a create. */
export const orderIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'orderId must be 1-64 characters of A-Z, a-z, 0-9, _ and -');

/** Identifies a delivery partner (also the `{partnerId}` of the webhook path). */
export const partnerIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'partnerId must be 1-32 characters of a-z, 0-9 and -');

/** Body of `POST /deliveries` and detail of `OrderPaid` (contract §3). Unknown fields are refused. */
export const createDeliverySchema = z.strictObject({
  orderId: orderIdSchema,
  customer: customerSchema,
  address: addressSchema,
  items: z.array(itemSchema).min(1).max(100),
  promisedBy: z.iso.datetime({ offset: true }).optional(),
  partnerId: partnerIdSchema.optional(),
});

/** A validated create request. */
export type CreateDeliveryRequest = z.infer<typeof createDeliverySchema>;
