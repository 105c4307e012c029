import * as z from 'zod/mini';
import { verifyBodyHmac } from './hmac.ts';
import { byTime, providerTime, scanId, utc, type MappedStatus, type TrackingFormat, type TrackingScan } from './tracking-update.ts';

/**
 * EasyPost tracker statuses, and the `status_detail` values that say more, in our vocabulary. A
 * `status_detail` row wins over its status's; a status in neither is quarantined as `easypost:<status>`.
 */
export const EASYPOST_STATUSES: Readonly<Record<string, MappedStatus>> = {
  pre_transit: { status: 'ACCEPTED' },
  in_transit: { status: 'IN_TRANSIT' },
  out_for_delivery: { status: 'OUT_FOR_DELIVERY' },
  delivered: { status: 'DELIVERED' },
  available_for_pickup: { status: 'AVAILABLE_FOR_PICKUP' },
  return_to_sender: { status: 'RETURN_TO_SENDER' },
  cancelled: { status: 'CANCELLED' },
  failure: { status: 'EXCEPTION', reason: 'EXCEPTION', actionRequired: true },
  'detail:received_at_origin_facility': { status: 'PICKED_UP' },
  'detail:delayed': { status: 'DELAYED', reason: 'delayed' },
  'detail:weather_delay': { status: 'DELAYED', reason: 'weather' },
  'detail:transit_exception': { status: 'DELAYED', reason: 'transit exception' },
  'detail:address_correction': { status: 'EXCEPTION', reason: 'ADDRESS_ISSUE', actionRequired: true },
  'detail:refused': { status: 'EXCEPTION', reason: 'REFUSED', actionRequired: true },
  'detail:damaged': { status: 'DAMAGED' },
  'detail:lost': { status: 'LOST' },
  'detail:held': { status: 'EXCEPTION', reason: 'held by the carrier', actionRequired: true },
};

const detailSchema = z.object({
  datetime: providerTime,
  status: z.string().check(z.minLength(1)),
  status_detail: z.nullish(z.string()),
  message: z.nullish(z.string()),
});

/** The parts of an EasyPost `Event` whose result is a `Tracker` that the service reads. */
const easypostSchema = z.object({
  id: z.string().check(z.minLength(1)),
  object: z.literal('Event'),
  mode: z.enum(['test', 'production']),
  description: z.enum(['tracker.created', 'tracker.updated']),
  result: z.object({
    object: z.literal('Tracker'),
    tracking_code: z.string().check(z.minLength(1), z.maxLength(128)),
    status: z.string().check(z.minLength(1)),
    status_detail: z.nullish(z.string()),
    updated_at: providerTime,
    tracking_details: z._default(z.array(detailSchema).check(z.maxLength(1000)), []),
  }),
});

const mapped = (status: string, detail: string | null | undefined): MappedStatus =>
  (detail == null ? undefined : EASYPOST_STATUSES[`detail:${detail}`]) ?? EASYPOST_STATUSES[status] ?? { status: `easypost:${status}`, actionRequired: false };

const scanOf = (trackingCode: string, detail: z.infer<typeof detailSchema>, identity = [detail.datetime, detail.message]): TrackingScan => ({
  eventId: scanId('easypost', trackingCode, detail.status, detail.status_detail, ...identity),
  occurredAt: utc(detail.datetime),
  ...mapped(detail.status, detail.status_detail),
  details: { status: detail.status, status_detail: detail.status_detail ?? null, message: detail.message ?? null },
});

/** NFKD, as EasyPost normalises webhook secrets before signing. */
const nfkd = (secret: string): string => secret.normalize('NFKD');

/**
 * EasyPost tracker events: signed with `X-Hmac-Signature`, `hmac-sha256-hex=` and the hex HMAC-SHA256
 * of the raw body with the NFKD-normalised secret; the tracker's `tracking_details` are the scans (its
 * current status at `updated_at` when it has none). `mode: "test"` marks test mode.
 */
export const easypost: TrackingFormat = {
  signatureHeader: 'x-hmac-signature',
  verify: (signature, rawBody, secrets) => verifyBodyHmac(signature, rawBody, secrets, { encoding: 'hex', prefix: 'hmac-sha256-hex=', normaliseKey: nfkd }),
  parse: (body) => {
    const { mode, result } = easypostSchema.parse(body);
    // Without details, the current status is the scan: known by its codes alone, since `updated_at` changes with every payload.
    const scans =
      result.tracking_details.length > 0
        ? result.tracking_details.map((detail) => scanOf(result.tracking_code, detail))
        : [scanOf(result.tracking_code, { datetime: result.updated_at, status: result.status, status_detail: result.status_detail, message: null }, [])];
    return { trackingNumber: result.tracking_code, testMode: mode === 'test', testModeField: 'mode', scans: byTime(scans) };
  },
};
