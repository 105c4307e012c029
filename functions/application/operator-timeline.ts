import type { DeliveryRepository } from '#adapters/delivery-store/delivery-repository.ts';
import type { WorkflowInspection, WorkflowState } from '#adapters/workflow-inspection.ts';
import { allowedOperatorActions, type DecideDeps, type Delivery, type HistoryEntry, type OperatorAction, type PartnerEventDisposition } from '#domain/index.ts';
import type { DomainEvent } from '#schemas/event-envelope.ts';
import { executionArnOf, toView, type DeliveryView } from './delivery-view.ts';

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

/** One entry of a delivery's timeline: a domain event (operator actions name their actor and reason), or a partner scan. */
export type TimelineEntry = ({ readonly kind: 'event' } & DomainEvent) | PartnerScan;

/** Everything an operator needs to decide about one delivery. */
export interface OperatorTimeline {
  readonly delivery: DeliveryView;
  /** The actions the lifecycle table allows now. */
  readonly allowedActions: readonly OperatorAction[];
  /** Events and partner scans, in the order they were committed. */
  readonly timeline: readonly TimelineEntry[];
  /** The workflow execution, or null when it has not started. */
  readonly workflow: WorkflowState | null;
}

/** The timeline entry of a history entry. A scan's free-form `details` are left out: they may name people. */
const entryOf = ({ fact }: HistoryEntry): TimelineEntry =>
  fact.type === 'PartnerEventRecorded'
    ? {
        kind: 'partner-scan',
        partnerId: fact.partnerId,
        eventId: fact.eventId,
        jobId: fact.jobId,
        status: fact.status,
        reason: fact.reason,
        occurredAt: fact.occurredAt,
        recordedAt: fact.recordedAt,
        disposition: fact.disposition,
      }
    : { kind: 'event', ...fact };

/** What {@link operatorTimeline} reads from. */
export interface TimelineSources {
  readonly repository: DeliveryRepository;
  readonly workflows: WorkflowInspection;
  readonly deps: DecideDeps;
  readonly stateMachineArn: string;
}

/** The operator's timeline of `delivery`: its view, allowed actions, history and workflow state. */
export const operatorTimeline = async (delivery: Delivery, sources: TimelineSources): Promise<OperatorTimeline> => {
  const [history, workflow] = await Promise.all([
    sources.repository.history(delivery.deliveryId),
    sources.workflows.describe(executionArnOf(sources.stateMachineArn, delivery.deliveryId)),
  ]);
  return {
    delivery: toView(delivery, sources.stateMachineArn),
    allowedActions: allowedOperatorActions(delivery, sources.deps),
    timeline: history.map(entryOf),
    workflow,
  };
};
