import type { Delivery } from './delivery.ts';
import { PartnerStatus } from './partner-statuses.ts';
import { CUSTODY_STATUSES, DeliveryStatus } from './statuses.ts';

/** Partner statuses that are milestones, and the delivery status each implies. */
export const MILESTONE_STATUS: ReadonlyMap<PartnerStatus, DeliveryStatus> = new Map([
  [PartnerStatus.ACCEPTED, DeliveryStatus.AWAITING_PICKUP],
  [PartnerStatus.PICKED_UP, DeliveryStatus.IN_TRANSIT],
  [PartnerStatus.IN_TRANSIT, DeliveryStatus.IN_TRANSIT],
  [PartnerStatus.OUT_FOR_DELIVERY, DeliveryStatus.OUT_FOR_DELIVERY],
  [PartnerStatus.DELIVERY_ATTEMPTED, DeliveryStatus.ATTEMPT_FAILED],
  [PartnerStatus.AVAILABLE_FOR_PICKUP, DeliveryStatus.AVAILABLE_FOR_PICKUP],
  [PartnerStatus.RETURN_TO_SENDER, DeliveryStatus.RETURNING],
]);

/**
 * The status RESUME returns an ON_HOLD delivery to: RETURNING if the hold interrupted a return (an
 * operator's return has no partner milestone); else the one implied by the latest partner milestone;
 * without one, the custody status the hold was entered from; else PENDING if it never left it;
 * else DISPATCHING (book again).
 */
export const statusAfterResume = (delivery: Delivery): DeliveryStatus => {
  if (delivery.heldFrom === DeliveryStatus.RETURNING) return DeliveryStatus.RETURNING;
  const fromMilestone = delivery.milestone && MILESTONE_STATUS.get(delivery.milestone.status);
  if (fromMilestone) return fromMilestone;
  if (delivery.heldFrom !== null && CUSTODY_STATUSES.has(delivery.heldFrom)) return delivery.heldFrom;
  if (delivery.heldFrom === DeliveryStatus.PENDING) return DeliveryStatus.PENDING;
  return DeliveryStatus.DISPATCHING;
};
