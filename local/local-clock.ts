/** A timer set on a {@link LocalClock}. */
export interface ClockTimer {
  /** Stops the timer; nothing happens if it has fired already. */
  cancel(): void;
}

/**
 * The time of the local stack: what every time-driven part reads and waits on (the workflow's callback
 * timeouts and heartbeats, the timers of the tasks, the sandbox partner's steps, the reconciliation's
 * schedule, idempotency-marker expiry). The wall clock runs it for `npm start`; a manual clock lets a test
 * or a person skip time.
 */
export interface LocalClock {
  /** The current instant. */
  readonly now: () => Date;
  /** Calls `fire` once `ms` of this clock's time have passed. */
  readonly setTimer: (ms: number, fire: () => void) => ClockTimer;
}

/** The longest a Node timer waits: a longer wait is taken in several. */
const MAX_NODE_DELAY_MS = 2 ** 31 - 1;

/**
 * The wall clock. Its timers never keep the process alive on their own (the stack's servers do), and
 * waits beyond Node's 24.8-day limit are kept rather than fired at once.
 */
export const wallClock: LocalClock = {
  now: () => new Date(),
  setTimer: (ms, fire) => {
    const dueAt = Date.now() + ms;
    let timer: NodeJS.Timeout;
    const arm = (): void => {
      const left = dueAt - Date.now();
      timer = setTimeout(left > MAX_NODE_DELAY_MS ? arm : fire, Math.min(Math.max(left, 0), MAX_NODE_DELAY_MS));
      timer.unref();
    };
    arm();
    return {
      cancel: () => {
        clearTimeout(timer);
      },
    };
  },
};
