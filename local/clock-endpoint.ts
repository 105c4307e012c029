import * as z from 'zod';
import type { LocalClock } from './local-clock.ts';
import { ManualClock } from './manual-clock.ts';

/** An answer of the clock endpoint: its status and JSON body. */
export interface ClockAnswer {
  readonly status: number;
  readonly body: unknown;
}

const moveSchema = z.union([
  z.strictObject({ advanceSeconds: z.number().min(0) }),
  z.strictObject({ to: z.iso.datetime({ offset: true }) }),
]);

const error = (status: number, code: string, message: string, details: { field: string; issue: string }[] = []): ClockAnswer => ({
  status,
  body: { error: { code, message, details } },
});

const reading = (clock: LocalClock): Record<string, unknown> =>
  clock instanceof ManualClock
    ? { mode: 'manual', now: clock.now().toISOString(), pendingTimers: clock.pendingTimers().map((at) => at.toISOString()) }
    : { mode: 'wall', now: clock.now().toISOString() };

/**
 * `GET /_local/clock` tells the stack's time (and, on a manual clock, when its pending timers are due);
 * `POST /_local/clock` with `{"advanceSeconds": n}` or `{"to": "<ISO 8601>"}` moves a manual clock forward,
 * firing every timer due on the way, and answers the new time with how many timers fired. On the wall
 * clock, moving is refused with 409.
 */
export const answerClock = (method: string | undefined, body: unknown, clock: LocalClock): ClockAnswer => {
  if (method === 'GET') return { status: 200, body: reading(clock) };
  if (method !== 'POST') return error(405, 'METHOD_NOT_ALLOWED', 'the clock takes GET and POST');
  if (!(clock instanceof ManualClock)) return error(409, 'CONFLICT', 'the stack runs on the wall clock: start it with LOCAL_CLOCK=manual to move time');
  const parsed = moveSchema.safeParse(body);
  if (!parsed.success) {
    return error(400, 'VALIDATION_FAILED', 'give {"advanceSeconds": n ≥ 0} or {"to": "<ISO 8601 with offset>"}', [
      { field: typeof body === 'object' && body !== null ? Object.keys(body).join(',') || 'body' : 'body', issue: 'expected advanceSeconds (a number ≥ 0) or to (an ISO 8601 time with offset)' },
    ]);
  }
  const move = parsed.data;
  if ('to' in move && Date.parse(move.to) < clock.now().getTime()) {
    return error(400, 'VALIDATION_FAILED', `the clock moves forward only: it is ${clock.now().toISOString()}`, [{ field: 'to', issue: 'before the current time' }]);
  }
  const fired = 'to' in move ? clock.advanceTo(new Date(move.to)) : clock.advance(move.advanceSeconds * 1000);
  return { status: 200, body: { ...reading(clock), fired } };
};
