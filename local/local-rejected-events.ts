import type { RejectedEvents } from '#adapters/rejected-events.ts';

/** An inbound event the service refused for good, with the reason, as the rejected-events queue holds it in AWS. */
export interface RejectedEntry {
  readonly reason: string;
  readonly event: unknown;
  /** When it was refused (ISO 8601). */
  readonly rejectedAt: string;
}

/**
 * The local stand-in for the rejected-events queue: keeps every refused event for `GET
 * /_local/rejected-events`, and says so on the console as it happens.
 */
export class LocalRejectedEvents implements RejectedEvents {
  readonly #entries: RejectedEntry[] = [];

  /** @param clock what a refusal is stamped with. */
  constructor(private readonly clock: () => Date = () => new Date()) {}

  /** Every event refused so far, oldest first. */
  get entries(): readonly RejectedEntry[] {
    return this.#entries;
  }

  reject(event: unknown, reason: string): Promise<void> {
    this.#entries.push({ reason, event, rejectedAt: this.clock().toISOString() });
    console.warn(`order event rejected (GET /_local/rejected-events lists it; in AWS it goes to the rejected-events queue): ${reason}`);
    return Promise.resolve();
  }
}
