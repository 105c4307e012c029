import type { DeliveryStatus } from './statuses.ts';

/** A partner status update as the webhook (or a booking or tracking poll) reports it. */
export interface PartnerEventInput {
  readonly partnerId: string;
  readonly eventId: string;
  readonly jobId: string;
  /** Raw status: anything outside the vocabulary is quarantined. */
  readonly status: string;
  readonly occurredAt: string;
  readonly reason?: string | null | undefined;
  readonly actionRequired?: boolean | undefined;
  readonly trackingNumber?: string | null | undefined;
  readonly details?: Readonly<Record<string, unknown>> | undefined;
}

/** How a partner event was taken. */
export const PartnerEventDisposition = {
  /** It changed the delivery (status or domain events). */
  APPLIED: 'APPLIED',
  /** Newest for the current job, but the table has no row for it in this status. */
  NO_CHANGE: 'NO_CHANGE',
  /** Older than the newest partner event already applied. */
  STALE: 'STALE',
  /** From a job the delivery no longer uses. */
  SUPERSEDED: 'SUPERSEDED',
  /** A status outside the partner vocabulary. */
  UNKNOWN_STATUS: 'UNKNOWN_STATUS',
  /** The delivery had already ended. */
  AFTER_TERMINAL: 'AFTER_TERMINAL',
} as const;

/** The disposition of a partner event. */
export type PartnerEventDisposition = (typeof PartnerEventDisposition)[keyof typeof PartnerEventDisposition];

/**
 * A partner event as kept on the delivery's timeline. Not published: it is the fact that moves the
 * high-water mark and the latest milestone, whether or not the event changed the status.
 */
export interface PartnerEventRecorded {
  readonly type: 'PartnerEventRecorded';
  readonly partnerId: string;
  readonly eventId: string;
  readonly jobId: string;
  readonly status: string;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly reason: string | null;
  readonly actionRequired: boolean;
  readonly trackingNumber: string | null;
  readonly details: Readonly<Record<string, unknown>>;
  readonly disposition: PartnerEventDisposition;
  /** It belongs to the current job: it counts as partner activity. */
  readonly currentJob: boolean;
  /** It is the newest for the current job: it moves the high-water mark. */
  readonly newest: boolean;
  /** It is newest and a milestone status: it becomes the latest milestone. */
  readonly milestone: boolean;
  /** A status change the table makes with no domain event (ATTEMPT_FAILED → IN_TRANSIT). */
  readonly statusAfter: DeliveryStatus | null;
}
