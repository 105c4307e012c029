/** What the dashboard reads of the API (contract §3 and the operator routes `/holds` and `…/timeline`). */

/** A delivery on hold, as `GET /holds` lists it. */
export interface HoldSummary {
  readonly deliveryId: string;
  readonly orderId: string;
  readonly holdReason: string | null;
  readonly since: string;
  readonly attemptCount: number;
  readonly maxAttempts: number;
  readonly partnerId: string | null;
  readonly promisedBy: string | null;
}

/** The delivery view. */
export interface DeliveryView {
  readonly deliveryId: string;
  readonly orderId: string;
  readonly status: string;
  readonly holdReason: string | null;
  readonly attemptCount: number;
  readonly maxAttempts: number;
  readonly partner: { readonly id: string; readonly jobId: string | null; readonly trackingNumber: string | null } | null;
  readonly promisedBy: string | null;
  readonly executionArn: string;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A domain event on the timeline. */
export interface TimelineEvent {
  readonly kind: 'event';
  readonly eventId: string;
  readonly type: string;
  readonly sequence: number;
  readonly fromStatus: string | null;
  readonly toStatus: string;
  readonly occurredAt: string;
  readonly source: string;
  readonly actor: string | null;
  readonly reason: string | null;
}

/** A partner scan on the timeline, and what it did. */
export interface TimelineScan {
  readonly kind: 'partner-scan';
  readonly eventId: string;
  readonly partnerId: string;
  readonly jobId: string;
  readonly recordedAt: string;
  readonly status: string;
  readonly reason: string | null;
  readonly occurredAt: string;
  readonly disposition: string;
}

/** The workflow execution. */
export interface WorkflowState {
  readonly executionArn: string;
  readonly status: string;
  readonly currentState: string | null;
  readonly startedAt: string | null;
  readonly stoppedAt: string | null;
}

/** `GET /deliveries/{deliveryId}/timeline`. */
export interface OperatorTimeline {
  readonly delivery: DeliveryView;
  readonly allowedActions: readonly string[];
  readonly reassignTo: readonly string[];
  readonly timeline: readonly (TimelineEvent | TimelineScan)[];
  readonly workflow: WorkflowState | null;
}

/** The error body of contract §3. */
export interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly details?: readonly { readonly field: string; readonly message: string }[] };
}
