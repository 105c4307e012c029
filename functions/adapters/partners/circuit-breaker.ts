import { logger } from '#shared/logger.ts';
import { CircuitOpenError } from './partner-errors.ts';

/** When a partner's circuit opens, and for how long. */
export interface CircuitSettings {
  /** Failed calls in a row that open the circuit. */
  readonly failureThreshold: number;
  /** How long an open circuit refuses calls before it lets one trial call through. */
  readonly openSeconds: number;
}

/** Five failures in a row open the circuit for 30 seconds. */
export const DEFAULT_CIRCUIT_SETTINGS: CircuitSettings = { failureThreshold: 5, openSeconds: 30 };

/** A partner's circuit as stored. Times are epoch milliseconds. */
export interface CircuitState {
  /** Failed calls since the last success. */
  readonly failures: number;
  /** Until when the circuit refuses calls; null while it is closed. */
  readonly openUntil: number | null;
}

/** Where circuits are kept, so that every instance of every function sees the same one. */
export interface CircuitStore {
  read(partnerId: string): Promise<CircuitState>;
  /** Takes the single trial call of a circuit whose open time has passed; false if another caller has it. */
  claimTrial(partnerId: string, now: number, trialUntil: number): Promise<boolean>;
  /** Closes the circuit. */
  recordSuccess(partnerId: string): Promise<void>;
  /** Counts a failure; opens the circuit until `openUntil` when `threshold` failures in a row are reached. */
  recordFailure(partnerId: string, threshold: number, openUntil: number): Promise<CircuitState>;
}

/**
 * A circuit breaker per partner over a shared {@link CircuitStore}: after `failureThreshold` failed calls
 * in a row the partner's circuit opens and calls fail at once with {@link CircuitOpenError} (the caller
 * moves on to the next partner) until `openSeconds` have passed; then one caller at a time makes a
 * trial call, which closes the circuit on success and opens it again on failure.
 */
export class CircuitBreaker {
  constructor(
    private readonly store: CircuitStore,
    private readonly settings: CircuitSettings = DEFAULT_CIRCUIT_SETTINGS,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Runs `call` through `partnerId`'s circuit; errors that `isFailure` picks count against it. */
  async run<T>(partnerId: string, call: () => Promise<T>, isFailure: (error: unknown) => boolean): Promise<T> {
    const state = await this.store.read(partnerId);
    const now = this.clock().getTime();
    const openFor = this.settings.openSeconds * 1000;
    if (state.openUntil !== null) {
      if (now < state.openUntil) throw new CircuitOpenError(partnerId, new Date(state.openUntil));
      if (!(await this.store.claimTrial(partnerId, now, now + openFor))) throw new CircuitOpenError(partnerId, new Date(now + openFor));
      logger.info('partner circuit half open: trial call', { partnerId });
    }
    let result: T;
    try {
      result = await call();
    } catch (error) {
      if (isFailure(error)) {
        // Open from when the call failed, not when it started: a slow failure still keeps the circuit open for the full time.
        const after = await this.store.recordFailure(partnerId, this.settings.failureThreshold, this.clock().getTime() + openFor);
        if (after.openUntil !== null && after.failures >= this.settings.failureThreshold) {
          logger.warn('partner circuit open', { partnerId, failures: after.failures, openUntil: new Date(after.openUntil).toISOString() });
        }
      }
      throw error;
    }
    if (state.failures > 0 || state.openUntil !== null) {
      await this.store.recordSuccess(partnerId);
      if (state.openUntil !== null) logger.info('partner circuit closed', { partnerId });
    }
    return result;
  }
}
