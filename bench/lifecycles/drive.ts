import { DescribeExecutionCommand, GetExecutionHistoryCommand, type HistoryEvent } from '@aws-sdk/client-sfn';
import { entrySize } from '#adapters/event-entries.ts';
import { WorkflowAttribute, deliveryFromItem } from '#adapters/delivery-store/items.ts';
import { executionArnOf } from '#application/delivery-view.ts';
import type { Delivery } from '#domain/delivery.ts';
import { deliveryIdOf, eventually } from '#test/e2e/support/client.ts';
import { LOCAL_STATE_MACHINE_ARN } from '../../local/local-workflow.ts';
import { growth } from './counters.ts';
import { figuresOf, isCallbackState, type ExecutionFigures } from './execution-history.ts';
import type { InstrumentedStack } from './instrumented-stack.ts';
import type { DrivenDelivery, Lifecycle, Step } from './scenarios.ts';

/** How long nothing may happen (no table request, no stream record) before a step counts as done. */
const QUIET_MS = 150;
/** How long a step may take to settle. */
const SETTLE_TIMEOUT_MS = 30_000;

/** Everything one delivery of a lifecycle did, as measured. */
export interface DeliveryMeasurement {
  readonly execution: ExecutionFigures;
  /** HTTP calls through the API, by the handler behind their route, with their round-trip times. */
  readonly callsMs: Readonly<Record<Step['handler'], readonly number[]>>;
  /** The delivery's entries on the bus, and their size in 64 KB chunks. */
  readonly busEntries: number;
  readonly busChunks: number;
  /** How much each meter grew while the delivery ran. */
  readonly capacity: Readonly<Record<string, number>>;
  readonly stream: Readonly<Record<string, number>>;
  readonly logs: Readonly<Record<string, number>>;
}

const historyOf = async (instrumented: InstrumentedStack, executionArn: string): Promise<HistoryEvent[]> =>
  (await instrumented.stack.sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }))).events ?? [];

/** Whether the workflow is done with the last change: its execution ended, or it waits in a callback it has registered. */
const workflowAtRest = async (instrumented: InstrumentedStack, executionArn: string, item: Record<string, unknown>): Promise<boolean> => {
  const { status } = await instrumented.stack.sfn.send(new DescribeExecutionCommand({ executionArn }));
  if (status !== 'RUNNING') return true;
  const last = (await historyOf(instrumented, executionArn)).at(-1);
  const state = last?.stateEnteredEventDetails?.name ?? '';
  const token = item[WorkflowAttribute.TASK_TOKEN];
  return isCallbackState(state) && typeof token === 'string' && token.includes(state);
};

/** Whether every domain event of the delivery is on the bus. */
const allPublished = async (instrumented: InstrumentedStack, deliveryId: string): Promise<boolean> => {
  const published = new Set((await instrumented.stack.busEventsOf(deliveryId)).map((event) => event.eventId));
  return (await instrumented.observer.listEvents(deliveryId)).every((event) => published.has(event.eventId));
};

/**
 * Waits until the delivery reached `status`, its workflow is at rest, its events are on the bus and
 * nothing has touched the table or its stream for {@link QUIET_MS}: the step and everything it set off
 * are done. Reads only through the unmetered observer and the stack's own APIs.
 */
const settle = (instrumented: InstrumentedStack, deliveryId: string, status: string, what: string): Promise<Delivery> =>
  eventually(
    `${what} to settle in ${status}`,
    async () => {
      const item = await instrumented.deliveryItem(deliveryId);
      if (item?.['status'] !== status) return undefined;
      if (!(await workflowAtRest(instrumented, executionArnOf(LOCAL_STATE_MACHINE_ARN, deliveryId), item)) || !(await allPublished(instrumented, deliveryId))) return undefined;
      const lastActivity = Math.max(instrumented.capacity.lastChangeAt, instrumented.stream.lastChangeAt);
      return performance.now() - lastActivity >= QUIET_MS ? deliveryFromItem(item) : undefined;
    },
    SETTLE_TIMEOUT_MS,
  );

const meters = (instrumented: InstrumentedStack) => ({
  capacity: instrumented.capacity.snapshot(),
  stream: instrumented.stream.snapshot(),
  logs: instrumented.logs.snapshot(),
});

/** The delivery's entries on the bus, and the 64 KB chunks EventBridge bills them as. */
const busUsage = async (instrumented: InstrumentedStack, deliveryId: string): Promise<{ entries: number; chunks: number }> => {
  const entries = (await instrumented.stack.busEntries()).filter(
    (entry) => entry.Source === 'bookstore.delivery' && (JSON.parse(entry.Detail) as { deliveryId?: string }).deliveryId === deliveryId,
  );
  const chunks = entries.reduce((total, entry) => total + Math.ceil(entrySize({ ...entry, Resources: [] }) / (64 * 1024)), 0);
  return { entries: entries.length, chunks };
};

/**
 * Drives one delivery through `lifecycle`, alone on the stack: each call, then its settling; and
 * measures what the delivery cost, from the growth of the meters over the whole lifecycle, the
 * execution's history and the bus.
 */
export const driveLifecycle = async (instrumented: InstrumentedStack, lifecycle: Lifecycle): Promise<DeliveryMeasurement> => {
  const before = meters(instrumented);
  const delivery: DrivenDelivery = { deliveryId: '', jobId: '' };
  const callsMs: Record<Step['handler'], number[]> = { api: [], webhook: [] };
  for (const step of lifecycle.steps) {
    const started = performance.now();
    const reply = await step.send(instrumented.stack, delivery);
    callsMs[step.handler].push(performance.now() - started);
    if (reply.status !== step.answers) throw new Error(`${lifecycle.id}: ${step.label} answered ${String(reply.status)}: ${JSON.stringify(reply.body)}`);
    if (delivery.deliveryId === '') delivery.deliveryId = deliveryIdOf(reply);
    const settled = await settle(instrumented, delivery.deliveryId, step.reaches, `${lifecycle.id}: ${step.label}`);
    delivery.jobId = settled.partner?.jobId ?? delivery.jobId;
  }
  const after = meters(instrumented);
  const executionArn = executionArnOf(LOCAL_STATE_MACHINE_ARN, delivery.deliveryId);
  const { status } = await instrumented.stack.sfn.send(new DescribeExecutionCommand({ executionArn }));
  if (status !== 'SUCCEEDED') throw new Error(`${lifecycle.id}: the execution ended ${String(status)}`);
  const bus = await busUsage(instrumented, delivery.deliveryId);
  return {
    execution: figuresOf(await historyOf(instrumented, executionArn)),
    callsMs,
    busEntries: bus.entries,
    busChunks: bus.chunks,
    capacity: growth(before.capacity, after.capacity),
    stream: growth(before.stream, after.stream),
    logs: growth(before.logs, after.logs),
  };
};
