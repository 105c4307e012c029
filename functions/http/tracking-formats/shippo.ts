import * as z from 'zod/mini';
import { verifySignature } from '#shared/partner-signature.ts';
import { byTime, providerTime, utc, type MappedStatus, type TrackingFormat, type TrackingScan } from './tracking-update.ts';

/**
 * Shippo tracking statuses, and the `substatus.code` values that say more, in our vocabulary. A
 * substatus row wins over its status's; a status in neither is quarantined as `shippo:<status>`.
 */
export const SHIPPO_STATUSES: Readonly<Record<string, MappedStatus>> = {
  PRE_TRANSIT: { status: 'ACCEPTED' },
  TRANSIT: { status: 'IN_TRANSIT' },
  DELIVERED: { status: 'DELIVERED' },
  RETURNED: { status: 'RETURNED' },
  FAILURE: { status: 'EXCEPTION', reason: 'EXCEPTION', actionRequired: true },
  'substatus:package_accepted': { status: 'PICKED_UP' },
  'substatus:out_for_delivery': { status: 'OUT_FOR_DELIVERY' },
  'substatus:delivery_attempted': { status: 'DELIVERY_ATTEMPTED' },
  'substatus:notice_left': { status: 'DELIVERY_ATTEMPTED' },
  'substatus:pickup_available': { status: 'AVAILABLE_FOR_PICKUP' },
  'substatus:delayed': { status: 'DELAYED', reason: 'delayed' },
  'substatus:delivery_rescheduled': { status: 'DELAYED', reason: 'delivery rescheduled' },
  'substatus:address_issue': { status: 'EXCEPTION', reason: 'ADDRESS_ISSUE', actionRequired: true },
  'substatus:package_damaged': { status: 'DAMAGED' },
  'substatus:package_lost': { status: 'LOST' },
  'substatus:return_to_sender': { status: 'RETURN_TO_SENDER' },
  'substatus:package_held': { status: 'EXCEPTION', reason: 'held by the carrier', actionRequired: true },
  'substatus:package_undeliverable': { status: 'EXCEPTION', reason: 'undeliverable', actionRequired: true },
};

const trackingStatusSchema = z.object({
  object_id: z.string().check(z.minLength(1)),
  status: z.string().check(z.minLength(1)),
  status_date: providerTime,
  status_details: z.nullish(z.string()),
  substatus: z.nullish(z.object({ code: z.string().check(z.minLength(1)), text: z.nullish(z.string()), action_required: z.nullish(z.boolean()) })),
});

/** The parts of Shippo's `track_updated` webhook the service reads. */
const shippoSchema = z.object({
  event: z.literal('track_updated'),
  test: z.boolean(),
  data: z.object({
    tracking_number: z.string().check(z.minLength(1), z.maxLength(128)),
    tracking_status: trackingStatusSchema,
    tracking_history: z._default(z.array(trackingStatusSchema).check(z.maxLength(1000)), []),
  }),
});

type TrackingStatus = z.infer<typeof trackingStatusSchema>;

const scanOf = (status: TrackingStatus): TrackingScan => {
  const code = status.substatus?.code;
  const mapping = (code === undefined ? undefined : SHIPPO_STATUSES[`substatus:${code}`]) ?? SHIPPO_STATUSES[status.status] ?? { status: `shippo:${status.status}`, actionRequired: false };
  const actionRequired = mapping.status === 'EXCEPTION' ? (status.substatus?.action_required ?? mapping.actionRequired) : mapping.actionRequired;
  return {
    eventId: `shippo:${status.object_id}`,
    occurredAt: utc(status.status_date),
    ...mapping,
    ...(actionRequired === undefined ? {} : { actionRequired }),
    details: { status: status.status, substatus: code ?? null, message: status.status_details ?? null },
  };
};

/**
 * Shippo `track_updated` webhooks: signed, once Shippo has turned webhook signing on for the account,
 * with `Shippo-Auth-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` (the scheme of
 * our own webhooks, so the 300 s window applies); `tracking_history` and the current `tracking_status`
 * are the scans, identified by their `object_id`. `test: true` marks test mode.
 */
export const shippo: TrackingFormat = {
  signatureHeader: 'shippo-auth-signature',
  verify: (signature, rawBody, secrets, nowSeconds) => verifySignature(signature, rawBody, secrets, nowSeconds),
  parse: (body) => {
    const { test, data } = shippoSchema.parse(body);
    const statuses = new Map([...data.tracking_history, data.tracking_status].map((status) => [status.object_id, status]));
    return { trackingNumber: data.tracking_number, testMode: test, testModeField: 'test', scans: byTime([...statuses.values()].map(scanOf)) };
  },
};
