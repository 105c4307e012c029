/**
 * The delivery table, described once: the local stack and the tests create it from this, and the CDK
 * construct deploys it from this, so that both have the same keys, index, TTL and stream.
 */
export const deliveryTableDefinition = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Lists deliveries by status, oldest in their status first. Holds no personal data. */
  statusIndex: {
    name: 'byStatus',
    partitionKey: 'status',
    sortKey: 'statusSince',
    projectedAttributes: [
      'deliveryId',
      'orderId',
      'holdReason',
      'attemptCount',
      'maxAttempts',
      'partner',
      'lastPartnerActivityAt',
      'partnerHighWater',
      'promisedBy',
      'slaBreached',
      'version',
      'createdAt',
      'updatedAt',
    ],
  },
  /** Epoch seconds after which DynamoDB deletes an idempotency marker. */
  timeToLiveAttribute: 'expiresAt',
  /** The outbox relay reads new history items from the stream; the workflow notifier compares a delivery's old and new image. */
  streamViewType: 'NEW_AND_OLD_IMAGES',
} as const;

/** The table's name in AWS and, by default, locally. */
export const DEFAULT_DELIVERY_TABLE_NAME = 'bookstore-deliveries';
