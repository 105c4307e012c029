import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { batchesOf, entryOf, entrySize } from '#adapters/event-entries.ts';
import type { EventPublisher } from '#adapters/event-publisher.ts';
import { ItemType } from '#adapters/delivery-store/keys.ts';
import { parseDomainEvent, type DomainEvent } from '#schemas/event-envelope.ts';
import { logger } from '#shared/logger.ts';
import { recordMetric } from '#shared/metrics.ts';
import { eventLogKeys } from './log-context.ts';

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
  return { sequenceNumber: record.dynamodb?.SequenceNumber ?? '', event: parseDomainEvent(item['fact']) };
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

/** Where the relay publishes, and how it names the workflow executions in its logs. */
export interface RelayDestination {
  /** The bus the events go to. */
  readonly eventBusName: string;
  /** The state machine whose executions (named by `deliveryId`) the log lines name; null when unknown. */
  readonly stateMachineArn: string | null;
}

/** An event with its PutEvents entry. */
interface Sendable extends Outgoing {
  readonly entry: PutEventsRequestEntry;
}

const REFUSED = 'EventBridge kept refusing the event';

/**
 * Sends one PutEvents call's events and logs what became of each on a line of its own, with that
 * event's ids: a batch mixes deliveries, so nothing about one event may sit on the logger's keys.
 * Gives how many went through and the first that did not.
 */
const publishBatch = async (batch: readonly Sendable[], publisher: EventPublisher, stateMachineArn: string | null): Promise<{ published: number; stop: Stop | null }> => {
  let refused: number[];
  try {
    refused = await publisher.publish(batch.map((item) => item.entry));
  } catch (error) {
    const reason = `PutEvents failed: ${String(error)}`;
    for (const item of batch) logger.error('event not published', { ...eventLogKeys(item.event, stateMachineArn), reason });
    return { published: 0, stop: { sequenceNumber: batch[0]?.sequenceNumber ?? '', reason } };
  }
  batch.forEach((item, index) => {
    if (refused.includes(index)) logger.error('event not published', { ...eventLogKeys(item.event, stateMachineArn), reason: REFUSED });
    else logger.info('event published', eventLogKeys(item.event, stateMachineArn));
  });
  const firstRefused = batch.find((_, index) => refused.includes(index));
  return { published: batch.length - refused.length, stop: firstRefused ? { sequenceNumber: firstRefused.sequenceNumber, reason: REFUSED } : null };
};

/**
 * The outbox relay: publishes the domain events a batch of stream records inserted, ten to a PutEvents
 * call, in stream order. At the first record it cannot get through (an event EventBridge keeps refusing,
 * a failed call, a record with no valid event) it stops and reports that record as the batch item
 * failure: Lambda sends the batch again from there (and, past its retries, to the relay's dead-letter
 * queue), so no later event overtakes it. Events may be published more than once; consumers deduplicate
 * on `eventId`. Each event sent is logged with its ids; the batch, with its counts.
 */
export const relayStreamRecords = async (
  records: readonly DynamoDBRecord[],
  publisher: EventPublisher,
  destination: RelayDestination,
): Promise<DynamoDBBatchResponse> => {
  const { outgoing, stop: unreadable } = readOutgoing(records);
  const sendable = outgoing.map((item) => ({ ...item, entry: entryOf(item.event, destination.eventBusName) }));
  let stop: Stop | null = null;
  let published = 0;
  for (const batch of batchesOf(sendable, (item) => entrySize(item.entry))) {
    const result = await publishBatch(batch, publisher, destination.stateMachineArn);
    published += result.published;
    stop = result.stop;
    if (stop) break;
  }
  stop ??= unreadable;
  logger[stop ? 'error' : 'info']('relayed stream records', { records: records.length, events: outgoing.length, published, stop });
  if (stop) recordMetric('RelayPublishFailures');
  return { batchItemFailures: stop ? [{ itemIdentifier: stop.sequenceNumber }] : [] };
};
