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
const timeOf = (value: unknown): string => (typeof value === 'number' ? new Date(value * 1000) : new Date()).toISOString();

const isJsonObject = (detail: string): boolean => {
  try {
    const parsed: unknown = JSON.parse(detail);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
  } catch {
    return false;
  }
};

/**
 * The EventBridge buses of the local stack: `PutEvents` as the real API takes it (each entry checked on
 * its own, refused ones counted in `FailedEntryCount`), every accepted entry kept for `GET /_local/events`.
 */
export class LocalEventBus {
  readonly #entries: RecordedEntry[] = [];
  readonly #listeners: ((entry: RecordedEntry) => void)[] = [];

  /** Calls `listener` with every entry accepted from now on (as rules see them). */
  subscribe(listener: (entry: RecordedEntry) => void): void {
    this.#listeners.push(listener);
  }

  /** Every entry put on any bus so far, oldest first. */
  get entries(): readonly RecordedEntry[] {
    return this.#entries;
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
        Time: timeOf(fields['Time']),
      };
      this.#entries.push(recorded);
      for (const listener of this.#listeners) listener(recorded);
      return { EventId: recorded.EventId };
    });
    return { FailedEntryCount: results.filter((result) => 'ErrorCode' in result).length, Entries: results };
  }
}
