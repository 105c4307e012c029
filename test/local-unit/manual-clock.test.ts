import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../local/manual-clock.ts';

const START = new Date('2030-01-07T09:00:00.000Z');
const later = (ms: number): Date => new Date(START.getTime() + ms);

describe('the manual clock', () => {
  it('stands still until advanced, then fires each timer due on the way, in due order, at its own instant', () => {
    const clock = new ManualClock(START);
    const fired: string[] = [];
    clock.setTimer(3_000, () => fired.push(`c at ${clock.now().toISOString()}`));
    clock.setTimer(1_000, () => fired.push(`a at ${clock.now().toISOString()}`));
    clock.setTimer(1_000, () => fired.push(`b at ${clock.now().toISOString()}`));
    clock.setTimer(5_000, () => fired.push('never'));
    expect(clock.now()).toEqual(START);
    expect(clock.pendingTimers()).toEqual([later(1_000), later(1_000), later(3_000), later(5_000)]);

    expect(clock.advance(4_000)).toBe(3);
    expect(fired).toEqual([`a at ${later(1_000).toISOString()}`, `b at ${later(1_000).toISOString()}`, `c at ${later(3_000).toISOString()}`]);
    expect(clock.now()).toEqual(later(4_000));
    expect(clock.pendingTimers()).toEqual([later(5_000)]);
  });

  it('fires a timer that a fired timer sets, when it falls due within the same advance', () => {
    const clock = new ManualClock(START);
    const fired: Date[] = [];
    clock.setTimer(1_000, () => clock.setTimer(1_000, () => fired.push(clock.now())));
    clock.advanceTo(later(2_000));
    expect(fired).toEqual([later(2_000)]);
  });

  it('never fires a cancelled timer', () => {
    const clock = new ManualClock(START);
    let fired = false;
    clock
      .setTimer(1_000, () => {
        fired = true;
      })
      .cancel();
    expect(clock.advance(10_000)).toBe(0);
    expect(fired).toBe(false);
  });

  it('moves forward only', () => {
    const clock = new ManualClock(START);
    expect(() => clock.advance(-1)).toThrow(/forward only/);
    expect(() => clock.advanceTo(later(-1))).toThrow(/forward only/);
    expect(() => clock.advance(Number.NaN)).toThrow(/forward only/);
  });
});
