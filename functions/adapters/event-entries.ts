import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import type { DomainEvent } from '#schemas/event-envelope.ts';

/** The `source` of every event the service publishes (contract §5). */
export const EVENT_SOURCE = 'bookstore.delivery';

/** PutEvents takes at most 10 entries a call. */
export const MAX_ENTRIES_PER_CALL = 10;
/** …and at most 256 KiB a call, counted as EventBridge counts it. */
export const MAX_BYTES_PER_CALL = 256 * 1024;

/** The PutEvents entry of a domain event: `detail-type` is its name, `detail` the event itself. */
export const entryOf = (event: DomainEvent, eventBusName: string): PutEventsRequestEntry => ({
  EventBusName: eventBusName,
  Source: EVENT_SOURCE,
  DetailType: event.type,
  Detail: JSON.stringify(event),
  Time: new Date(event.recordedAt),
  Resources: [],
});

/** The parts of a PutEvents entry its size is counted from. */
export type SizedEntry = Pick<PutEventsRequestEntry, 'Source' | 'DetailType' | 'Detail'> & { readonly Time?: unknown; readonly Resources?: readonly string[] | undefined };

/** An entry's size as EventBridge computes it: the UTF-8 bytes of its text, and 14 bytes for `Time` when it is given. */
export const entrySize = (entry: SizedEntry): number =>
  (entry.Time === undefined ? 0 : 14) +
  [entry.Source, entry.DetailType, entry.Detail, ...(entry.Resources ?? [])].reduce(
    (total, part) => total + (part === undefined ? 0 : Buffer.byteLength(part, 'utf8')),
    0,
  );

/** Splits items into PutEvents calls of at most 10 entries and 256 KiB, keeping their order. */
export const batchesOf = <T>(items: readonly T[], sizeOf: (item: T) => number): T[][] => {
  const batches: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = sizeOf(item);
    if (current.length > 0 && (current.length === MAX_ENTRIES_PER_CALL || bytes + size > MAX_BYTES_PER_CALL)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
};
