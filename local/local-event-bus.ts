import { randomUUID } from 'node:crypto';
import { checkAwsLimits } from './aws-limits.ts';

/** One entry as `PutEvents` received it, with the `Time` it was put at and the id it was given. */
export interface RecordedEntry {
  readonly EventId: string;
  readonly EventBusName: string;
  readonly Source: string;
  readonly DetailType: string;
  readonly Detail: string;
  readonly Resources: readonly string[];
  readonly Time: string;
}

/** The result of one entry, as `PutEvents` answers it. */
type EntryResult = { EventId: string } | { ErrorCode: string; ErrorMessage: string };

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** `Time` as the SDK sends it (epoch seconds in JSON 1.1), else now. */
const timeOf = (value: unknown, now: () => Date): string => (typeof value === 'number' ? new Date(value * 1000) : now()).toISOString();

const isJsonObject = (detail: string): boolean => {
  try {
    const parsed: unknown = JSON.parse(detail);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
  } catch {
    return false;
  }
};

/** How many entries the bus log keeps: the newest (contract §7). */
export const MAX_LOGGED_ENTRIES = 10_000;

/** A page of the bus log: its entries, oldest first, and where the next page starts if more remain. */
export interface BusLogPage {
  readonly entries: readonly RecordedEntry[];
  /** The position of the first entry after the page, if there is one. */
  readonly next?: number;
}

/**
 * The EventBridge buses of the local stack: `PutEvents` as the real API takes it (each entry checked on
 * its own, refused ones counted in `FailedEntryCount`), the newest {@link MAX_LOGGED_ENTRIES} accepted
 * entries kept for `GET /_local/events`.
 */
export class LocalEventBus {
  readonly #entries: RecordedEntry[] = [];
  /** How many entries were dropped from the log: the position of its oldest entry among all ever put. */
  #dropped = 0;
  readonly #listeners: ((entry: RecordedEntry) => void)[] = [];

  /** @param clock what an entry put without a `Time` is stamped with. */
  constructor(private readonly clock: () => Date = () => new Date()) {}

  /** Calls `listener` with every entry accepted from now on (as rules see them). */
  subscribe(listener: (entry: RecordedEntry) => void): void {
    this.#listeners.push(listener);
  }

  /** The newest {@link MAX_LOGGED_ENTRIES} entries put on any bus, oldest first. */
  get entries(): readonly RecordedEntry[] {
    return this.#entries;
  }

  /** How many entries were ever put: the position the next one will have. */
  get putCount(): number {
    return this.#dropped + this.#entries.length;
  }

  /**
   * Up to `limit` entries from position `from` (counted among all entries ever put, 0 the first), oldest
   * first; from the oldest kept entry when those before it were dropped.
   */
  page(from: number, limit: number): BusLogPage {
    const start = Math.max(0, from - this.#dropped);
    const entries = this.#entries.slice(start, start + limit);
    const end = start + entries.length;
    return end < this.#entries.length ? { entries, next: this.#dropped + end } : { entries };
  }

  #log(entry: RecordedEntry): void {
    this.#entries.push(entry);
    const excess = this.#entries.length - MAX_LOGGED_ENTRIES;
    if (excess > 0) {
      this.#entries.splice(0, excess);
      this.#dropped += excess;
    }
  }

  /** `PutEvents`: `{ Entries }` in, `{ FailedEntryCount, Entries }` out. */
  putEvents(input: unknown): { FailedEntryCount: number; Entries: EntryResult[] } {
    checkAwsLimits('AWSEvents.PutEvents', input);
    const entries = (input as { Entries: unknown[] }).Entries;
    const results = entries.map((entry: unknown): EntryResult => {
      const fields = (entry ?? {}) as Record<string, unknown>;
      const source = text(fields['Source']);
      const detailType = text(fields['DetailType']);
      const detail = text(fields['Detail']);
      if (source === null || detailType === null || detail === null) {
        return { ErrorCode: 'InvalidArgument', ErrorMessage: 'Source, DetailType and Detail are required' };
      }
      if (!isJsonObject(detail)) return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is not a JSON object' };
      const recorded: RecordedEntry = {
        EventId: randomUUID(),
        EventBusName: text(fields['EventBusName']) ?? 'default',
        Source: source,
        DetailType: detailType,
        Detail: detail,
        Resources: Array.isArray(fields['Resources']) ? fields['Resources'].map(String) : [],
        Time: timeOf(fields['Time'], this.clock),
      };
      this.#log(recorded);
      for (const listener of this.#listeners) listener(recorded);
      return { EventId: recorded.EventId };
    });
    return { FailedEntryCount: results.filter((result) => 'ErrorCode' in result).length, Entries: results };
  }
}
