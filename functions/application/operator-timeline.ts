import type { DeliveryRepository } from '#adapters/delivery-store/delivery-repository.ts';
import type { WorkflowInspection, WorkflowState } from '#adapters/workflow-inspection.ts';
import { allowedOperatorActions, type DecideDeps, type Delivery, type HistoryEntry, type OperatorAction, type PartnerEventDisposition } from '#domain/index.ts';
import type { DomainEvent } from '#schemas/event-envelope.ts';
import { logger } from '#shared/logger.ts';
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

const withoutData = ({ data: _data, ...envelope }: DomainEvent): Omit<DomainEvent, 'data'> => envelope;

/**
 * The timeline entry of a history entry. Personal data stays out: an event's `data` (`DeliveryCreated`
 * carries the customer and the address) and a scan's free-form `details`.
 */
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
    : { kind: 'event', ...withoutData(fact) };

/** What {@link operatorTimeline} reads from. */
export interface TimelineSources {
  readonly repository: DeliveryRepository;
  readonly workflows: WorkflowInspection;
  readonly deps: DecideDeps;
  readonly stateMachineArn: string;
  /** The partners of the deployment. */
  readonly partnerIds: readonly string[];
}

/**
 * The delivery's workflow state; `UNAVAILABLE` when Step Functions does not answer, so that an outage or
 * throttling of its API never keeps an operator from acting.
 */
const workflowOf = async (delivery: Delivery, sources: TimelineSources): Promise<WorkflowState | null> => {
  const executionArn = executionArnOf(sources.stateMachineArn, delivery.deliveryId);
  try {
    return await sources.workflows.describe(executionArn);
  } catch (error) {
    logger.warn('workflow state unavailable for the operator timeline', { executionArn, error });
    return { executionArn, status: 'UNAVAILABLE', currentState: null, startedAt: null, stoppedAt: null };
  }
};

/** The operator's timeline of `delivery`: its view, allowed actions, history and workflow state. */
export const operatorTimeline = async (delivery: Delivery, sources: TimelineSources): Promise<OperatorTimeline> => {
  const [history, workflow] = await Promise.all([sources.repository.history(delivery.deliveryId), workflowOf(delivery, sources)]);
  const allowed = allowedOperatorActions(delivery, sources.deps, sources.partnerIds);
  return {
    delivery: toView(delivery, sources.stateMachineArn),
    allowedActions: allowed.actions,
    reassignTo: allowed.reassignTo,
    timeline: history.map(entryOf),
    workflow,
  };
};
