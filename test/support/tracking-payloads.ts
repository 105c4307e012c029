import { createHmac, randomUUID } from 'node:crypto';

/**
 * Tracking webhooks as each aggregator documents them (our own payloads, shaped after the providers'
 * published examples), from a list of scans, and signed as each provider signs.
 */

/** One scan in a provider's own codes: AfterShip `tag`/`subtag`, EasyPost `status`/`status_detail`, Shippo `status`/`substatus`. */
export interface ProviderScan {
  readonly at: string;
  readonly code: string;
  readonly detail?: string;
  readonly message?: string;
}

/** A provider's webhook of a shipment whose history is `scans` (oldest first), and how it is signed. */
export interface ProviderWebhook {
  readonly body: Record<string, unknown>;
  readonly sign: (secret: string, raw: string, nowSeconds: number) => Record<string, string>;
}

export const aftershipWebhook = (trackingNumber: string, scans: readonly ProviderScan[]): ProviderWebhook => {
  const latest = scans.at(-1);
  return {
    body: {
      event: 'tracking_update',
      event_id: randomUUID(),
      is_tracking_first_tag: scans.length === 1,
      msg: {
        id: randomUUID().replaceAll('-', ''),
        tracking_number: trackingNumber,
        slug: 'royal-mail',
        tag: latest?.code ?? 'Pending',
        subtag: latest?.detail ?? `${latest?.code ?? 'Pending'}_001`,
        subtag_message: latest?.message ?? null,
        checkpoints: scans.map((scan) => ({
          slug: 'royal-mail',
          checkpoint_time: scan.at,
          created_at: scan.at,
          tag: scan.code,
          subtag: scan.detail ?? `${scan.code}_001`,
          subtag_message: scan.message ?? scan.code,
          message: scan.message ?? scan.code,
          location: 'London',
        })),
      },
      ts: Math.floor(Date.parse(latest?.at ?? '2026-11-25T00:00:00Z') / 1000),
    },
    sign: (secret, raw) => ({ 'aftership-hmac-sha256': createHmac('sha256', secret).update(raw).digest('base64') }),
  };
};

export const easypostWebhook = (trackingNumber: string, scans: readonly ProviderScan[], mode: 'test' | 'production' = 'production'): ProviderWebhook => {
  const latest = scans.at(-1);
  return {
    body: {
      id: `evt_${randomUUID().replaceAll('-', '')}`,
      object: 'Event',
      mode,
      description: scans.length === 1 ? 'tracker.created' : 'tracker.updated',
      previous_attributes: {},
      pending_urls: [],
      completed_urls: [],
      result: {
        id: `trk_${randomUUID().replaceAll('-', '')}`,
        object: 'Tracker',
        mode,
        tracking_code: trackingNumber,
        carrier: 'USPS',
        status: latest?.code ?? 'unknown',
        status_detail: latest?.detail ?? null,
        updated_at: latest?.at ?? '2026-11-25T00:00:00Z',
        tracking_details: scans.map((scan) => ({
          object: 'TrackingDetail',
          message: scan.message ?? scan.code,
          status: scan.code,
          status_detail: scan.detail ?? null,
          datetime: scan.at,
          source: 'USPS',
          tracking_location: { object: 'TrackingLocation', city: 'LONDON', state: null, country: 'GB', zip: 'N1' },
        })),
      },
    },
    sign: (secret, raw) => ({ 'x-hmac-signature': `hmac-sha256-hex=${createHmac('sha256', secret.normalize('NFKD')).update(raw).digest('hex')}` }),
  };
};

export const shippoWebhook = (trackingNumber: string, scans: readonly ProviderScan[], test = false): ProviderWebhook => {
  const statusOf = (scan: ProviderScan) => ({
    object_id: createHmac('sha256', 'shippo-fixture').update(`${trackingNumber}|${scan.at}|${scan.code}|${scan.detail ?? ''}`).digest('hex').slice(0, 32),
    object_created: scan.at,
    status: scan.code,
    status_date: scan.at,
    status_details: scan.message ?? scan.code,
    substatus: scan.detail === undefined ? null : { code: scan.detail, text: scan.detail.replaceAll('_', ' '), action_required: false },
    location: { city: 'London', state: null, zip: 'N1', country: 'GB' },
  });
  const history = scans.map(statusOf);
  return {
    body: {
      event: 'track_updated',
      test,
      data: { carrier: 'usps', tracking_number: trackingNumber, eta: null, tracking_status: history.at(-1), tracking_history: history },
    },
    sign: (secret, raw, nowSeconds) => ({
      'shippo-auth-signature': `t=${String(nowSeconds)},v1=${createHmac('sha256', secret).update(`${String(nowSeconds)}.${raw}`).digest('hex')}`,
    }),
  };
};
