/** Every status a delivery can be in (contract §2). */
export const DeliveryStatus = {
  PENDING: 'PENDING',
  DISPATCHING: 'DISPATCHING',
  AWAITING_PICKUP: 'AWAITING_PICKUP',
  IN_TRANSIT: 'IN_TRANSIT',
  OUT_FOR_DELIVERY: 'OUT_FOR_DELIVERY',
  ATTEMPT_FAILED: 'ATTEMPT_FAILED',
  AVAILABLE_FOR_PICKUP: 'AVAILABLE_FOR_PICKUP',
  ON_HOLD: 'ON_HOLD',
  CANCELLING: 'CANCELLING',
  RETURNING: 'RETURNING',
  DELIVERED: 'DELIVERED',
  CANCELLED: 'CANCELLED',
  RETURNED: 'RETURNED',
  LOST: 'LOST',
  FAILED: 'FAILED',
} as const;

/** A delivery status. */
export type DeliveryStatus = (typeof DeliveryStatus)[keyof typeof DeliveryStatus];

/** All statuses, in lifecycle order. */
export const DELIVERY_STATUSES = Object.values(DeliveryStatus) as readonly DeliveryStatus[];

/** Statuses a delivery never leaves. */
export const TERMINAL_STATUSES: ReadonlySet<DeliveryStatus> = new Set([
  DeliveryStatus.DELIVERED,
  DeliveryStatus.CANCELLED,
  DeliveryStatus.RETURNED,
  DeliveryStatus.LOST,
  DeliveryStatus.FAILED,
]);

/** Statuses in which the partner holds the parcel (ON_HOLD counts only when entered from one of them). */
export const CUSTODY_STATUSES: ReadonlySet<DeliveryStatus> = new Set([
  DeliveryStatus.IN_TRANSIT,
  DeliveryStatus.OUT_FOR_DELIVERY,
  DeliveryStatus.ATTEMPT_FAILED,
  DeliveryStatus.AVAILABLE_FOR_PICKUP,
  DeliveryStatus.RETURNING,
]);

/** True for DELIVERED, CANCELLED, RETURNED, LOST and FAILED. */
export const isTerminal = (status: DeliveryStatus): boolean => TERMINAL_STATUSES.has(status);

/** True for every status that is not terminal. */
export const isActive = (status: DeliveryStatus): boolean => !TERMINAL_STATUSES.has(status);
