import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { deliveryItem } from '#adapters/delivery-store/items.ts';
import type { WorkflowControl } from '#adapters/workflow-control.ts';
import { DEFAULT_TIMERS } from '#application/wait-plan.ts';
import { notifyWorkflows } from '#application/workflow-notifier.ts';
import type { Delivery } from '#domain/index.ts';
import { partner } from '#test/support/commands.ts';
import { path } from '#test/support/paths.ts';
import { run } from '#test/support/specification.ts';

let sequence = 0;
const image = (delivery: Delivery, workflow: Record<string, string> = {}) =>
  marshall({ ...deliveryItem(delivery), ...workflow }, { removeUndefinedValues: true }) as NonNullable<DynamoDBRecord['dynamodb']>['NewImage'];
const record = (eventName: 'INSERT' | 'MODIFY', after: Delivery, before?: Delivery, workflow: Record<string, string> = {}): DynamoDBRecord => ({
  eventName,
  dynamodb: { SequenceNumber: String(++sequence), NewImage: image(after, workflow), ...(before ? { OldImage: image(before, workflow) } : {}) },
});

const recorder = (failOn?: string) => {
  const calls: string[] = [];
  const workflow: WorkflowControl = {
    start: ({ deliveryId }) => (deliveryId === failOn ? Promise.reject(new Error('throttled')) : Promise.resolve(void calls.push(`start ${deliveryId}`))),
    resume: (token, output) => Promise.resolve(void calls.push(`resume ${token} ${(output as { status: string }).status}`)),
    heartbeat: (token) => Promise.resolve(void calls.push(`heartbeat ${token}`)),
  };
  return { calls, context: { workflow, timers: DEFAULT_TIMERS, clock: () => new Date() } };
};

const must = (delivery: Delivery | null): Delivery => {
  if (!delivery) throw new Error('no delivery');
  return delivery;
};

describe('workflow notifier', () => {
  it('starts an execution for a new delivery, resumes a callback when the phase ends, and heartbeats on partner activity', async () => {
    const { calls, context } = recorder();
    const created = must(run(path.pending()));
    const awaiting = must(run(path.awaitingPickup()));
    const inTransit = must(run(path.inTransit()));
    const moreActivity = must(run([...path.inTransit(), partner('IN_TRANSIT')]));
    const result = await notifyWorkflows(
      [
        record('INSERT', created),
        record('MODIFY', inTransit, awaiting, { taskToken: 't-1', waitingIn: 'AWAITING_PICKUP' }),
        record('MODIFY', moreActivity, inTransit, { taskToken: 't-2', waitingIn: 'IN_CUSTODY' }),
        record('MODIFY', inTransit, inTransit, { taskToken: 't-3', waitingIn: 'IN_CUSTODY' }),
      ],
      context,
    );
    expect(result).toEqual({ batchItemFailures: [] });
    expect(calls).toEqual([`start ${created.deliveryId}`, 'resume t-1 IN_TRANSIT', 'heartbeat t-2']);
  });

  it('stops at the first record it cannot notify and reports it, so that no later change overtakes it', async () => {
    const first = must(run(path.pending()));
    const { calls, context } = recorder(first.deliveryId);
    const records = [record('INSERT', first), record('INSERT', must(run(path.pending())))];
    expect(await notifyWorkflows(records, context)).toEqual({ batchItemFailures: [{ itemIdentifier: records[0]?.dynamodb?.SequenceNumber }] });
    expect(calls).toEqual([]);
  });
});
