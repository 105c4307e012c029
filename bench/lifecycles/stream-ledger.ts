import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { AttributeValue, DynamoDBRecord } from 'aws-lambda';
import { WorkflowAttribute } from '#adapters/delivery-store/items.ts';
import { ItemType } from '#adapters/delivery-store/keys.ts';
import { deliveryTableDefinition } from '#adapters/delivery-store/table-definition.ts';
import { pollStream } from '../../local/dynamodb-stream-poller.ts';
import { Counters } from './counters.ts';
import { itemSize, writeUnits } from './item-size.ts';

/** Totals kept by {@link startStreamLedger}. */
export const StreamCounter = {
  BATCHES: 'streamBatches',
  RECORDS: 'streamRecords',
  /** Batches holding a record the relay's event source filter passes: a relay invocation each. */
  RELAY_INVOCATIONS: 'relayInvocations',
  /** Batches holding a record the notifier's filter passes: a notifier invocation each. */
  NOTIFIER_INVOCATIONS: 'notifierInvocations',
  /** Write units of the table's item writes, by AWS's sizing rules (two per kilobyte in a transaction); also by item type, as `tableWriteUnits.<type>`. */
  TABLE_WRITE_UNITS: 'tableWriteUnits',
  /**
   * Write units of the status index's updates: one per kilobyte of the projected item, a key change being a
   * delete and a put; not doubled inside a transaction, whose two-phase cost is the base table's alone
   * (as measured against DynamoDB by nubo-db/dynoxide#188; DynamoDB Local doubles them).
   */
  INDEX_WRITE_UNITS: 'indexWriteUnits',
  /**
   * {@link TABLE_WRITE_UNITS} with each stored callback token as long as an AWS one may be (1,024 bytes,
   * `SendTaskSuccess`'s limit) instead of the local engine's short one: an upper bound for AWS.
   */
  TABLE_WRITE_UNITS_WITH_AWS_TOKENS: 'tableWriteUnitsWithAwsTokens',
  /** Delivery-item writes outside a transaction (the workflow keeping its callback token). */
  STANDALONE_ITEM_WRITES: 'standaloneItemWrites',
} as const;

type Image = Readonly<Record<string, AttributeValue>>;

/** The longest task token `SendTaskSuccess` takes. */
const AWS_TOKEN_BYTES = 1024;

/** An image's size with its callback token, if any, as long as an AWS one may be. */
const sizeWithAwsToken = (image: Image): number => {
  const token = image[WorkflowAttribute.TASK_TOKEN]?.S;
  return itemSize(image) + (token === undefined ? 0 : AWS_TOKEN_BYTES - Buffer.byteLength(token));
};

/** The relay's filter in cdk/delivery-stack.ts: a new history item holding a domain event. */
const relayPasses = (record: DynamoDBRecord): boolean => record.eventName === 'INSERT' && record.dynamodb?.NewImage?.['type']?.S === ItemType.EVENT;
/** The notifier's filter in cdk/delivery-stack.ts: a delivery item's new image. */
const notifierPasses = (record: DynamoDBRecord): boolean => record.dynamodb?.NewImage?.['type']?.S === ItemType.DELIVERY;

const index = deliveryTableDefinition.statusIndex;
const indexAttributes = [deliveryTableDefinition.partitionKey, deliveryTableDefinition.sortKey, index.partitionKey, index.sortKey, ...index.projectedAttributes];

/** The item the status index holds for `image`, or null when the image is not in that sparse index. */
const indexItemOf = (image: Image | undefined): Image | null => {
  if (image?.[index.partitionKey] === undefined || image[index.sortKey] === undefined) return null;
  return Object.fromEntries(indexAttributes.flatMap((name) => (image[name] === undefined ? [] : [[name, image[name]]])));
};

const canonical = (image: Image): string => JSON.stringify(Object.keys(image).sort().map((name) => [name, image[name]]));

/** Write units the status index spends on one item write. */
const indexWriteUnits = (oldImage: Image | undefined, newImage: Image | undefined): number => {
  const before = indexItemOf(oldImage);
  const after = indexItemOf(newImage);
  if (before === null) return after === null ? 0 : writeUnits(itemSize(after));
  if (after === null) return writeUnits(itemSize(before));
  const keyMoved = before[index.partitionKey]?.S !== after[index.partitionKey]?.S || before[index.sortKey]?.S !== after[index.sortKey]?.S;
  if (keyMoved) return writeUnits(itemSize(before)) + writeUnits(itemSize(after));
  return canonical(before) === canonical(after) ? 0 : writeUnits(Math.max(itemSize(before), itemSize(after)));
};

/**
 * A delivery-item write that kept the version is the workflow registering its callback (a single
 * UpdateItem); every other write of the table is one item of a commit's TransactWriteItems.
 */
const isStandalone = (record: DynamoDBRecord): boolean => {
  const { OldImage, NewImage } = record.dynamodb ?? {};
  return NewImage?.['type']?.S === ItemType.DELIVERY && OldImage !== undefined && OldImage['version']?.N === NewImage['version']?.N;
};

/** Deletions by DynamoDB's time-to-live cost nothing. */
const isExpiry = (record: DynamoDBRecord): boolean => record.eventName === 'REMOVE' && (record.userIdentity as { principalId?: string } | undefined)?.principalId === 'dynamodb.amazonaws.com';

const countBatch = (records: readonly DynamoDBRecord[], counters: Counters): void => {
  counters.add(StreamCounter.BATCHES);
  if (records.some(relayPasses)) counters.add(StreamCounter.RELAY_INVOCATIONS);
  if (records.some(notifierPasses)) counters.add(StreamCounter.NOTIFIER_INVOCATIONS);
  for (const record of records) {
    counters.add(StreamCounter.RECORDS);
    if (isExpiry(record)) continue;
    const { OldImage, NewImage } = record.dynamodb ?? {};
    const larger = (size: (image: Image) => number): number => Math.max(OldImage ? size(OldImage) : 0, NewImage ? size(NewImage) : 0);
    const standalone = isStandalone(record);
    if (standalone) counters.add(StreamCounter.STANDALONE_ITEM_WRITES);
    const units = writeUnits(larger(itemSize)) * (standalone ? 1 : 2);
    counters.add(StreamCounter.TABLE_WRITE_UNITS, units);
    counters.add(`${StreamCounter.TABLE_WRITE_UNITS}.${(NewImage ?? OldImage)?.['type']?.S ?? 'unknown'}`, units);
    counters.add(StreamCounter.TABLE_WRITE_UNITS_WITH_AWS_TOKENS, writeUnits(larger(sizeWithAwsToken)) * (standalone ? 1 : 2));
    counters.add(StreamCounter.INDEX_WRITE_UNITS, indexWriteUnits(OldImage, NewImage));
  }
};

/** A running ledger of the table's stream. */
export interface StreamLedger {
  readonly counters: Counters;
  stop(): Promise<void>;
}

/**
 * Reads the delivery table's stream as a third consumer, with the local stack's poller (every 50 ms, as
 * its notifier and relay read it), and keeps per batch what Lambda would invoke with the CDK's event
 * filters (a batch invokes a consumer when a record passes its filter), and per record the write units
 * the item write cost by AWS's sizing rules: the larger of its old and new image, two units per started
 * kilobyte of each item inside a transaction, one outside, plus the status index's own writes. (DynamoDB
 * Local reports a transaction as two units per kilobyte of all its items together, which is less.)
 */
export const startStreamLedger = (streams: DynamoDBStreamsClient, streamArn: string, onError: (error: unknown) => void): StreamLedger => {
  const counters = new Counters();
  const poller = pollStream(
    streams,
    streamArn,
    (records) => {
      countBatch(records, counters);
      return Promise.resolve({ batchItemFailures: [] });
    },
    { onError },
  );
  return { counters, stop: () => poller.stop() };
};
