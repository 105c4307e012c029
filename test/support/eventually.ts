import { setTimeout as sleep } from 'node:timers/promises';

/** Polls `probe` until it gives a value other than undefined, and returns it; fails naming `what` after `timeoutMs`. */
export const eventually = async <T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 20_000): Promise<T> => {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
};
