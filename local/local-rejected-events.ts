import type { RejectedEvents } from '#adapters/rejected-events.ts';
import { keptJson, type KeptJsonLimits } from './kept-json.ts';

/** An inbound event the service refused for good, with the reason, as the rejected-events queue holds it in AWS. */
export interface RejectedEntry {
  readonly reason: string;
  /** The event as it came, or, when it cannot be served as JSON, `{ notKept: <why> }`. */
  readonly event: unknown;
  /** When it was refused (ISO 8601). */
  readonly rejectedAt: string;
}

/** How many refused events are kept: the newest. */
const MAX_KEPT_ENTRIES = 1000;

/**
 * What is kept of an event: as deep as EventBridge processes JSON (1,100 levels), as large as one of
 * its entries may be (256 KiB).
 */
const EVENT_LIMITS: KeptJsonLimits = { maxDepth: 1100, maxBytes: 256 * 1024 };

/**
 * The local stand-in for the rejected-events queue: keeps the newest {@link MAX_KEPT_ENTRIES} refused
 * events for `GET /_local/rejected-events`, each in a form that can always be served, and says so on
 * the console as it happens.
 */
export class LocalRejectedEvents implements RejectedEvents {
  readonly #entries: RejectedEntry[] = [];

  /** @param clock what a refusal is stamped with. */
  constructor(private readonly clock: () => Date = () => new Date()) {}

  /** The events refused so far, the newest {@link MAX_KEPT_ENTRIES}, oldest first. */
  get entries(): readonly RejectedEntry[] {
    return this.#entries;
  }

  reject(event: unknown, reason: string): Promise<void> {
    this.#entries.push({ reason, event: keptJson(event, EVENT_LIMITS), rejectedAt: this.clock().toISOString() });
    this.#entries.splice(0, this.#entries.length - MAX_KEPT_ENTRIES);
    console.warn(`order event rejected (GET /_local/rejected-events lists it; in AWS it goes to the rejected-events queue): ${reason}`);
    return Promise.resolve();
  }
}
