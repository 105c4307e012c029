import { setTimeout as sleep } from 'node:timers/promises';

/** How a call is tried again. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  /** The ceiling of the first pause; it doubles each time, up to `maxDelayMs`. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/** Three attempts, pauses of up to 200 ms then 400 ms. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 200, maxDelayMs: 2_000 };

/** What {@link withRetries} needs besides the policy; the defaults are the real clock and randomness. */
export interface RetryDeps {
  readonly sleep?: (ms: number) => Promise<unknown>;
  /** A number in [0, 1). */
  readonly random?: () => number;
}

/**
 * Runs `attempt` until it succeeds, its error is not `retryable`, or the policy's attempts are spent,
 * pausing between attempts for a random time up to an exponentially growing ceiling ("full jitter"), so
 * that many callers failing together do not retry together. The last error is thrown.
 */
export const withRetries = async <T>(
  attempt: (attemptNumber: number) => Promise<T>,
  retryable: (error: unknown) => boolean,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  deps: RetryDeps = {},
): Promise<T> => {
  const pause = deps.sleep ?? sleep;
  const random = deps.random ?? Math.random;
  for (let attemptNumber = 1; ; attemptNumber += 1) {
    try {
      return await attempt(attemptNumber);
    } catch (error) {
      if (attemptNumber >= policy.maxAttempts || !retryable(error)) throw error;
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attemptNumber - 1));
      await pause(Math.floor(random() * ceiling));
    }
  }
};
