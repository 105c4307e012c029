import { errorBody } from '#http/responses.ts';
import { MAX_LOGGED_ENTRIES, type LocalEventBus } from './local-event-bus.ts';

/** The page size of `GET /_local/events` when the caller names none. */
const DEFAULT_PAGE_SIZE = 1000;

/** What `GET /_local/events` answers: the status and the JSON body. */
export interface BusLogReply {
  readonly status: number;
  readonly body: unknown;
}

const refusal = (message: string): BusLogReply => ({ status: 400, body: errorBody('VALIDATION_FAILED', message) });

/**
 * `GET /_local/events?limit=&nextToken=` (contract §7): `{"entries": [...]}`, the bus log oldest first,
 * {@link DEFAULT_PAGE_SIZE} entries unless `limit` (1 to {@link MAX_LOGGED_ENTRIES}) says otherwise,
 * with `nextToken` when more remain. A token whose entries were dropped since goes on from the oldest
 * kept.
 */
export const busLogPage = (bus: LocalEventBus, query: URLSearchParams): BusLogReply => {
  const limitText = query.get('limit') ?? String(DEFAULT_PAGE_SIZE);
  const limit = /^\d+$/.test(limitText) ? Number(limitText) : NaN;
  if (!(limit >= 1 && limit <= MAX_LOGGED_ENTRIES)) return refusal(`limit must be a whole number from 1 to ${String(MAX_LOGGED_ENTRIES)}`);
  const token = query.get('nextToken');
  const from = token === null ? 0 : /^\d+$/.test(token) ? Number(token) : NaN;
  if (!(from <= bus.putCount)) return refusal('nextToken is not one this endpoint gave');
  const page = bus.page(from, limit);
  return { status: 200, body: { entries: page.entries, ...(page.next === undefined ? {} : { nextToken: String(page.next) }) } };
};
