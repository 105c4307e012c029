import type { DecideDeps } from '#domain/index.ts';

/** A clock that advances one second per reading from `start`, and ids counted per prefix. */
export const deterministicDeps = (start = '2026-11-25T09:00:00.000Z'): DecideDeps & { advance(seconds: number): void } => {
  let millis = Date.parse(start);
  const counters = new Map<string, number>();
  return {
    now: () => {
      millis += 1000;
      return new Date(millis).toISOString();
    },
    newId: (prefix) => {
      const next = (counters.get(prefix) ?? 0) + 1;
      counters.set(prefix, next);
      return `${prefix}-${String(next).padStart(4, '0')}`;
    },
    advance: (seconds) => {
      millis += seconds * 1000;
    },
  };
};
