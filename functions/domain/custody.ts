import type { Delivery } from './delivery.ts';
import { PICKUP_EVIDENCE } from './partner-statuses.ts';
import { CUSTODY_STATUSES, DeliveryStatus } from './statuses.ts';

/**
 * True when the partner holds the parcel: a custody status, or ON_HOLD entered from one — or
 * ON_HOLD after the current partner reported a pickup, which is custody even if the hold began before.
 */
export const hasCustody = (delivery: Delivery): boolean => {
  if (CUSTODY_STATUSES.has(delivery.status)) return true;
  if (delivery.status !== DeliveryStatus.ON_HOLD) return false;
  if (delivery.heldFrom !== null && CUSTODY_STATUSES.has(delivery.heldFrom)) return true;
  return delivery.milestone !== null && PICKUP_EVIDENCE.has(delivery.milestone.status);
};

/** Statuses before pickup in which a partner job can be cancelled or reassigned. */
export const BEFORE_PICKUP: ReadonlySet<DeliveryStatus> = new Set([DeliveryStatus.DISPATCHING, DeliveryStatus.AWAITING_PICKUP]);
