import { decide, type Command, type DecideDeps, type Decision, type Delivery, type Refusal } from '#domain/index.ts';
import type { DeliveryRepository } from '#adapters/delivery-store/delivery-repository.ts';
import { DuplicateRequestError, OrderExistsError, VersionConflictError } from '#adapters/delivery-store/errors.ts';
import type { IdempotencyMarker } from '#adapters/delivery-store/idempotency-marker.ts';

/** What executing a command did. */
export type Execution =
  | { readonly kind: 'committed'; readonly delivery: Delivery; readonly decision: Decision }
  | { readonly kind: 'duplicate'; readonly marker: IdempotencyMarker }
  | { readonly kind: 'refused'; readonly refusal: Refusal; readonly delivery: Delivery | null }
  | { readonly kind: 'order-exists'; readonly deliveryId: string; readonly requestHash: string };

/** A command for one delivery (none for a create), and the id its repeats are recognised by. */
export interface ExecuteRequest {
  readonly deliveryId: string | null;
  readonly command: Command;
  readonly idempotencyKey?: string;
}

/** How many times a command is decided again after losing a race for the delivery's version. */
export const MAX_VERSION_RETRIES = 20;

/** Full-jitter backoff before deciding again: up to 5 ms × 2^attempt, at most 200 ms. */
const backoff = (attempt: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(200, 5 * 2 ** attempt)));

/**
 * The one write path: load → decide → commit, deciding again on a fresh read when another writer
 * won the version. A repeat of `idempotencyKey` is answered from its marker without deciding again.
 */
export const executeCommand = async (repository: DeliveryRepository, deps: DecideDeps, request: ExecuteRequest): Promise<Execution> => {
  const { idempotencyKey } = request;
  if (idempotencyKey !== undefined) {
    const marker = await repository.getIdempotencyMarker(idempotencyKey);
    if (marker) return { kind: 'duplicate', marker };
  }
  for (let attempt = 0; ; attempt += 1) {
    const before = request.deliveryId === null ? null : await repository.get(request.deliveryId);
    const result = decide(before, request.command, deps);
    if (!result.ok) return { kind: 'refused', refusal: result.refusal, delivery: before };
    try {
      const delivery = await repository.commit({ before, decision: result.decision, ...(idempotencyKey === undefined ? {} : { idempotencyKey }) });
      return { kind: 'committed', delivery, decision: result.decision };
    } catch (error) {
      if (error instanceof DuplicateRequestError) return { kind: 'duplicate', marker: error.marker };
      if (error instanceof OrderExistsError) return { kind: 'order-exists', deliveryId: error.deliveryId, requestHash: error.requestHash };
      if (!(error instanceof VersionConflictError) || attempt >= MAX_VERSION_RETRIES) throw error;
    }
    await backoff(attempt);
  }
};
