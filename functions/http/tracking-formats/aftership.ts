import * as z from 'zod/mini';
import { verifyBodyHmac } from './hmac.ts';
import { byTime, providerTime, scanId, utc, type MappedStatus, type TrackingFormat, type TrackingScan } from './tracking-update.ts';

/**
 * AfterShip tags and sub-statuses in our vocabulary. A subtag's row wins over its tag's; a code in
 * neither is quarantined as `aftership:<subtag>`.
 */
export const AFTERSHIP_STATUSES: Readonly<Record<string, MappedStatus>> = {
  Pending: { status: 'ACCEPTED' },
  InfoReceived: { status: 'ACCEPTED' },
  InTransit: { status: 'IN_TRANSIT' },
  OutForDelivery: { status: 'OUT_FOR_DELIVERY' },
  AttemptFail: { status: 'DELIVERY_ATTEMPTED' },
  AvailableForPickup: { status: 'AVAILABLE_FOR_PICKUP' },
  Delivered: { status: 'DELIVERED' },
  Exception_001: { status: 'EXCEPTION', reason: 'EXCEPTION', actionRequired: true },
  Exception_002: { status: 'EXCEPTION', reason: 'ADDRESS_ISSUE', actionRequired: true },
  Exception_003: { status: 'EXCEPTION', reason: 'REFUSED', actionRequired: true },
  Exception_004: { status: 'DELAYED', reason: 'customs' },
  Exception_005: { status: 'DELAYED', reason: 'external factors' },
  Exception_006: { status: 'EXCEPTION', reason: 'held for payment', actionRequired: true },
  Exception_007: { status: 'EXCEPTION', reason: 'ADDRESS_ISSUE', actionRequired: true },
  Exception_008: { status: 'DELAYED', reason: 'pickup missed' },
  Exception_009: { status: 'EXCEPTION', reason: 'rejected by carrier', actionRequired: true },
  Exception_010: { status: 'RETURN_TO_SENDER' },
  Exception_011: { status: 'RETURNED' },
  Exception_012: { status: 'DAMAGED' },
  Exception_013: { status: 'LOST' },
  Exception_016: { status: 'DELAYED', reason: 'processing issue' },
  Exception_017: { status: 'DELAYED', reason: 'extreme weather' },
  Exception_018: { status: 'EXCEPTION', reason: 'incorrect or missing documents', actionRequired: true },
  Exception_019: { status: 'DELAYED', reason: 'late flight' },
  Exception_020: { status: 'CANCELLED' },
  Exception_021: { status: 'EXCEPTION', reason: 'disposed', actionRequired: true },
};

const checkpointSchema = z.object({
  checkpoint_time: providerTime,
  tag: z.string().check(z.minLength(1)),
  subtag: z.nullish(z.string()),
  message: z.nullish(z.string()),
});

/** The parts of AfterShip's tracking webhook (`tracking_update`) the service reads. */
const aftershipSchema = z.object({
  event: z.string(),
  event_id: z.string().check(z.minLength(1)),
  msg: z.object({
    tracking_number: z.string().check(z.minLength(1), z.maxLength(128)),
    slug: z.nullish(z.string()),
    tag: z.string().check(z.minLength(1)),
    subtag: z.nullish(z.string()),
    updated_at: z.nullish(z.string()),
    checkpoints: z._default(z.array(checkpointSchema).check(z.maxLength(1000)), []),
  }),
  ts: z.number().check(z.int()),
});

const mapped = (tag: string, subtag: string | null | undefined): MappedStatus =>
  (subtag == null ? undefined : AFTERSHIP_STATUSES[subtag]) ?? AFTERSHIP_STATUSES[tag] ?? { status: `aftership:${subtag ?? tag}`, actionRequired: false };

const scanOf = (trackingNumber: string, checkpoint: z.infer<typeof checkpointSchema>, identity = [checkpoint.checkpoint_time, checkpoint.message]): TrackingScan => ({
  eventId: scanId('aftership', trackingNumber, checkpoint.tag, checkpoint.subtag, ...identity),
  occurredAt: utc(checkpoint.checkpoint_time),
  ...mapped(checkpoint.tag, checkpoint.subtag),
  details: { tag: checkpoint.tag, subtag: checkpoint.subtag ?? null, message: checkpoint.message ?? null },
});

/**
 * AfterShip tracking webhooks: signed with `aftership-hmac-sha256`, the base64 HMAC-SHA256 of the raw
 * body; the shipment's checkpoints (its history) are the scans. A payload without checkpoints is read
 * as one scan of its current tag at `ts`. AfterShip has no test mode.
 */
export const aftership: TrackingFormat = {
  signatureHeader: 'aftership-hmac-sha256',
  verify: (signature, rawBody, secrets) => verifyBodyHmac(signature, rawBody, secrets, { encoding: 'base64' }),
  parse: (body) => {
    const { msg, ts } = aftershipSchema.parse(body);
    // Without checkpoints, the current status is the scan: known by its codes alone, since `ts` changes with every payload.
    const scans =
      msg.checkpoints.length > 0
        ? msg.checkpoints.map((checkpoint) => scanOf(msg.tracking_number, checkpoint))
        : [scanOf(msg.tracking_number, { checkpoint_time: new Date(ts * 1000).toISOString(), tag: msg.tag, subtag: msg.subtag, message: null }, [])];
    return { trackingNumber: msg.tracking_number, testMode: false, testModeField: null, scans: byTime(scans) };
  },
};
