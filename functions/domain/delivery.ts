import type { CreateDeliveryRequest } from '#schemas/create-delivery.ts';
import type { PartnerRef } from '#schemas/partner-ref.ts';
import type { HoldReason } from './hold-reasons.ts';
import type { PartnerStatus } from './partner-statuses.ts';
import type { DeliveryStatus } from './statuses.ts';

/** How many delivery attempts a partner may make before the delivery goes ON_HOLD(MAX_ATTEMPTS). */
export const DEFAULT_MAX_ATTEMPTS = 3;

/** The newest partner milestone of the current job: what RESUME re-derives the status from. */
export interface PartnerMilestone {
  readonly status: PartnerStatus;
  readonly occurredAt: string;
}

/** A job a partner opened for the delivery; jobs other than the current one are superseded. */
export interface PartnerJob {
  readonly partnerId: string;
  readonly jobId: string;
}

/** The state of one delivery, as `evolve` builds it from the delivery's facts. */
export interface Delivery {
  readonly deliveryId: string;
  readonly orderId: string;
  readonly status: DeliveryStatus;
  /** When the delivery entered its current status. */
  readonly statusSince: string;
  readonly holdReason: HoldReason | null;
  /** The status the current hold was entered from. */
  readonly heldFrom: DeliveryStatus | null;
  readonly attemptCount: number;
  readonly maxAttempts: number;
  /** The partner the delivery is booked with (or being booked with) now. */
  readonly partner: PartnerRef | null;
  /** Partners in the order the routing rules chose them. */
  readonly candidates: readonly string[];
  /** Partners that failed in the current dispatch round. */
  readonly triedPartners: readonly string[];
  /** Every job the delivery has been booked under, current one included. */
  readonly jobs: readonly PartnerJob[];
  /** The newest partner `occurredAt` applied for the current job (the high-water mark). */
  readonly partnerHighWater: string | null;
  readonly milestone: PartnerMilestone | null;
  readonly lastPartnerActivityAt: string | null;
  readonly promisedBy: string | null;
  readonly slaBreached: boolean;
  /** The create request as the order service sent it. Holds personal data: never log it. */
  readonly request: CreateDeliveryRequest;
  /** The `sequence` of the delivery's newest event. */
  readonly lastSequence: number;
  /** Incremented by every commit; the optimistic-concurrency token. */
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}
