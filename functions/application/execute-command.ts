import { decide, type Command, type DecideDeps, type Decision, type Delivery, type Refusal } from '#domain/index.ts';
import type { DeliveryRepository } from '#adapters/delivery-store/delivery-repository.ts';
import { DuplicateRequestError, JobClaimedError, OrderExistsError, VersionConflictError } from '#adapters/delivery-store/errors.ts';
import type { IdempotencyMarker } from '#adapters/delivery-store/idempotency-marker.ts';
import { recordTransitions } from './transition-metrics.ts';

/** What executing a command did. */
export type Execution =
  | { readonly kind: 'committed'; readonly delivery: Delivery; readonly decision: Decision }
  /** The key was committed before, for this delivery: answer as the first time. */
  | { readonly kind: 'duplicate'; readonly marker: IdempotencyMarker }
  /** The key was committed before for another delivery or another request: the caller reused an id. */
  | { readonly kind: 'key-reused'; readonly marker: IdempotencyMarker }
  | { readonly kind: 'refused'; readonly refusal: Refusal; readonly delivery: Delivery | null }
  /** The order has a delivery already (or, with `deliveryId` null, was cancelled before one was created). */
  | { readonly kind: 'order-exists'; readonly deliveryId: string | null; readonly requestHash: string | null }
  | { readonly kind: 'job-claimed'; readonly partnerId: string; readonly jobId: string };

/** A command for one delivery (none for a create), and the id its repeats are recognised by. */
export interface ExecuteRequest {
  readonly deliveryId: string | null;
  readonly command: Command;
  readonly idempotencyKey?: string;
  /** A hash of the request behind `idempotencyKey`: the same key with another request is `key-reused`. */
  readonly requestHash?: string;
}

/** How many times a command is decided again after losing a race for the delivery's version. */
export const MAX_VERSION_RETRIES = 20;

/** Full-jitter backoff before deciding again: up to 5 ms × 2^attempt, at most 200 ms. */
const backoff = (attempt: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(200, 5 * 2 ** attempt)));

const repeatOf = (marker: IdempotencyMarker, request: ExecuteRequest): Execution => {
  const sameDelivery = request.deliveryId === null || marker.deliveryId === request.deliveryId;
  const sameRequest = marker.requestHash === undefined || request.requestHash === undefined || marker.requestHash === request.requestHash;
  return sameDelivery && sameRequest ? { kind: 'duplicate', marker } : { kind: 'key-reused', marker };
};

/** The answer to a repeat of the request's key, if it was committed before. */
const previousAnswer = async (repository: DeliveryRepository, request: ExecuteRequest): Promise<Execution | null> => {
  if (request.idempotencyKey === undefined) return null;
  const marker = await repository.getIdempotencyMarker(request.idempotencyKey);
  return marker ? repeatOf(marker, request) : null;
};

/**
 * The first read: the delivery to decide on and the answer to a repeat of the request's key, if it was
 * committed before; one read of both items when there are both.
 */
const firstRead = async (repository: DeliveryRepository, request: ExecuteRequest): Promise<{ before: Delivery | null; answered: Execution | null }> => {
  const { deliveryId, idempotencyKey } = request;
  if (deliveryId === null) return { before: null, answered: await previousAnswer(repository, request) };
  if (idempotencyKey === undefined) return { before: await repository.get(deliveryId), answered: null };
  const { delivery, marker } = await repository.getWithMarker(deliveryId, idempotencyKey);
  return { before: delivery, answered: marker ? repeatOf(marker, request) : null };
};

/**
 * The one write path: load → decide → commit, deciding again on a fresh read when another writer
 * won the version. A repeat of `idempotencyKey` is answered from its marker without deciding again,
 * also when it raced its first copy and lost.
 */
export const executeCommand = async (repository: DeliveryRepository, deps: DecideDeps, request: ExecuteRequest): Promise<Execution> => {
  const { idempotencyKey, requestHash } = request;
  const first = await firstRead(repository, request);
  if (first.answered) return first.answered;
  for (let attempt = 0; ; attempt += 1) {
    const before = attempt === 0 ? first.before : request.deliveryId === null ? null : await repository.get(request.deliveryId);
    const result = decide(before, request.command, deps);
    if (!result.ok) return (await previousAnswer(repository, request)) ?? { kind: 'refused', refusal: result.refusal, delivery: before };
    try {
      const delivery = await repository.commit({
        before,
        decision: result.decision,
        ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
        ...(requestHash === undefined ? {} : { requestHash }),
      });
      recordTransitions(result.decision);
      return { kind: 'committed', delivery, decision: result.decision };
    } catch (error) {
      if (error instanceof DuplicateRequestError) return repeatOf(error.marker, request);
      if (error instanceof OrderExistsError) return { kind: 'order-exists', deliveryId: error.deliveryId, requestHash: error.requestHash };
      if (error instanceof JobClaimedError) return { kind: 'job-claimed', partnerId: error.partnerId, jobId: error.jobId };
      if (!(error instanceof VersionConflictError) || attempt >= MAX_VERSION_RETRIES) throw error;
    }
    await backoff(attempt);
  }
};
