import type { Command } from '#domain/index.ts';
import { booking, cancel, create, dispatch, operator, partner, timer } from './commands.ts';

/**
 * Command sequences that bring a new delivery to each status through the real transition table
 * (partner `manual`, job `job-1`, fallback partner `sandbox`).
 */
export const path = {
  pending: (): Command[] => [create()],
  dispatching: (): Command[] => [...path.pending(), dispatch('manual', 'sandbox')],
  /** DISPATCHING with job `job-1` opened; the partner confirms by webhook. */
  dispatchingWithJob: (): Command[] => [...path.dispatching(), booking('manual', 'job-1', 'REQUESTED')],
  awaitingPickup: (): Command[] => [...path.dispatching(), booking('manual', 'job-1')],
  inTransit: (): Command[] => [...path.awaitingPickup(), partner('PICKED_UP')],
  outForDelivery: (): Command[] => [...path.inTransit(), partner('OUT_FOR_DELIVERY')],
  attemptFailed: (): Command[] => [...path.outForDelivery(), partner('DELIVERY_ATTEMPTED')],
  availableForPickup: (): Command[] => [...path.inTransit(), partner('AVAILABLE_FOR_PICKUP')],
  returning: (): Command[] => [...path.inTransit(), partner('RETURN_TO_SENDER')],
  cancelling: (): Command[] => [...path.awaitingPickup(), cancel()],
  /** ON_HOLD(OPERATOR) entered from IN_TRANSIT: the partner holds the parcel. */
  onHoldWithCustody: (): Command[] => [...path.inTransit(), operator('HOLD')],
  /** ON_HOLD(PICKUP_OVERDUE) entered from AWAITING_PICKUP: the partner never had the parcel. */
  onHoldWithoutCustody: (): Command[] => [...path.awaitingPickup(), timer('PICKUP_DEADLINE')],
  /** ON_HOLD(MAX_ATTEMPTS) after three failed attempts. */
  onHoldMaxAttempts: (): Command[] => [
    ...path.attemptFailed(),
    partner('OUT_FOR_DELIVERY'),
    partner('DELIVERY_ATTEMPTED'),
    partner('OUT_FOR_DELIVERY'),
    partner('DELIVERY_ATTEMPTED'),
  ],
  delivered: (): Command[] => [...path.outForDelivery(), partner('DELIVERED')],
  cancelled: (): Command[] => [...path.pending(), cancel()],
  returned: (): Command[] => [...path.returning(), partner('RETURNED')],
  lost: (): Command[] => [...path.inTransit(), partner('LOST')],
  failed: (): Command[] => [...path.onHoldWithoutCustody(), operator('WRITE_OFF')],
} as const;

/** The paths that end in each active status, for rows that apply to "any active" status. */
export const activePaths = {
  PENDING: path.pending,
  DISPATCHING: path.dispatchingWithJob,
  AWAITING_PICKUP: path.awaitingPickup,
  IN_TRANSIT: path.inTransit,
  OUT_FOR_DELIVERY: path.outForDelivery,
  ATTEMPT_FAILED: path.attemptFailed,
  AVAILABLE_FOR_PICKUP: path.availableForPickup,
  ON_HOLD: path.onHoldWithCustody,
  CANCELLING: path.cancelling,
  RETURNING: path.returning,
} as const;

/** The paths that end in each terminal status. */
export const terminalPaths = {
  DELIVERED: path.delivered,
  CANCELLED: path.cancelled,
  RETURNED: path.returned,
  LOST: path.lost,
  FAILED: path.failed,
} as const;

/** The paths that end in each custody status (ON_HOLD entered from IN_TRANSIT included). */
export const custodyPaths = {
  IN_TRANSIT: path.inTransit,
  OUT_FOR_DELIVERY: path.outForDelivery,
  ATTEMPT_FAILED: path.attemptFailed,
  AVAILABLE_FOR_PICKUP: path.availableForPickup,
  RETURNING: path.returning,
  ON_HOLD: path.onHoldWithCustody,
} as const;
