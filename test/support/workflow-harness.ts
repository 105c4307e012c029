import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { WorkflowAttribute } from '#adapters/delivery-store/items.ts';
import { keys } from '#adapters/delivery-store/keys.ts';
import { onTestFinished } from 'vitest';
import { ManualPartner } from '#adapters/partners/manual-partner.ts';
import { PartnerDirectory } from '#adapters/partners/partner-directory.ts';
import type { PartnerGateway } from '#adapters/partners/partner-gateway.ts';
import { executeCommand } from '#application/execute-command.ts';
import { depsOn } from '#application/system-deps.ts';
import { DEFAULT_TIMERS, type Timers } from '#application/wait-plan.ts';
import type { Command, Delivery } from '#domain/index.ts';
import type { LocalExecution } from '../../local/local-workflow.ts';
import type { ManualClock } from '../../local/manual-clock.ts';
import { startWorkflowRuntime } from '../../local/workflow-runtime.ts';
import { createRequest, partner } from './commands.ts';
import { eventually } from './eventually.ts';
import type { PartnerRoute } from '#schemas/partner-routes.ts';
import { freshRepository, localClientConfig } from './dynamodb.ts';
import { testClock } from './test-clock.ts';

/** A partner client for a test: booking and cancelling as the test needs; reattempts taken, nothing to track unless given. */
export type FakePartner = Pick<PartnerGateway, 'book' | 'cancel'> & Partial<PartnerGateway>;

const fullClient = (partner: FakePartner): PartnerGateway => ({
  book: (partnerId, delivery) => partner.book(partnerId, delivery),
  cancel: (partnerId, jobId) => partner.cancel(partnerId, jobId),
  requestReattempt: (partnerId, jobId, requestId) => partner.requestReattempt?.(partnerId, jobId, requestId) ?? Promise.resolve(),
  track: (partnerId, jobId) => partner.track?.(partnerId, jobId) ?? Promise.resolve([]),
});

/** What a test's workflow runs with: its timers, its partners (`manual` unless told), its routing rules. */
export interface WorkflowOptions {
  timers?: Partial<Timers>;
  partners?: Record<string, FakePartner>;
  routes?: readonly PartnerRoute[];
  /** The clock the workflow and the test share; a fresh {@link testClock} unless given. */
  clock?: ManualClock;
}

/**
 * The real workflow definition on the local engine, its task states bound to the real workflow tasks,
 * the real notifier reading the DynamoDB Local stream, over a fresh table, all on a manual clock that
 * moves only when the test advances it. Stopped when the test ends.
 */
export const workflowOnFreshTable = async (options: WorkflowOptions = {}) => {
  const clock = options.clock ?? testClock();
  return workflowOver(await freshRepository({ clock: clock.now }), { ...options, clock });
};

/** {@link workflowOnFreshTable} over a table the test made: its notifier reads the stream from the start. */
export const workflowOver = async (store: Awaited<ReturnType<typeof freshRepository>>, options: WorkflowOptions = {}) => {
  const timers: Timers = { ...DEFAULT_TIMERS, ...options.timers };
  const clock = options.clock ?? testClock();
  const deps = depsOn(clock.now);
  const runtime = await startWorkflowRuntime({
    repository: store.repository,
    dynamodb: store.raw,
    tableName: store.tableName,
    streams: localClientConfig(),
    partners: new PartnerDirectory(Object.fromEntries(Object.entries(options.partners ?? { manual: new ManualPartner() }).map(([id, partner]) => [id, fullClient(partner)]))),
    timers,
    ...(options.routes === undefined ? {} : { routes: options.routes }),
    pollIntervalMs: 20,
    clock,
  });
  onTestFinished(() => runtime.stop());
  const { workflow, runTask } = runtime;

  /** Creates a delivery the way the API does; the notifier starts its execution. */
  const create = async (overrides: Parameters<typeof createRequest>[0] = {}): Promise<string> => {
    const execution = await executeCommand(store.repository, deps, {
      deliveryId: null,
      command: { type: 'CREATE', commandId: deps.newId('cmd'), request: createRequest(overrides) },
    });
    if (execution.kind !== 'committed') throw new Error(`create ended ${execution.kind}`);
    return execution.delivery.deliveryId;
  };

  /** Sends a command the way a webhook or the API does. */
  const send = async (deliveryId: string, command: Command): Promise<void> => {
    const execution = await executeCommand(store.repository, deps, { deliveryId, command, idempotencyKey: `test#${command.commandId}` });
    if (execution.kind !== 'committed') throw new Error(`${command.type} ended ${execution.kind}`);
  };

  /** Waits until the delivery satisfies `test`. */
  const deliveryWhere = (deliveryId: string, what: string, test: (delivery: Delivery) => boolean): Promise<Delivery> =>
    eventually(what, async () => {
      const delivery = await store.repository.get(deliveryId);
      return delivery && test(delivery) ? delivery : undefined;
    });

  /** The callback token the workflow keeps on the delivery item, if any. */
  const storedToken = async (deliveryId: string): Promise<unknown> =>
    (await store.client.send(new GetCommand({ TableName: store.tableName, Key: keys.delivery(deliveryId) }))).Item?.[WorkflowAttribute.TASK_TOKEN];

  /** Waits until the workflow is parked in `stateName` (its callback registered on the delivery). */
  const parkedIn = async (deliveryId: string, stateName: string): Promise<void> => {
    await eventually(`${deliveryId} to wait in "${stateName}"`, async () => {
      const history = workflow.execution(deliveryId)?.history ?? [];
      const last = history.filter((event) => event.type === 'StateEntered').at(-1);
      const token = await storedToken(deliveryId);
      return last?.state?.name === stateName && typeof token === 'string' && token.includes(stateName) ? true : undefined;
    });
  };

  /** Waits until the execution ends. */
  const finished = async (deliveryId: string): Promise<LocalExecution> => {
    const execution = await eventually(`the execution of ${deliveryId}`, () => workflow.execution(deliveryId));
    await execution.done;
    return execution;
  };

  /** A scan by `partnerId` of `jobId` (the job the partner opened), as it happens now on the test's clock. */
  const scan = (status: string, jobId: string, partnerId = 'manual') => partner(status, { partnerId, jobId, occurredAt: clock.now().toISOString() });

  /** Moves the test's clock forward by `seconds`, firing every workflow timer due by then. */
  const advance = (seconds: number): number => clock.advance(seconds * 1000);

  /** Waits until a timer of the workflow is due at `instant` (a callback parked, or a heartbeat taken). */
  const timerDueAt = (instant: Date): Promise<true> =>
    eventually(`a timer due at ${instant.toISOString()} (pending: ${clock.pendingTimers().map((at) => at.toISOString()).join(', ') || 'none'})`, () =>
      clock.pendingTimers().some((at) => at.getTime() === instant.getTime()) ? true : undefined,
    );

  return { ...store, clock, workflow, runTask, create, send, deliveryWhere, parkedIn, finished, storedToken, scan, advance, timerDueAt };
};

/** The states an execution entered, in order. */
export const statesEntered = (execution: LocalExecution): string[] =>
  execution.history.filter((event) => event.type === 'StateEntered').map((event) => event.state?.name ?? '?');
