import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { batchesOf, entryOf, entrySize } from '#adapters/event-entries.ts';
import type { EventPublisher } from '#adapters/event-publisher.ts';
import { ItemType } from '#adapters/delivery-store/keys.ts';
import { domainEventSchema, type DomainEvent } from '#schemas/event-envelope.ts';
import { logger } from '#shared/logger.ts';
import { recordMetric } from '#shared/metrics.ts';

/** A stream record that holds a domain event to publish. */
interface Outgoing {
  readonly sequenceNumber: string;
  readonly event: DomainEvent;
}

/** The domain event a stream record inserted, or null for any other record (state, pointers, timeline). */
const outgoingOf = (record: DynamoDBRecord): Outgoing | null => {
  const image = record.dynamodb?.NewImage;
  if (record.eventName !== 'INSERT' || image?.['type']?.S !== ItemType.EVENT) return null;
  const item = unmarshall(image as Record<string, AttributeValue>);
  return { sequenceNumber: record.dynamodb?.SequenceNumber ?? '', event: domainEventSchema.parse(item['fact']) };
};

/** The first record the relay could not get through, and why. */
interface Stop {
  readonly sequenceNumber: string;
  readonly reason: string;
}

/** The records' events, up to the first record that holds no valid one. */
const readOutgoing = (records: readonly DynamoDBRecord[]): { outgoing: Outgoing[]; stop: Stop | null } => {
  const outgoing: Outgoing[] = [];
  for (const record of records) {
    try {
      const item = outgoingOf(record);
      if (item) outgoing.push(item);
    } catch (error) {
      return { outgoing, stop: { sequenceNumber: record.dynamodb?.SequenceNumber ?? '', reason: `no valid event: ${String(error)}` } };
    }
  }
  return { outgoing, stop: null };
};

/**
 * The outbox relay: publishes the domain events a batch of stream records inserted, ten to a PutEvents
 * call, in stream order. At the first record it cannot get through (an event EventBridge keeps refusing,
 * a failed call, a record with no valid event) it stops and reports that record as the batch item
 * failure: Lambda sends the batch again from there (and, past its retries, to the relay's dead-letter
 * queue), so no later event overtakes it. Events may be published more than once; consumers deduplicate
 * on `eventId`.
 */
export const relayStreamRecords = async (
  records: readonly DynamoDBRecord[],
  publisher: EventPublisher,
  eventBusName: string,
): Promise<DynamoDBBatchResponse> => {
  const { outgoing, stop: unreadable } = readOutgoing(records);
  const withEntries = outgoing.map((item) => ({ ...item, entry: entryOf(item.event, eventBusName) }));
  let stop: Stop | null = null;
  let published = 0;
  for (const batch of batchesOf(withEntries, (item) => entrySize(item.entry))) {
    try {
      const [firstRefused] = (await publisher.publish(batch.map((item) => item.entry))).sort((a, b) => a - b);
      const refused = firstRefused === undefined ? undefined : batch[firstRefused];
      if (refused) {
        stop = { sequenceNumber: refused.sequenceNumber, reason: 'EventBridge kept refusing the event' };
        published += firstRefused ?? 0;
        break;
      }
      published += batch.length;
    } catch (error) {
      stop = { sequenceNumber: batch[0]?.sequenceNumber ?? '', reason: `PutEvents failed: ${String(error)}` };
      break;
    }
  }
  stop ??= unreadable;
  logger[stop ? 'error' : 'info']('relayed stream records', { records: records.length, events: outgoing.length, published, stop });
  if (stop) recordMetric('RelayPublishFailures');
  return { batchItemFailures: stop ? [{ itemIdentifier: stop.sequenceNumber }] : [] };
};
