import type { Delivery } from './delivery.ts';
import { PartnerStatus } from './partner-statuses.ts';
import { CUSTODY_STATUSES, DeliveryStatus } from './statuses.ts';

/** Milestones after which the current partner has the parcel. */
const CUSTODY_MILESTONES: ReadonlySet<PartnerStatus> = new Set([
  PartnerStatus.PICKED_UP,
  PartnerStatus.IN_TRANSIT,
  PartnerStatus.OUT_FOR_DELIVERY,
  PartnerStatus.DELIVERY_ATTEMPTED,
  PartnerStatus.AVAILABLE_FOR_PICKUP,
  PartnerStatus.RETURN_TO_SENDER,
]);

/**
 * True when the partner holds the parcel: a custody status, or ON_HOLD entered from one — or
 * ON_HOLD after the current partner reported a pickup, which is custody even if the hold began before.
 */
export const hasCustody = (delivery: Delivery): boolean => {
  if (CUSTODY_STATUSES.has(delivery.status)) return true;
  if (delivery.status !== DeliveryStatus.ON_HOLD) return false;
  if (delivery.heldFrom !== null && CUSTODY_STATUSES.has(delivery.heldFrom)) return true;
  return delivery.milestone !== null && CUSTODY_MILESTONES.has(delivery.milestone.status);
};
