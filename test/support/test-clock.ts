import { setTimeout as sleep } from 'node:timers/promises';
import { ManualClock } from '../../local/manual-clock.ts';

/**
 * Where a test's manual clock starts: a fixed instant, so that no test depends on the calendar; the
 * fixtures' far-future promises lie well after it.
 */
export const TEST_CLOCK_START = '2030-01-07T09:00:00.000Z';

/** A manual clock for one test, at {@link TEST_CLOCK_START}: its time moves only when the test advances it. */
export const testClock = (start = TEST_CLOCK_START): ManualClock => new ManualClock(new Date(start));

/**
 * Lets time pass on `clock`, `stepMs` at a time, until `probe` gives a value, and returns it: for what
 * happens a while after something else (a partner's next step, the reconciliation's next run), where
 * the test asserts what happened rather than exactly when. Gives up naming `what` after `maxSteps`.
 */
export const advanceUntil = async <T>(clock: ManualClock, stepMs: number, what: string, probe: () => Promise<T | undefined>, maxSteps = 600): Promise<T> => {
  for (let step = 0; step <= maxSteps; step += 1) {
    const value = await probe();
    if (value !== undefined) return value;
    clock.advance(stepMs);
    // What the fired timers started runs before the next step.
    await sleep(10);
  }
  throw new Error(`${what} did not happen within ${String(maxSteps)} steps of ${String(stepMs)} ms (the clock reads ${clock.now().toISOString()})`);
};
