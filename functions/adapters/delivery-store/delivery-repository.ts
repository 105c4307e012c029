import { setTimeout as sleep } from 'node:timers/promises';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { applyDecision, type HistoryEntry } from '#domain/apply-decision.ts';
import type { Decision } from '#domain/decision.ts';
import type { Delivery } from '#domain/delivery.ts';
import type { DeliveryStatus } from '#domain/statuses.ts';
import type { DomainEvent } from '#schemas/event-envelope.ts';
import { buildCommitTransaction, explainCancellation } from './commit-transaction.ts';
import { DEFAULT_IDEMPOTENCY_TTL_SECONDS, epochSeconds, isLive, type IdempotencyMarker } from './idempotency-marker.ts';
import { cancelledOrderItem, deliveryFromItem, type TrackedJob, historyEntriesFromItem, markerFromItem, orderFromItem, withoutKeys, WorkflowAttribute, type StoredItem } from './items.ts';
import { EVENT_PREFIX, keys, PARTNER_EVENT_PREFIX } from './keys.ts';
import { decodePageToken, encodePageToken } from './page-token.ts';
import { deliveryTableDefinition } from './table-definition.ts';

/** Where and how the repository stores deliveries. */
export interface DeliveryRepositoryOptions {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  /** @default 7 days */
  readonly idempotencyTtlSeconds?: number;
  /** @default () => new Date() */
  readonly clock?: () => Date;
}

/** One commit: the decision taken on `before` (null for a create), and the command or webhook id it answers. */
export interface CommitRequest {
  readonly before: Delivery | null;
  readonly decision: Decision;
  /** e.g. `webhook#sandbox#evt-1` or `command#<id>`; its repeats are refused as DuplicateRequestError. */
  readonly idempotencyKey?: string;
  /** A hash of the request behind `idempotencyKey`, kept on its marker. */
  readonly requestHash?: string;
}

/** The fields of a delivery the status index holds (no personal data). */
export type DeliverySummary = Pick<
  Delivery,
  (typeof deliveryTableDefinition.statusIndex.projectedAttributes)[number] | 'status' | 'statusSince'
>;

/** A page of a listing. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextToken: string | null;
}

/** The most deliveries one listing page holds. */
export const MAX_PAGE_SIZE = 100;

/** How many times a read of several items asks again for the keys DynamoDB left unprocessed (throttled). */
const MAX_BATCH_GET_ATTEMPTS = 8;

/**
 * Reads and writes deliveries. Every change goes through `commit`: one TransactWriteItems of the
 * delivery item (conditioned on its version), one history item per event, the partner event, new
 * job/order pointers and the idempotency marker. A refused condition is a typed CommitConflictError.
 */
export class DeliveryRepository {
  readonly #client: DynamoDBDocumentClient;
  readonly #table: string;
  readonly #ttlSeconds: number;
  readonly #clock: () => Date;

  constructor(options: DeliveryRepositoryOptions) {
    this.#client = options.client;
    this.#table = options.tableName;
    this.#ttlSeconds = options.idempotencyTtlSeconds ?? DEFAULT_IDEMPOTENCY_TTL_SECONDS;
    this.#clock = options.clock ?? (() => new Date());
  }

  /** Commits `decision` atomically and returns the delivery after it. */
  async commit(request: CommitRequest): Promise<Delivery> {
    const after = applyDecision(request.before, request.decision);
    const now = this.#clock();
    const marker: IdempotencyMarker | null = request.idempotencyKey
      ? {
          key: request.idempotencyKey,
          deliveryId: after.deliveryId,
          version: after.version,
          outcome: request.decision.outcome,
          createdAt: now.toISOString(),
          expiresAt: epochSeconds(now) + this.#ttlSeconds,
          ...(request.requestHash === undefined ? {} : { requestHash: request.requestHash }),
        }
      : null;
    const transaction = buildCommitTransaction(this.#table, request.before, after, request.decision, marker);
    try {
      await this.#client.send(new TransactWriteCommand(transaction.input));
    } catch (error) {
      throw explainCancellation(error, transaction, request.before, after.deliveryId);
    }
    return after;
  }

  /**
   * Keeps the workflow's callback on the delivery item, if the delivery is still in `status`, and returns
   * the delivery; null when it has moved on (the caller then resumes the workflow itself).
   */
  async registerWait(deliveryId: string, status: DeliveryStatus, phase: string, taskToken: string): Promise<Delivery | null> {
    try {
      const { Attributes } = await this.#client.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: keys.delivery(deliveryId),
          UpdateExpression: 'SET #token = :token, #phase = :phase',
          ConditionExpression: '#status = :status',
          ExpressionAttributeNames: { '#token': WorkflowAttribute.TASK_TOKEN, '#phase': WorkflowAttribute.WAITING_IN, '#status': 'status' },
          ExpressionAttributeValues: { ':token': taskToken, ':phase': phase, ':status': status },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return deliveryFromItem(Attributes as StoredItem);
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return null;
      throw error;
    }
  }

  /** The delivery's newest domain event, or null. */
  async latestEvent(deliveryId: string): Promise<DomainEvent | null> {
    const result = await this.#client.send(
      new QueryCommand({
        TableName: this.#table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :events)',
        ExpressionAttributeValues: { ':pk': keys.delivery(deliveryId).pk, ':events': EVENT_PREFIX },
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
      }),
    );
    const [item] = result.Items ?? [];
    return item === undefined ? null : (item['fact'] as DomainEvent);
  }

  /** The delivery, or null (strongly consistent). */
  async get(deliveryId: string): Promise<Delivery | null> {
    const item = await this.#getItem(keys.delivery(deliveryId));
    return item ? deliveryFromItem(item) : null;
  }

  /**
   * The delivery created for `orderId`, with the hash of the request that created it; both null when the
   * order was cancelled before a delivery was created; null when the order is unknown.
   */
  async findByOrderId(orderId: string): Promise<{ deliveryId: string | null; requestHash: string | null } | null> {
    const item = await this.#getItem(keys.order(orderId));
    return item ? orderFromItem(item) : null;
  }

  /**
   * Records that `orderId` was cancelled before any delivery was created for it, so that its create is
   * refused from now on. False when the order already has an item (a delivery, or an earlier cancel).
   */
  async markOrderCancelled(orderId: string, reason: string): Promise<boolean> {
    try {
      await this.#client.send(
        new PutCommand({
          TableName: this.#table,
          Item: cancelledOrderItem(orderId, reason, this.#clock().toISOString()),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /** The id of the delivery a partner job belongs to, or null. */
  async findDeliveryIdByJob(partnerId: string, jobId: string): Promise<string | null> {
    const item = await this.#getItem(keys.job(partnerId, jobId));
    return item ? (item['deliveryId'] as string) : null;
  }

  /** The delivery, partner and job a tracking number belongs to, or null. */
  async findJobByTrackingNumber(trackingNumber: string): Promise<TrackedJob | null> {
    const item = await this.#getItem(keys.tracking(trackingNumber));
    if (!item) return null;
    const { deliveryId, partnerId, jobId, deliveryCreatedAt } = item as unknown as TrackedJob;
    return { deliveryId, partnerId, jobId, deliveryCreatedAt };
  }

  /** The marker of an id committed before (and not yet expired), or null. */
  async getIdempotencyMarker(key: string): Promise<IdempotencyMarker | null> {
    const item = await this.#getItem(keys.idempotency(key));
    if (!item) return null;
    const marker = markerFromItem(item);
    return isLive(marker, this.#clock()) ? marker : null;
  }

  /**
   * The delivery (null if none) and the live marker of `key` (null if none, or expired), both strongly
   * consistent, in one BatchGetItem: the first read of a command that has an idempotency key, one round
   * trip instead of two.
   */
  async getWithMarker(deliveryId: string, key: string): Promise<{ delivery: Delivery | null; marker: IdempotencyMarker | null }> {
    const deliveryKey = keys.delivery(deliveryId);
    const markerKey = keys.idempotency(key);
    const found: StoredItem[] = [];
    let pending: Record<string, unknown>[] = [{ ...deliveryKey }, { ...markerKey }];
    for (let attempt = 1; pending.length > 0; attempt += 1) {
      if (attempt > MAX_BATCH_GET_ATTEMPTS) throw new Error(`DynamoDB left ${String(pending.length)} keys unprocessed ${String(MAX_BATCH_GET_ATTEMPTS)} times`);
      // Full-jitter backoff before asking again for what was throttled, as AWS advises for batch reads.
      if (attempt > 1) await sleep(Math.random() * Math.min(1000, 25 * 2 ** attempt));
      const result = await this.#client.send(new BatchGetCommand({ RequestItems: { [this.#table]: { Keys: pending, ConsistentRead: true } } }));
      found.push(...(result.Responses?.[this.#table] ?? []));
      pending = result.UnprocessedKeys?.[this.#table]?.Keys ?? [];
    }
    const itemAt = (wanted: { pk: string; sk: string }): StoredItem | undefined => found.find((item) => item['pk'] === wanted.pk && item['sk'] === wanted.sk);
    const deliveryStored = itemAt(deliveryKey);
    const markerStored = itemAt(markerKey);
    const marker = markerStored ? markerFromItem(markerStored) : null;
    return { delivery: deliveryStored ? deliveryFromItem(deliveryStored) : null, marker: marker && isLive(marker, this.#clock()) ? marker : null };
  }

  /** Every domain event of the delivery, ascending `sequence`. */
  async listEvents(deliveryId: string): Promise<DomainEvent[]> {
    const items = await this.#queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.delivery(deliveryId).pk, ':prefix': EVENT_PREFIX },
    });
    return items.map((item) => item['fact'] as DomainEvent);
  }

  /** Every fact of the delivery (events and recorded partner events) in the order `replay` needs. */
  async history(deliveryId: string): Promise<HistoryEntry[]> {
    const items = await this.#queryAll({
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': keys.delivery(deliveryId).pk, ':from': EVENT_PREFIX, ':to': `${PARTNER_EVENT_PREFIX}~` },
    });
    const rank = (entry: HistoryEntry): number => (entry.fact.type === 'PartnerEventRecorded' ? 0 : entry.fact.sequence);
    return items.flatMap(historyEntriesFromItem).sort((a, b) => a.version - b.version || rank(a) - rank(b));
  }

  /** Deliveries in `status`, longest in it first; `limit` is 1 to {@link MAX_PAGE_SIZE}. */
  async listByStatus(status: DeliveryStatus, page: { limit: number; nextToken?: string | null }): Promise<Page<DeliverySummary>> {
    if (!Number.isInteger(page.limit) || page.limit < 1 || page.limit > MAX_PAGE_SIZE) {
      throw new RangeError(`limit must be an integer from 1 to ${MAX_PAGE_SIZE}, not ${page.limit}`);
    }
    return this.#queryStatusIndex(status, page, { KeyConditionExpression: '#status = :status' });
  }

  /**
   * Deliveries in `status` that nothing has come from their partner about since `quietSince`: in the
   * status since before then, and with no partner activity after it. Longest quiet first.
   */
  async listQuiet(status: DeliveryStatus, quietSince: string, page: { limit: number; nextToken?: string | null }): Promise<Page<DeliverySummary>> {
    return this.#queryStatusIndex(status, page, {
      KeyConditionExpression: '#status = :status AND #since < :cutoff',
      FilterExpression: 'attribute_not_exists(#activity) OR attribute_type(#activity, :null) OR #activity < :cutoff',
      ExpressionAttributeNames: { '#since': deliveryTableDefinition.statusIndex.sortKey, '#activity': 'lastPartnerActivityAt' },
      ExpressionAttributeValues: { ':cutoff': quietSince, ':null': 'NULL' },
    });
  }

  /** One page of the status index for `status` (`#status` and `:status` are bound), with `query`'s conditions. */
  async #queryStatusIndex(
    status: DeliveryStatus,
    page: { limit: number; nextToken?: string | null },
    query: Pick<QueryCommandInput, 'KeyConditionExpression' | 'FilterExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'>,
  ): Promise<Page<DeliverySummary>> {
    const index = deliveryTableDefinition.statusIndex;
    const result = await this.#client.send(
      new QueryCommand({
        ...query,
        TableName: this.#table,
        IndexName: index.name,
        ExpressionAttributeNames: { '#status': index.partitionKey, ...query.ExpressionAttributeNames },
        ExpressionAttributeValues: { ':status': status, ...query.ExpressionAttributeValues },
        Limit: page.limit,
        ...(page.nextToken ? { ExclusiveStartKey: decodePageToken(page.nextToken, status) } : {}),
      }),
    );
    // Items of this index are delivery items projected as the table definition says.
    const items = (result.Items ?? []).map((item) => withoutKeys(item) as unknown as DeliverySummary);
    return { items, nextToken: encodePageToken(result.LastEvaluatedKey) };
  }

  async #getItem(key: { pk: string; sk: string }): Promise<StoredItem | undefined> {
    const result = await this.#client.send(new GetCommand({ TableName: this.#table, Key: key, ConsistentRead: true }));
    return result.Item;
  }

  async #queryAll(query: Omit<QueryCommandInput, 'TableName'>): Promise<StoredItem[]> {
    const items: StoredItem[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const result = await this.#client.send(
        new QueryCommand({ ...query, TableName: this.#table, ConsistentRead: true, ExclusiveStartKey: start }),
      );
      items.push(...(result.Items ?? []));
      start = result.LastEvaluatedKey;
    } while (start);
    return items;
  }
}
