/** Why a delivery is ON_HOLD (contract §2). */
export const HoldReason = {
  ADDRESS_ISSUE: 'ADDRESS_ISSUE',
  MAX_ATTEMPTS: 'MAX_ATTEMPTS',
  DAMAGED: 'DAMAGED',
  REFUSED: 'REFUSED',
  NO_PARTNER_CAPACITY: 'NO_PARTNER_CAPACITY',
  PICKUP_OVERDUE: 'PICKUP_OVERDUE',
  STALLED: 'STALLED',
  INTERCEPT_REQUESTED: 'INTERCEPT_REQUESTED',
  CANCEL_REJECTED: 'CANCEL_REJECTED',
  UNCLAIMED: 'UNCLAIMED',
  CONFLICT: 'CONFLICT',
  UNKNOWN_PARTNER_STATUS: 'UNKNOWN_PARTNER_STATUS',
  OPERATOR: 'OPERATOR',
  EXCEPTION: 'EXCEPTION',
} as const;

/** A hold reason. */
export type HoldReason = (typeof HoldReason)[keyof typeof HoldReason];

/** All hold reasons. */
export const HOLD_REASONS = Object.values(HoldReason) as readonly HoldReason[];

/** Narrows a partner's free-text reason to a hold reason when it is one. */
export const isHoldReason = (value: string | null | undefined): value is HoldReason =>
  value !== null && value !== undefined && (HOLD_REASONS as readonly string[]).includes(value);
