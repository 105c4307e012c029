import type { WorkflowState } from '#adapters/workflow-state.ts';
import type { OperatorAction, PartnerEventDisposition } from '#domain/index.ts';
import type { DomainEvent } from '#schemas/event-envelope.ts';
import type { DeliveryView } from './delivery-view.ts';

/**
 * What the operator routes answer (`GET /holds`, `GET /deliveries/{id}/timeline`): types only, so that the
 * dashboard in `web/` reads the same shapes the API writes.
 */
export type { DeliveryView, WorkflowState };

/** A delivery on hold as the operator dashboard lists it: why, and since when. */
export interface HoldSummary {
  readonly deliveryId: string;
  readonly orderId: string;
  readonly holdReason: string | null;
  /** When the delivery went on hold. */
  readonly since: string;
  readonly attemptCount: number;
  readonly maxAttempts: number;
  readonly partnerId: string | null;
  readonly promisedBy: string | null;
}

/** A partner scan as the timeline shows it: what the partner said and what it did to the delivery. */
export interface PartnerScan {
  readonly kind: 'partner-scan';
  readonly partnerId: string;
  readonly eventId: string;
  readonly jobId: string;
  readonly status: string;
  readonly reason: string | null;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly disposition: PartnerEventDisposition;
}

/** A domain event as the timeline shows it: its envelope (operator actions name their actor and reason), without its `data`. */
export type TimelineEvent = { readonly kind: 'event' } & Omit<DomainEvent, 'data'>;

/** One entry of a delivery's timeline: a domain event or a partner scan. */
export type TimelineEntry = TimelineEvent | PartnerScan;

/** Everything an operator needs to decide about one delivery. */
export interface OperatorTimeline {
  readonly delivery: DeliveryView;
  /** The actions the lifecycle table allows now. */
  readonly allowedActions: readonly OperatorAction[];
  /** The partners a REASSIGN may name (without one, it goes to the next candidate). */
  readonly reassignTo: readonly string[];
  /** Events and partner scans, in the order they were committed. */
  readonly timeline: readonly TimelineEntry[];
  /** The workflow execution (status `UNAVAILABLE` when Step Functions did not answer), or null when it has not started. */
  readonly workflow: WorkflowState | null;
}
