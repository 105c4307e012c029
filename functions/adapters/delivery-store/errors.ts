import type { IdempotencyMarker } from './idempotency-marker.ts';

/** A commit refused by one of its conditions: the caller answers 409 or its idempotent reply, never 500. */
export abstract class CommitConflictError extends Error {
  abstract readonly reason: 'VERSION_CONFLICT' | 'DUPLICATE_REQUEST' | 'ORDER_EXISTS' | 'JOB_CLAIMED';
}

/** The delivery changed (or was created) since it was read: reload, decide again. */
export class VersionConflictError extends CommitConflictError {
  override readonly name = 'VersionConflictError';
  readonly reason = 'VERSION_CONFLICT';
  constructor(
    readonly deliveryId: string,
    readonly expectedVersion: number,
    options?: ErrorOptions,
  ) {
    super(`delivery ${deliveryId} is no longer at version ${expectedVersion}`, options);
  }
}

/** The command or webhook id was committed before: nothing was written; `marker` says what it did. */
export class DuplicateRequestError extends CommitConflictError {
  override readonly name = 'DuplicateRequestError';
  readonly reason = 'DUPLICATE_REQUEST';
  constructor(
    readonly marker: IdempotencyMarker,
    options?: ErrorOptions,
  ) {
    super(`request ${marker.key} was already applied to delivery ${marker.deliveryId}`, options);
  }
}

/**
 * A delivery exists for the order already, `requestHash` telling a replay from a different body; or the
 * order was cancelled before any delivery was created (`deliveryId` and `requestHash` null).
 */
export class OrderExistsError extends CommitConflictError {
  override readonly name = 'OrderExistsError';
  readonly reason = 'ORDER_EXISTS';
  constructor(
    readonly orderId: string,
    readonly deliveryId: string | null,
    readonly requestHash: string | null,
    options?: ErrorOptions,
  ) {
    super(deliveryId === null ? `order ${orderId} was cancelled before a delivery was created` : `order ${orderId} already has delivery ${deliveryId}`, options);
  }
}

/** A partner job id is already linked to another delivery. */
export class JobClaimedError extends CommitConflictError {
  override readonly name = 'JobClaimedError';
  readonly reason = 'JOB_CLAIMED';
  constructor(
    readonly partnerId: string,
    readonly jobId: string,
    options?: ErrorOptions,
  ) {
    super(`job ${jobId} of ${partnerId} belongs to another delivery`, options);
  }
}

/** A `nextToken` that this service did not issue for this listing. */
export class InvalidPageTokenError extends Error {
  override readonly name = 'InvalidPageTokenError';
  constructor(options?: ErrorOptions) {
    super('nextToken is not a token this service issued for this listing', options);
  }
}
