import { PutEventsCommand, type EventBridgeClient, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { logger } from '#shared/logger.ts';

/** Options of {@link EventPublisher}. */
export interface EventPublisherOptions {
  readonly client: EventBridgeClient;
  /**
   * How many times entries EventBridge refused (`FailedEntryCount`) are sent again.
   * @default 3
   */
  readonly retries?: number;
  /** @default full-jitter backoff up to 50 ms × 2^attempt */
  readonly pause?: (attempt: number) => Promise<void>;
}

const jitter = (attempt: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.random() * 50 * 2 ** attempt));

/** Sends one PutEvents call's entries, sending again only the entries EventBridge refused. */
export class EventPublisher {
  readonly #client: EventBridgeClient;
  readonly #retries: number;
  readonly #pause: (attempt: number) => Promise<void>;

  constructor(options: EventPublisherOptions) {
    this.#client = options.client;
    this.#retries = options.retries ?? 3;
    this.#pause = options.pause ?? jitter;
  }

  /**
   * Publishes `entries` (at most one PutEvents call's worth) and returns the indexes of those still
   * refused after the retries. A failed call (network, throttling past the SDK's retries) throws.
   */
  async publish(entries: readonly PutEventsRequestEntry[]): Promise<number[]> {
    let pending = entries.map((entry, index) => ({ entry, index }));
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      const result = await this.#client.send(new PutEventsCommand({ Entries: pending.map(({ entry }) => entry) }));
      if (!result.FailedEntryCount) return [];
      // An entry went through only if it got an EventId; anything else is sent again.
      const refused = pending.filter((_, i) => result.Entries?.[i]?.EventId === undefined);
      logger.warn('EventBridge refused entries', {
        refused: refused.length,
        attempt,
        errors: [...new Set(result.Entries?.map((entry) => entry.ErrorCode).filter((code) => code !== undefined))],
      });
      if (attempt >= this.#retries) return refused.map(({ index }) => index);
      pending = refused;
      await this.#pause(attempt);
    }
    return [];
  }
}
