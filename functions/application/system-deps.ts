import { randomUUID } from 'node:crypto';
import type { DecideDeps } from '#domain/decision.ts';

/** The real clock and random ids, for everything outside tests. */
export const systemDeps: DecideDeps = {
  now: () => new Date().toISOString(),
  newId: (prefix) => `${prefix}-${randomUUID()}`,
};
