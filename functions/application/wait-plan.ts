import type { Delivery } from '#domain/delivery.ts';
import type { DeliveryStatus } from '#domain/statuses.ts';

/** What the workflow waits for in each status. */
export const WaitPhase = {
  /** PENDING, DISPATCHING: the workflow books, then waits in the phase the booking leads to. */
  BOOKING: 'BOOKING',
  /** AWAITING_PICKUP: until pickup, at most the pickup deadline. */
  AWAITING_PICKUP: 'AWAITING_PICKUP',
  /** The partner has the parcel: until an outcome, with partner activity as the heartbeat. */
  IN_CUSTODY: 'IN_CUSTODY',
  /** ON_HOLD: until an operator decides. */
  ON_HOLD: 'ON_HOLD',
  /** CANCELLING: until the partner confirms, at most the cancel confirmation time. */
  CANCELLING: 'CANCELLING',
  /** Terminal: nothing more. */
  ENDED: 'ENDED',
} as const;

/** A wait phase. */
export type WaitPhase = (typeof WaitPhase)[keyof typeof WaitPhase];

const PHASES: Readonly<Record<DeliveryStatus, WaitPhase>> = {
  PENDING: WaitPhase.BOOKING,
  DISPATCHING: WaitPhase.BOOKING,
  AWAITING_PICKUP: WaitPhase.AWAITING_PICKUP,
  IN_TRANSIT: WaitPhase.IN_CUSTODY,
  OUT_FOR_DELIVERY: WaitPhase.IN_CUSTODY,
  ATTEMPT_FAILED: WaitPhase.IN_CUSTODY,
  AVAILABLE_FOR_PICKUP: WaitPhase.IN_CUSTODY,
  RETURNING: WaitPhase.IN_CUSTODY,
  ON_HOLD: WaitPhase.ON_HOLD,
  CANCELLING: WaitPhase.CANCELLING,
  DELIVERED: WaitPhase.ENDED,
  CANCELLED: WaitPhase.ENDED,
  RETURNED: WaitPhase.ENDED,
  LOST: WaitPhase.ENDED,
  FAILED: WaitPhase.ENDED,
};

/** The phase of a status: the workflow is resumed when a delivery leaves its phase. */
export const phaseOf = (status: DeliveryStatus): WaitPhase => PHASES[status];

/** The lifecycle timers, in seconds (contract §7 names their environment variables). */
export interface Timers {
  readonly pickupDeadlineSeconds: number;
  readonly stallThresholdSeconds: number;
  readonly cancelConfirmSeconds: number;
  /** How long a wait with no timer due lasts before the workflow looks again. */
  readonly idleRecheckSeconds: number;
}

/** The contract's defaults: 2 days to pickup, 5 days without partner activity, 1 hour to confirm a cancel. */
export const DEFAULT_TIMERS: Timers = {
  pickupDeadlineSeconds: 172_800,
  stallThresholdSeconds: 432_000,
  cancelConfirmSeconds: 3_600,
  idleRecheckSeconds: 7 * 86_400,
};

/**
 * How the workflow waits next: `timeoutSeconds` until the nearest timer due (pickup deadline, counted
 * from the end of the booking's budget while booking, cancel confirmation, `promisedBy` not yet
 * breached), never less than the booking's budget while booking; and in custody `heartbeatSeconds` =
 * what is left of the stall threshold since the partner's last activity, when that comes before the
 * timeout (Step Functions wants the heartbeat shorter than the timeout).
 */
export interface WaitPlan {
  readonly phase: WaitPhase;
  readonly timeoutSeconds: number;
  readonly heartbeatSeconds?: number;
}

/** The longest a booking takes: the workflow function's timeout (30 s) with room to spare, as the old Book state allowed. */
export const BOOKING_BUDGET_SECONDS = 60;

/**
 * The least the booking's wait lasts, so that it never times out while the booking still runs (a second
 * booking would start beside it): {@link BOOKING_BUDGET_SECONDS}, or the pickup deadline when that is
 * shorter (local runs).
 */
export const bookingBudgetSeconds = (timers: Timers): number => Math.min(BOOKING_BUDGET_SECONDS, timers.pickupDeadlineSeconds);

const secondsUntil = (deadline: number, now: Date): number => Math.max(1, Math.ceil((deadline - now.getTime()) / 1000));

/**
 * When a delivery in custody counts as stalled: the stall threshold after the later of the partner's
 * last activity and its last status change (an operator's RESUME or REATTEMPT starts the count anew).
 */
export const stallDeadline = (delivery: Delivery, timers: Timers): number =>
  Math.max(Date.parse(delivery.lastPartnerActivityAt ?? delivery.statusSince), Date.parse(delivery.statusSince)) + timers.stallThresholdSeconds * 1000;

/** The wait plan of a delivery at `now`. */
export const waitPlan = (delivery: Delivery, timers: Timers, now: Date): WaitPlan => {
  const phase = phaseOf(delivery.status);
  const since = Date.parse(delivery.statusSince);
  const deadlines = [now.getTime() + timers.idleRecheckSeconds * 1000];
  if (phase === WaitPhase.AWAITING_PICKUP) deadlines.push(since + timers.pickupDeadlineSeconds * 1000);
  const booking = phase === WaitPhase.BOOKING ? bookingBudgetSeconds(timers) : 0;
  // Booking and its wait are one task, its timeout set before the booking: the pickup deadline counts
  // from the end of the booking's budget, so that it is due when the timeout fires.
  if (phase === WaitPhase.BOOKING) deadlines.push(now.getTime() + (timers.pickupDeadlineSeconds + booking) * 1000);
  if (phase === WaitPhase.CANCELLING) deadlines.push(since + timers.cancelConfirmSeconds * 1000);
  if (delivery.promisedBy !== null && !delivery.slaBreached) deadlines.push(Date.parse(delivery.promisedBy));
  const timeoutSeconds = Math.max(booking, secondsUntil(Math.min(...deadlines), now));
  const heartbeatSeconds = secondsUntil(stallDeadline(delivery, timers), now);
  const heartbeat = phase === WaitPhase.IN_CUSTODY && heartbeatSeconds < timeoutSeconds;
  return heartbeat ? { phase, timeoutSeconds, heartbeatSeconds } : { phase, timeoutSeconds };
};

/** What every workflow task returns: the state's next input. */
export interface WorkflowStep {
  readonly deliveryId: string;
  readonly status: DeliveryStatus;
  readonly wait: WaitPlan;
}

/** The workflow's next input for a delivery as it is at `now`. */
export const stepOf = (delivery: Delivery, timers: Timers, now: Date): WorkflowStep => ({
  deliveryId: delivery.deliveryId,
  status: delivery.status,
  wait: waitPlan(delivery, timers, now),
});
