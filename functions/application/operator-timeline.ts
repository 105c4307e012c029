import type { DeliveryRepository } from '#adapters/delivery-store/delivery-repository.ts';
import type { WorkflowInspection, WorkflowState } from '#adapters/workflow-inspection.ts';
import { allowedOperatorActions, type DecideDeps, type Delivery, type HistoryEntry } from '#domain/index.ts';
import type { DomainEvent } from '#schemas/event-envelope.ts';
import { logger } from '#shared/logger.ts';
import { executionArnOf, toView } from './delivery-view.ts';
import type { OperatorTimeline, TimelineEntry } from './operator-views.ts';

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
