/**
 * Instants the fixtures use. A fixture that must lie in the future (a promise, a deadline) takes one of
 * the far-future constants here, or a time relative to the clock its test runs on: never a date that the
 * calendar can overtake. `fixture-dates.test.ts` fails a year before any of them would pass.
 */

/** A `promisedBy` that no run of the suite reaches: the create fixtures' default promise. */
export const FAR_FUTURE_PROMISE = '2099-12-01T18:00:00Z';

/** Every fixture instant that must still be ahead of the clock when the suite runs. */
export const FUTURE_FIXTURE_INSTANTS: Readonly<Record<string, string>> = { FAR_FUTURE_PROMISE };
