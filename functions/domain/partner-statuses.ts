/** The canonical partner status vocabulary of webhooks (contract §2). */
export const PartnerStatus = {
  ACCEPTED: 'ACCEPTED',
  REJECTED: 'REJECTED',
  PICKED_UP: 'PICKED_UP',
  IN_TRANSIT: 'IN_TRANSIT',
  OUT_FOR_DELIVERY: 'OUT_FOR_DELIVERY',
  DELIVERY_ATTEMPTED: 'DELIVERY_ATTEMPTED',
  AVAILABLE_FOR_PICKUP: 'AVAILABLE_FOR_PICKUP',
  DELIVERED: 'DELIVERED',
  DELAYED: 'DELAYED',
  EXCEPTION: 'EXCEPTION',
  RETURN_TO_SENDER: 'RETURN_TO_SENDER',
  RETURNED: 'RETURNED',
  LOST: 'LOST',
  DAMAGED: 'DAMAGED',
  CANCELLED: 'CANCELLED',
  CANCEL_REJECTED: 'CANCEL_REJECTED',
} as const;

/** A status in the partner vocabulary. */
export type PartnerStatus = (typeof PartnerStatus)[keyof typeof PartnerStatus];

/** All partner statuses. */
export const PARTNER_STATUSES = Object.values(PartnerStatus) as readonly PartnerStatus[];

/** Narrows a raw webhook status to the vocabulary; anything else is quarantined, never guessed. */
export const isPartnerStatus = (value: string): value is PartnerStatus =>
  (PARTNER_STATUSES as readonly string[]).includes(value);

/** Partner statuses that show the partner has picked the parcel up and still has it. */
export const PICKUP_EVIDENCE: ReadonlySet<PartnerStatus> = new Set([
  PartnerStatus.PICKED_UP,
  PartnerStatus.IN_TRANSIT,
  PartnerStatus.OUT_FOR_DELIVERY,
  PartnerStatus.DELIVERY_ATTEMPTED,
  PartnerStatus.AVAILABLE_FOR_PICKUP,
  PartnerStatus.RETURN_TO_SENDER,
]);

/** Partner statuses that show the partner had the parcel at some point (a superseded job sending one is a conflict). */
export const CUSTODY_PARTNER_STATUSES: ReadonlySet<PartnerStatus> = new Set([
  ...PICKUP_EVIDENCE,
  PartnerStatus.DELIVERED,
  PartnerStatus.RETURNED,
  PartnerStatus.LOST,
  PartnerStatus.DAMAGED,
]);
