import { requestHash } from '#adapters/delivery-store/request-hash.ts';

/**
 * What a command sent with `Idempotency-Key: key` is recognised by: the key, within its route's `scope`,
 * and a hash of the request body, so that the same key with another body is refused as reused.
 */
export const idempotencyOf = (scope: string, key: string | undefined, body: unknown): { idempotencyKey?: string; requestHash?: string } =>
  key === undefined ? {} : { idempotencyKey: `${scope}#${key}`, requestHash: requestHash(body) };
