import { describe, expect, it } from 'vitest';
import { createRequest } from './commands.ts';
import { FUTURE_FIXTURE_INSTANTS } from './fixture-dates.ts';

/** A year: the warning this test gives before a fixture date is overtaken by the calendar. */
const MARGIN_MS = 365 * 86_400_000;

// The one test that reads the wall clock on purpose: it guards the suite against the calendar.
describe('fixture dates', () => {
  it.each(Object.entries(FUTURE_FIXTURE_INSTANTS))('%s is more than a year after the clock this suite runs on', (_name, instant) => {
    expect(Date.parse(instant)).toBeGreaterThan(Date.now() + MARGIN_MS);
  });

  it('the default create request promises a time more than a year ahead', () => {
    const { promisedBy } = createRequest();
    expect(promisedBy).toBeDefined();
    expect(Date.parse(promisedBy ?? '')).toBeGreaterThan(Date.now() + MARGIN_MS);
  });
});
