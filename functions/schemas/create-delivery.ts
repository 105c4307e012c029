import * as z from 'zod/mini';
import { ISO_COUNTRY_CODES } from './country-codes.ts';
import { partnerIdSchema } from './partner-id.ts';

/** Text that is not blank once trimmed (and is kept trimmed), of at most `max` characters. */
const nonBlank = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

/** The customer of an order. Personal data: never logged. */
const customerSchema = () =>
  z.strictObject({
    name: nonBlank(200),
    email: z.optional(z.email().check(z.maxLength(254))),
    phone: z.optional(z.string().check(z.regex(/^\+[1-9][0-9]{6,14}$/, 'phone must be in E.164 form, e.g. +441234567890'))),
  });

/** Where the parcel goes. Personal data: never logged. */
const addressSchema = () =>
  z.strictObject({
    line1: nonBlank(200),
    line2: z.optional(nonBlank(200)),
    city: nonBlank(100),
    postalCode: nonBlank(20),
    country: z.enum([...ISO_COUNTRY_CODES], { error: 'country must be an ISO 3166-1 alpha-2 code, e.g. GB' }),
  });

/** One line of the order. */
const itemSchema = () =>
  z.strictObject({
    sku: nonBlank(64),
    title: nonBlank(300),
    quantity: z.int().check(z.minimum(1), z.maximum(999)),
  });

/** Identifies an order; also the idempotency key of a create. */
export const orderIdSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'orderId must be 1-64 characters of A-Z, a-z, 0-9, _ and -'));

/**
 * Body of `POST /deliveries` and detail of `OrderPaid` (contract §3). Unknown fields are refused. Built on
 * its first use (it is the largest schema, with the country list): handlers that never parse a create
 * body do not pay for it at start.
 */
export const createDeliverySchema = z.lazy(() =>
  z.strictObject({
    orderId: orderIdSchema,
    customer: customerSchema(),
    address: addressSchema(),
    items: z.array(itemSchema()).check(z.minLength(1), z.maxLength(100)),
    promisedBy: z.optional(z.iso.datetime({ offset: true })),
    partnerId: z.optional(partnerIdSchema),
  }),
);

/** A validated create request. */
export type CreateDeliveryRequest = z.infer<typeof createDeliverySchema>;
