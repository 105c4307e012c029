import type { ClockTimer, LocalClock } from './local-clock.ts';

interface PendingTimer {
  readonly dueAt: number;
  readonly order: number;
  readonly fire: () => void;
}

/**
 * A clock whose time moves only when it is told to ("time skipping"): {@link advance} fires every timer
 * that falls due on the way, in the order they are due, each at its own instant, so a two-day deadline is
 * tested as two days, at once and exactly. What a fired timer starts asynchronously (a task run, a write)
 * happens after `advance` returns: wait for it, then advance again.
 */
export class ManualClock implements LocalClock {
  #millis: number;
  #order = 0;
  #timers: PendingTimer[] = [];

  /** @param start the instant the clock shows until it is first advanced. */
  constructor(start: Date) {
    this.#millis = start.getTime();
  }

  readonly now = (): Date => new Date(this.#millis);

  readonly setTimer = (ms: number, fire: () => void): ClockTimer => {
    const timer: PendingTimer = { dueAt: this.#millis + Math.max(ms, 0), order: (this.#order += 1), fire };
    this.#timers.push(timer);
    return {
      cancel: () => {
        this.#timers = this.#timers.filter((pending) => pending !== timer);
      },
    };
  };

  /**
   * Moves the clock forward by `ms`, firing each timer due by then.
   * @returns how many timers fired.
   */
  advance(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`a clock moves forward only: cannot advance by ${String(ms)} ms`);
    return this.advanceTo(new Date(this.#millis + ms));
  }

  /**
   * Moves the clock forward to `instant`, firing each timer due by then.
   * @returns how many timers fired.
   */
  advanceTo(instant: Date): number {
    const target = instant.getTime();
    if (Number.isNaN(target) || target < this.#millis) throw new RangeError(`a clock moves forward only: ${instant.toISOString()} is before ${this.now().toISOString()}`);
    let fired = 0;
    for (let next = this.#nextDue(target); next !== undefined; next = this.#nextDue(target)) {
      this.#timers = this.#timers.filter((pending) => pending !== next);
      this.#millis = Math.max(this.#millis, next.dueAt);
      next.fire();
      fired += 1;
    }
    this.#millis = target;
    return fired;
  }

  /** When each pending timer is due, soonest first. */
  pendingTimers(): Date[] {
    return [...this.#timers].sort(byDue).map((timer) => new Date(timer.dueAt));
  }

  #nextDue(target: number): PendingTimer | undefined {
    const [next] = this.#timers.filter((timer) => timer.dueAt <= target).sort(byDue);
    return next;
  }
}

const byDue = (a: PendingTimer, b: PendingTimer): number => a.dueAt - b.dueAt || a.order - b.order;
