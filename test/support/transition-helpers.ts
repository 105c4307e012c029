/**
 * Small helpers shared by the transitions-*.test.ts specifications: `it.each` rows from the status
 * paths, and the few extra paths the table rows need beyond test/support/paths.ts.
 */
import type { Command, DeliveryStatus } from '#domain/index.ts';
import { booking, bookingFailure, cancel, cancellationReply, create, dispatch, operator, partner } from '#test/support/commands.ts';
import { activePaths, path } from '#test/support/paths.ts';

/** A command sequence that reaches some status. */
export type Path = () => Command[];

/** `[status, path]` rows for `it.each`, for the statuses named (all of them when none is named). */
export const rows = <K extends string>(paths: Readonly<Record<K, Path>>, ...only: K[]): [K, Path][] =>
  (Object.entries(paths) as [K, Path][]).filter(([status]) => only.length === 0 || only.includes(status));

/** `[status, path]` rows for every status of `paths` except the ones named. */
export const rowsExcept = <K extends string>(paths: Readonly<Record<K, Path>>, ...except: K[]): [K, Path][] =>
  rows(paths).filter(([status]) => !except.includes(status));

/** Every active status, ON_HOLD both with and without custody, as `[name, path, status]` rows. */
export const everyActive: [string, Path, DeliveryStatus][] = [
  ...rows(activePaths).map(([status, build]): [string, Path, DeliveryStatus] => [status, build, status]),
  ['ON_HOLD without custody', path.onHoldWithoutCustody, 'ON_HOLD'],
];

/** A `promisedBy` that has passed by the time any specification runs. */
export const PAST_PROMISE = '2026-11-20T18:00:00Z';

/** The same commands, with the delivery created with a `promisedBy` that has already passed. */
export const promisedInThePast = (commands: readonly Command[]): Command[] =>
  commands.map((command) =>
    command.type === 'CREATE' ? { ...command, request: { ...command.request, promisedBy: PAST_PROMISE } } : command,
  );

/** An `occurredAt` older than every partner event the command builders produce. */
export const LONG_AGO = '2026-01-01T00:00:00.000Z';

/** Extra paths, through the real transition table. */
export const more = {
  /** DISPATCHING to `manual` only: no partner is left after it fails. */
  dispatchingSingleCandidate: (): Command[] => [create(), dispatch('manual')],
  /** ON_HOLD(NO_PARTNER_CAPACITY): both candidates failed to book. */
  onHoldNoCapacity: (): Command[] => [...path.dispatching(), bookingFailure('manual'), bookingFailure('sandbox')],
  /** CANCELLED after the partner confirmed the cancellation of job `job-1`. */
  cancelledWithJob: (): Command[] => [...path.cancelling(), cancellationReply('CONFIRMED')],
  /** LOST declared by an operator while the partner had the parcel. */
  declaredLost: (): Command[] => [...path.onHoldWithCustody(), operator('DECLARE_LOST')],
  /** DISPATCHING to `sandbox` after an operator reassigned job `job-1` of `manual`. */
  reassigned: (): Command[] => [...path.awaitingPickup(), operator('REASSIGN')],
  /** AWAITING_PICKUP with `sandbox` job `job-2`, after an operator reassigned job `job-1` of `manual`. */
  reassignedAndBooked: (): Command[] => [...more.reassigned(), booking('sandbox', 'job-2')],
  /** DISPATCHING to `sandbox` after `manual` dropped job `job-1` unasked. */
  dropped: (): Command[] => [...path.awaitingPickup(), partner('CANCELLED')],
  /** CANCELLING entered from ON_HOLD without custody. */
  cancellingFromHold: (): Command[] => [...path.onHoldWithoutCustody(), cancel()],
} as const;
