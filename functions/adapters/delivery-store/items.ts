import type { Delivery } from '#domain/delivery.ts';
import type { DeliveryFact } from '#domain/evolve.ts';
import type { HistoryEntry } from '#domain/apply-decision.ts';
import type { DomainEvent } from '#schemas/event-envelope.ts';
import type { PartnerEventRecorded } from '#domain/partner-event.ts';
import type { IdempotencyMarker } from './idempotency-marker.ts';
import { ItemType, keys } from './keys.ts';

/** A stored item as the document client returns it. */
export type StoredItem = Record<string, unknown>;

/** The delivery item: the state's fields at the top level (the status index reads them). */
export const deliveryItem = (delivery: Delivery): StoredItem => ({
  ...keys.delivery(delivery.deliveryId),
  type: ItemType.DELIVERY,
  ...delivery,
});

/** An item's attributes without its keys and kind. */
export const withoutKeys = (item: StoredItem): StoredItem => {
  const { pk, sk, type, ...attributes } = item;
  return attributes;
};

/** Attributes the workflow keeps on the delivery item, beside the state: the callback it waits on. */
export const WorkflowAttribute = { TASK_TOKEN: 'taskToken', WAITING_IN: 'waitingIn' } as const;

/** The state held in a delivery item (without the workflow's attributes). */
export const deliveryFromItem = (item: StoredItem): Delivery => {
  const { [WorkflowAttribute.TASK_TOKEN]: _token, [WorkflowAttribute.WAITING_IN]: _phase, ...state } = withoutKeys(item);
  // The item was written by deliveryItem from a Delivery; this table has no other writer of state.
  return state as unknown as Delivery;
};

/** The attribute of an event item that holds the partner event the same commit recorded. */
const PARTNER_FACT = 'partnerFact';

/**
 * A domain event's history (outbox) item; `partnerFact`, when given, is the partner event that caused it,
 * kept on the same item: one item written instead of two, each billed by the started kilobyte.
 */
export const eventItem = (event: DomainEvent, version: number, partnerFact?: PartnerEventRecorded): StoredItem => ({
  ...keys.event(event.deliveryId, event.sequence),
  type: ItemType.EVENT,
  eventId: event.eventId,
  version,
  fact: event,
  ...(partnerFact === undefined ? {} : { [PARTNER_FACT]: partnerFact }),
});

/** A recorded partner event's timeline item. */
export const partnerEventItem = (deliveryId: string, fact: PartnerEventRecorded, version: number): StoredItem => ({
  ...keys.partnerEvent(deliveryId, version),
  type: ItemType.PARTNER_EVENT,
  version,
  fact,
});

/** A history item read back as the facts it holds (a partner event before the event it caused) and the version that wrote them. */
export const historyEntriesFromItem = (item: StoredItem): HistoryEntry[] => {
  const version = item['version'] as number;
  const partnerFact = item[PARTNER_FACT] as PartnerEventRecorded | undefined;
  const entry = { version, fact: item['fact'] as DeliveryFact };
  return partnerFact === undefined ? [entry] : [{ version, fact: partnerFact }, entry];
};

/** The item mapping an order id to its delivery (creates are idempotent on it). */
export const orderItem = (orderId: string, deliveryId: string, hash: string): StoredItem => ({
  ...keys.order(orderId),
  type: ItemType.ORDER,
  deliveryId,
  requestHash: hash,
});

/**
 * The order item of an order cancelled before its delivery was created: it takes the order id, so that
 * a later create for the order is refused.
 */
export const cancelledOrderItem = (orderId: string, reason: string, cancelledAt: string): StoredItem => ({
  ...keys.order(orderId),
  type: ItemType.ORDER,
  cancelledBeforeDelivery: true,
  reason,
  cancelledAt,
});

/** What an order item says: the order's delivery and the hash of its create body, or both null when it was cancelled first. */
export const orderFromItem = (item: StoredItem): { deliveryId: string | null; requestHash: string | null } =>
  item['cancelledBeforeDelivery'] === true
    ? { deliveryId: null, requestHash: null }
    : { deliveryId: item['deliveryId'] as string, requestHash: item['requestHash'] as string };

/** The item mapping a partner job to its delivery (webhooks find deliveries through it). */
export const jobItem = (partnerId: string, jobId: string, deliveryId: string): StoredItem => ({
  ...keys.job(partnerId, jobId),
  type: ItemType.JOB,
  deliveryId,
});

/** The job a tracking number is: tracking aggregators name shipments by it alone. */
export interface TrackedJob {
  readonly deliveryId: string;
  readonly partnerId: string;
  readonly jobId: string;
  /** When the delivery was created: no scan of it can be older. */
  readonly deliveryCreatedAt: string;
}

/** Which delivery, partner and job a tracking number is. */
export const trackingItem = (trackingNumber: string, job: TrackedJob): StoredItem => ({
  ...keys.tracking(trackingNumber),
  type: ItemType.TRACKING,
  ...job,
});

/** The idempotency marker of a command or webhook id. */
export const markerItem = (marker: IdempotencyMarker): StoredItem => ({
  ...keys.idempotency(marker.key),
  type: ItemType.IDEMPOTENCY,
  ...marker,
});

/** The marker held in a marker item. */
export const markerFromItem = (item: StoredItem): IdempotencyMarker => ({
  key: item['key'] as string,
  deliveryId: item['deliveryId'] as string,
  version: item['version'] as number,
  outcome: item['outcome'] as IdempotencyMarker['outcome'],
  createdAt: item['createdAt'] as string,
  expiresAt: item['expiresAt'] as number,
  ...(typeof item['requestHash'] === 'string' ? { requestHash: item['requestHash'] } : {}),
});
