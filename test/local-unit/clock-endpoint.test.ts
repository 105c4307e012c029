import { describe, expect, it } from 'vitest';
import { answerClock } from '../../local/clock-endpoint.ts';
import { localClockEnvSchema } from '../../local/local-clock-env.ts';
import { wallClock } from '../../local/local-clock.ts';
import { ManualClock } from '../../local/manual-clock.ts';

const START = '2030-01-07T09:00:00.000Z';

describe('the clock endpoint, /_local/clock', () => {
  it('tells a manual clock’s time and pending timers, and moves it by seconds or to an instant', () => {
    const clock = new ManualClock(new Date(START));
    clock.setTimer(90_000, () => undefined);
    expect(answerClock('GET', undefined, clock)).toEqual({ status: 200, body: { mode: 'manual', now: START, pendingTimers: ['2030-01-07T09:01:30.000Z'] } });
    expect(answerClock('POST', { advanceSeconds: 120 }, clock)).toEqual({ status: 200, body: { mode: 'manual', now: '2030-01-07T09:02:00.000Z', pendingTimers: [], fired: 1 } });
    expect(answerClock('POST', { to: '2030-01-08T09:00:00+01:00' }, clock)).toMatchObject({ status: 200, body: { now: '2030-01-08T08:00:00.000Z', fired: 0 } });
  });

  it('refuses to move the wall clock, with 409 and the switch that would allow it', () => {
    expect(answerClock('GET', undefined, wallClock)).toMatchObject({ status: 200, body: { mode: 'wall' } });
    expect(answerClock('POST', { advanceSeconds: 1 }, wallClock)).toMatchObject({ status: 409, body: { error: { code: 'CONFLICT', message: expect.stringContaining('LOCAL_CLOCK=manual') as string } } });
  });

  it.each([
    ['a negative advance', { advanceSeconds: -1 }, 'advanceSeconds'],
    ['a number as text', { advanceSeconds: '60' }, 'advanceSeconds'],
    ['a time without offset', { to: '2030-01-08T09:00:00' }, 'to'],
    ['a time in the past', { to: '2030-01-07T08:59:59Z' }, 'to'],
    ['an unknown field', { skip: 60 }, 'skip'],
    ['no body', undefined, 'body'],
  ])('answers %s with 400 naming the field, and leaves the clock where it was', (_name, body, field) => {
    const clock = new ManualClock(new Date(START));
    const answer = answerClock('POST', body, clock);
    expect(answer).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED', details: [{ field }] } } });
    expect(clock.now().toISOString()).toBe(START);
  });

  it('answers other methods with 405', () => {
    expect(answerClock('DELETE', undefined, new ManualClock(new Date(START))).status).toBe(405);
  });
});

describe('LOCAL_CLOCK', () => {
  it('is the wall clock unless asked for a manual one, which starts at LOCAL_CLOCK_START', () => {
    expect(localClockEnvSchema.parse({})).toBe(wallClock);
    const manual = localClockEnvSchema.parse({ LOCAL_CLOCK: 'manual', LOCAL_CLOCK_START: START });
    expect(manual).toBeInstanceOf(ManualClock);
    expect(manual.now().toISOString()).toBe(START);
  });

  it('refuses a start for the wall clock and an unknown mode', () => {
    expect(localClockEnvSchema.safeParse({ LOCAL_CLOCK_START: START }).error?.issues[0]?.path).toEqual(['LOCAL_CLOCK_START']);
    expect(localClockEnvSchema.safeParse({ LOCAL_CLOCK: 'fast' }).error?.issues[0]?.path).toEqual(['LOCAL_CLOCK']);
  });
});
