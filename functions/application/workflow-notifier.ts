import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { deliveryFromItem, WorkflowAttribute } from '#adapters/delivery-store/items.ts';
import { ItemType } from '#adapters/delivery-store/keys.ts';
import type { WorkflowControl } from '#adapters/workflow-control.ts';
import type { Delivery } from '#domain/delivery.ts';
import { DeliveryStatus } from '#domain/statuses.ts';
import { logger } from '#shared/logger.ts';
import { phaseOf, stepOf, type Timers } from './wait-plan.ts';
import { deliveryLogKeys, type DeliveryLogKeys } from './log-context.ts';

/** What the notifier works with. */
export interface WorkflowNotifierContext {
  readonly workflow: WorkflowControl;
  readonly timers: Timers;
  readonly clock: () => Date;
  /** Names the executions in the logs, when known. */
  readonly stateMachineArn?: string;
}

const imageOf = (image: Record<string, unknown> | undefined): Record<string, unknown> | null =>
  image === undefined ? null : unmarshall(image as Record<string, AttributeValue>);

/** A delivery item as a stream record left it. */
interface DeliveryChange {
  readonly item: Record<string, unknown>;
  readonly delivery: Delivery;
}

/** The delivery item a record wrote, or null for any other item. */
const changeOf = (record: DynamoDBRecord): DeliveryChange | null => {
  const item = imageOf(record.dynamodb?.NewImage);
  return item?.['type'] === ItemType.DELIVERY ? { item, delivery: deliveryFromItem(item) } : null;
};

/** What one delivery item change means for its workflow; its lines name the delivery with `about`. */
const notifyOne = async (record: DynamoDBRecord, { item, delivery }: DeliveryChange, context: WorkflowNotifierContext, about: DeliveryLogKeys): Promise<void> => {
  if (record.eventName === 'INSERT') {
    await context.workflow.start(stepOf(delivery, context.timers, context.clock()));
    logger.info('workflow started', about);
    return;
  }
  const token = item[WorkflowAttribute.TASK_TOKEN];
  if (typeof token !== 'string') return;
  const phaseLeft = phaseOf(delivery.status) !== item[WorkflowAttribute.WAITING_IN];
  // Waiting for a partner to confirm a requested booking, and the job is gone (rejected, dropped, reassigned): book again.
  const rebook = delivery.status === DeliveryStatus.DISPATCHING && delivery.partner?.jobId == null;
  if (phaseLeft || rebook) {
    await context.workflow.resume(token, stepOf(delivery, context.timers, context.clock()));
    logger.info('workflow resumed', { ...about, status: delivery.status, rebook });
  } else if (delivery.lastPartnerActivityAt !== imageOf(record.dynamodb?.OldImage)?.['lastPartnerActivityAt']) {
    await context.workflow.heartbeat(token);
    logger.debug('workflow heartbeat sent', { ...about, status: delivery.status });
  }
};

/**
 * Keeps each delivery's workflow in step with the record, from the table's stream: a new delivery
 * starts its execution (named by its id, its step as input); a delivery leaving the phase its workflow waits in resumes
 * the callback; partner activity within the phase extends the callback's heartbeat. Nothing is written
 * to Step Functions by the handlers that commit, so no commit is lost to a crash before it.
 */
export const notifyWorkflows = async (records: readonly DynamoDBRecord[], context: WorkflowNotifierContext): Promise<DynamoDBBatchResponse> => {
  for (const record of records) {
    // A batch mixes deliveries: each line names its own, and nothing is left on the logger's keys.
    let about: Partial<DeliveryLogKeys> = {};
    try {
      const change = changeOf(record);
      if (change === null) continue;
      const ids = deliveryLogKeys(change.delivery, context.stateMachineArn ?? null);
      about = ids;
      await notifyOne(record, change, context, ids);
    } catch (error) {
      // Stop here: Lambda sends the batch again from this record, so no later change overtakes it.
      logger.error('workflow notification failed', { ...about, sequenceNumber: record.dynamodb?.SequenceNumber, error: String(error) });
      return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
    }
  }
  return { batchItemFailures: [] };
};
