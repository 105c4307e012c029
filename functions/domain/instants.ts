/** Milliseconds since the epoch of an ISO-8601 instant (offsets honoured). */
export const toMillis = (iso: string): number => Date.parse(iso);

/** True when instant `a` is strictly before instant `b`. */
export const isBefore = (a: string, b: string): boolean => toMillis(a) < toMillis(b);
