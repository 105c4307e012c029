/** Item kinds of the single delivery table. */
export const ItemType = {
  DELIVERY: 'Delivery',
  EVENT: 'Event',
  PARTNER_EVENT: 'PartnerEvent',
  ORDER: 'OrderPointer',
  JOB: 'JobPointer',
  TRACKING: 'TrackingPointer',
  IDEMPOTENCY: 'IdempotencyMarker',
  CIRCUIT: 'PartnerCircuit',
} as const;

/** An item kind. */
export type ItemType = (typeof ItemType)[keyof typeof ItemType];

/** The primary key of an item. */
export interface ItemKey {
  readonly pk: string;
  readonly sk: string;
}

const pad = (n: number): string => String(n).padStart(10, '0');

/** Sort-key prefix of a delivery's domain events (outbox items). */
export const EVENT_PREFIX = 'EVENT#';
/** Sort-key prefix of a delivery's recorded partner events. */
export const PARTNER_EVENT_PREFIX = 'PARTNER#';

/** Key builders; all of a delivery's items share its partition, so its history reads in one query. */
export const keys = {
  delivery: (deliveryId: string): ItemKey => ({ pk: `DELIVERY#${deliveryId}`, sk: 'DELIVERY' }),
  event: (deliveryId: string, sequence: number): ItemKey => ({ pk: `DELIVERY#${deliveryId}`, sk: `${EVENT_PREFIX}${pad(sequence)}` }),
  partnerEvent: (deliveryId: string, version: number): ItemKey => ({
    pk: `DELIVERY#${deliveryId}`,
    sk: `${PARTNER_EVENT_PREFIX}${pad(version)}`,
  }),
  order: (orderId: string): ItemKey => ({ pk: `ORDER#${orderId}`, sk: 'ORDER' }),
  job: (partnerId: string, jobId: string): ItemKey => ({ pk: `JOB#${partnerId}#${jobId}`, sk: 'JOB' }),
  tracking: (trackingNumber: string): ItemKey => ({ pk: `TRACKING#${trackingNumber}`, sk: 'TRACKING' }),
  idempotency: (key: string): ItemKey => ({ pk: `IDEMPOTENCY#${key}`, sk: 'IDEMPOTENCY' }),
  circuit: (partnerId: string): ItemKey => ({ pk: `CIRCUIT#${partnerId}`, sk: 'CIRCUIT' }),
} as const;
