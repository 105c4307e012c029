import { randomUUID } from 'node:crypto';
import type { DecideDeps } from '#domain/decision.ts';

/** Random ids and the time of `clock`: what the domain is given outside tests of the domain itself. */
export const depsOn = (clock: () => Date): DecideDeps => ({
  now: () => clock().toISOString(),
  newId: (prefix) => `${prefix}-${randomUUID()}`,
});

/** The real clock and random ids, for everything outside tests. */
export const systemDeps: DecideDeps = depsOn(() => new Date());
