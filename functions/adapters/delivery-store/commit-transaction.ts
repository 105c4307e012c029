import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Decision } from '#domain/decision.ts';
import type { Delivery } from '#domain/delivery.ts';
import { DeliveryEventType } from '#domain/event-types.ts';
import {
  DuplicateRequestError,
  JobClaimedError,
  OrderExistsError,
  VersionConflictError,
} from './errors.ts';
import { epochSeconds, type IdempotencyMarker } from './idempotency-marker.ts';
import { deliveryItem, eventItem, jobItem, markerFromItem, markerItem, orderFromItem, orderItem, partnerEventItem, trackingItem } from './items.ts';
import { requestHash } from './request-hash.ts';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** What each item of the transaction is, to tell which condition refused it. */
type Part = { kind: 'delivery' | 'history' } | { kind: 'order'; orderId: string } | { kind: 'job'; partnerId: string; jobId: string } | { kind: 'marker' };

/** A commit as one TransactWriteItems call, with what is needed to explain a cancellation. */
export interface CommitTransaction {
  readonly input: TransactWriteCommandInput;
  readonly parts: readonly Part[];
}

const notExists = 'attribute_not_exists(pk)';

/**
 * The delivery item's write: every state attribute SET, conditioned on the version the decision was
 * taken on (or on the item not existing). An update, not a put, so that the attributes the workflow
 * keeps on the item (its task token) survive the commit.
 */
const deliveryUpdate = (tableName: string, before: Delivery | null, after: Delivery): TransactItem => {
  const { pk, sk, ...attributes } = deliveryItem(after);
  const fields = Object.entries(attributes);
  return {
    Update: {
      TableName: tableName,
      Key: { pk, sk },
      UpdateExpression: `SET ${fields.map((_, i) => `#f${String(i)} = :f${String(i)}`).join(', ')}`,
      ConditionExpression: before === null ? notExists : '#version = :expected',
      ExpressionAttributeNames: {
        ...Object.fromEntries(fields.map(([name], i) => [`#f${String(i)}`, name])),
        ...(before === null ? {} : { '#version': 'version' }),
      },
      ExpressionAttributeValues: {
        ...Object.fromEntries(fields.map(([, value], i) => [`:f${String(i)}`, value])),
        ...(before === null ? {} : { ':expected': before.version }),
      },
    },
  };
};

/** Builds the one transaction of a commit: the version-checked delivery item, the history (a partner event on the first event it caused), the pointers, the marker. */
export const buildCommitTransaction = (
  tableName: string,
  before: Delivery | null,
  after: Delivery,
  decision: Decision,
  marker: IdempotencyMarker | null,
): CommitTransaction => {
  const items: TransactItem[] = [];
  const parts: Part[] = [];
  const add = (item: TransactItem, part: Part): void => {
    items.push(item);
    parts.push(part);
  };
  const put = (Item: Record<string, unknown>, ConditionExpression?: string, extra: Record<string, unknown> = {}) => ({
    Put: { TableName: tableName, Item, ...(ConditionExpression === undefined ? {} : { ConditionExpression }), ...extra },
  });

  add(deliveryUpdate(tableName, before, after), { kind: 'delivery' });
  const [firstEvent] = decision.events;
  for (const event of decision.events) {
    // The partner event rides on the first event it caused; an item of its own only when it caused none.
    const partnerFact = event === firstEvent ? (decision.partnerEvent ?? undefined) : undefined;
    add(put(eventItem(event, after.version, partnerFact), notExists), { kind: 'history' });
    if (event.type === DeliveryEventType.DeliveryCreated) {
      const { orderId } = event.data.request;
      add(put(orderItem(orderId, after.deliveryId, requestHash(event.data.request)), notExists, { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' }), {
        kind: 'order',
        orderId,
      });
    }
  }
  if (decision.partnerEvent && firstEvent === undefined) {
    add(put(partnerEventItem(after.deliveryId, decision.partnerEvent, after.version), notExists), { kind: 'history' });
  }
  for (const job of after.jobs.filter((j) => !before?.jobs.some((b) => b.jobId === j.jobId && b.partnerId === j.partnerId))) {
    add(
      put(jobItem(job.partnerId, job.jobId, after.deliveryId), `${notExists} OR deliveryId = :deliveryId`, {
        ExpressionAttributeValues: { ':deliveryId': after.deliveryId },
      }),
      { kind: 'job', ...job },
    );
  }
  const tracked = after.partner;
  if (tracked?.trackingNumber != null && tracked.jobId !== null && (before?.partner?.trackingNumber !== tracked.trackingNumber || before.partner.jobId !== tracked.jobId)) {
    // The latest job to carry a tracking number owns it: a carrier does not reuse one within a shipment's life.
    add(put(trackingItem(tracked.trackingNumber, { deliveryId: after.deliveryId, partnerId: tracked.id, jobId: tracked.jobId, deliveryCreatedAt: after.createdAt })), { kind: 'history' });
  }
  if (marker) {
    add(
      // The same boundary as isLive: a marker whose expiresAt has come may be replaced.
      put(markerItem(marker), `${notExists} OR expiresAt <= :now`, {
        ExpressionAttributeValues: { ':now': epochSeconds(new Date(marker.createdAt)) },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
      { kind: 'marker' },
    );
  }
  return { input: { TransactItems: items }, parts };
};

/** Which refusal wins when several conditions fail: a repeat is a repeat, whatever else changed. */
const PRECEDENCE = ['marker', 'order', 'delivery', 'job', 'history'] as const;

/**
 * Explains a cancelled commit as a typed conflict; returns the error unchanged when it is not a
 * cancellation by conditions or write conflicts (those are real failures).
 */
export const explainCancellation = (error: unknown, transaction: CommitTransaction, before: Delivery | null, deliveryId: string): unknown => {
  if (!(error instanceof TransactionCanceledException)) return error;
  const reasons = error.CancellationReasons ?? [];
  const failed = transaction.parts
    .map((part, index) => ({ part, reason: reasons[index] }))
    .filter(({ reason }) => reason?.Code === 'ConditionalCheckFailed' || reason?.Code === 'TransactionConflict');
  if (failed.length === 0) return error;
  const codes = reasons.map((reason) => reason.Code ?? 'None').join(', ');
  const options = { cause: new Error(`TransactWriteItems cancelled: [${codes}]`) };
  for (const kind of PRECEDENCE) {
    const hit = failed.find(({ part }) => part.kind === kind);
    if (!hit) continue;
    const old = hit.reason?.Item ? unmarshall(hit.reason.Item) : undefined;
    const part = hit.part;
    if (part.kind === 'marker' && old) return new DuplicateRequestError(markerFromItem(old), options);
    if (part.kind === 'order' && old) {
      const order = orderFromItem(old);
      return new OrderExistsError(part.orderId, order.deliveryId, order.requestHash, options);
    }
    if (part.kind === 'job') return new JobClaimedError(part.partnerId, part.jobId, options);
    if (part.kind !== 'marker' && part.kind !== 'order') break;
  }
  return new VersionConflictError(deliveryId, before?.version ?? 0, options);
};
