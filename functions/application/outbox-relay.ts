import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { batchesOf, entryOf, entrySize } from '#adapters/event-entries.ts';
import type { EventPublisher } from '#adapters/event-publisher.ts';
import { ItemType } from '#adapters/delivery-store/keys.ts';
import { domainEventSchema, type DomainEvent } from '#schemas/event-envelope.ts';
import { logger } from '#shared/logger.ts';

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

/**
 * The outbox relay: publishes the domain events a batch of stream records inserted, ten to a PutEvents
 * call, and reports the records whose events could not be published (or read) as batch item failures,
 * so that Lambda sends them again and, past its retries, to the relay's dead-letter queue. Events may
 * be published more than once; consumers deduplicate on `eventId`.
 */
export const relayStreamRecords = async (
  records: readonly DynamoDBRecord[],
  publisher: EventPublisher,
  eventBusName: string,
): Promise<DynamoDBBatchResponse> => {
  const failed = new Set<string>();
  const outgoing: Outgoing[] = [];
  for (const record of records) {
    try {
      const item = outgoingOf(record);
      if (item) outgoing.push(item);
    } catch (error) {
      logger.error('stream record holds no valid event', { sequenceNumber: record.dynamodb?.SequenceNumber, error: String(error) });
      failed.add(record.dynamodb?.SequenceNumber ?? '');
    }
  }
  const withEntries = outgoing.map((item) => ({ ...item, entry: entryOf(item.event, eventBusName) }));
  for (const batch of batchesOf(withEntries, (item) => entrySize(item.entry))) {
    try {
      const refused = await publisher.publish(batch.map((item) => item.entry));
      for (const index of refused) failed.add(batch[index]?.sequenceNumber ?? '');
    } catch (error) {
      logger.error('PutEvents failed', { events: batch.length, error: String(error) });
      for (const item of batch) failed.add(item.sequenceNumber);
    }
  }
  const published = outgoing.filter((item) => !failed.has(item.sequenceNumber)).length;
  logger.info('relayed stream records', { records: records.length, events: outgoing.length, published, failed: failed.size });
  return { batchItemFailures: [...failed].map((itemIdentifier) => ({ itemIdentifier })) };
};
