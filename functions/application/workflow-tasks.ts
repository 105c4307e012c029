import type { DeliveryRepository } from '#adapters/delivery-store/delivery-repository.ts';
import type { BookingReply, PartnerGateway } from '#adapters/partners/partner-gateway.ts';
import type { WorkflowControl } from '#adapters/workflow-control.ts';
import type { Command, DecideDeps, Delivery, TimerKind } from '#domain/index.ts';
import { DEFAULT_MAX_ATTEMPTS } from '#domain/delivery.ts';
import { DeliveryEventType } from '#domain/event-types.ts';
import { OperatorAction } from '#domain/commands.ts';
import { DeliveryStatus } from '#domain/statuses.ts';
import type { PartnerRoute } from '#schemas/partner-routes.ts';
import type { WorkflowTask } from '#schemas/workflow-task.ts';
import { logger } from '#shared/logger.ts';
import { executeCommand } from './execute-command.ts';
import { logCommitted } from './log-committed.ts';
import { logAbout } from './log-context.ts';
import { reassignedJobs } from './reassigned-jobs.ts';
import { routeDelivery } from './routing.ts';
import { phaseOf, stallDeadline, stepOf, WaitPhase, type Timers, type WorkflowStep } from './wait-plan.ts';

/** What the workflow tasks work with. */
export interface WorkflowTaskContext {
  readonly repository: DeliveryRepository;
  readonly deps: DecideDeps;
  readonly partners: PartnerGateway & { readonly partnerIds: readonly string[] };
  readonly workflow: WorkflowControl;
  readonly timers: Timers;
  readonly clock: () => Date;
  /**
   * The routing rules that pick a delivery's partners.
   * @default none: every partner, in configured order
   */
  readonly routes?: readonly PartnerRoute[];
}

export { stepOf, type WorkflowStep } from './wait-plan.ts';

const stepNow = (delivery: Delivery, context: WorkflowTaskContext): WorkflowStep => stepOf(delivery, context.timers, context.clock());

const load = async (context: WorkflowTaskContext, deliveryId: string): Promise<Delivery> => {
  const delivery = await context.repository.get(deliveryId);
  if (!delivery) throw new Error(`delivery ${deliveryId} does not exist`);
  logAbout(delivery);
  return delivery;
};

/** Runs a command; the delivery as it is afterwards (a refusal changes nothing, and is logged). */
const run = async (context: WorkflowTaskContext, delivery: Delivery, command: Command, idempotencyKey?: string): Promise<Delivery> => {
  const execution = await executeCommand(context.repository, context.deps, {
    deliveryId: delivery.deliveryId,
    command,
    ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
  });
  if (execution.kind === 'committed') {
    logCommitted(execution);
    return execution.delivery;
  }
  if (execution.kind === 'refused') logger.info('workflow command refused', { command: command.type, causationId: command.commandId, code: execution.refusal.code });
  return load(context, delivery.deliveryId);
};

/** The partner's booking reply; a booking API that fails (after its client's retries) counts as a refusal. */
const bookOrFail = async (context: WorkflowTaskContext, partnerId: string, delivery: Delivery): Promise<BookingReply> => {
  try {
    return await context.partners.book(partnerId, delivery);
  } catch (error) {
    logger.warn('booking failed; trying the next partner', { partnerId, error: String(error) });
    return { outcome: 'REFUSED', reason: `booking failed: ${error instanceof Error ? error.message : String(error)}` };
  }
};

/** Asks a partner to cancel a job a reassignment left open; a failure is logged for an operator, never thrown. */
const cancelJob = async (context: WorkflowTaskContext, from: { id: string; jobId: string }): Promise<void> => {
  try {
    const outcome = await context.partners.cancel(from.id, from.jobId);
    logger.info('old job cancelled after a reassignment', { partnerId: from.id, jobId: from.jobId, outcome });
  } catch (error) {
    logger.error('could not cancel the old job after a reassignment; cancel it with the partner by hand', {
      partnerId: from.id,
      jobId: from.jobId,
      error: String(error),
    });
  }
};

/**
 * An operator's REASSIGN leaves the old partner's job open (contract §2: "old job cancelled"): before
 * booking again, ask each partner reassigned away from since the last booking attempt to cancel its job
 * (holds in between included). A failing cancel API is logged for an operator and does not stop the new
 * booking.
 */
const cancelReassignedJobs = async (context: WorkflowTaskContext, delivery: Delivery): Promise<void> => {
  for (const from of reassignedJobs(await context.repository.listEvents(delivery.deliveryId))) await cancelJob(context, from);
};


/** PENDING → DISPATCHING, then books partner after partner until one takes it or none is left. */
const book = async (context: WorkflowTaskContext, deliveryId: string): Promise<Delivery> => {
  let delivery = await load(context, deliveryId);
  // Book runs after every reassignment (the workflow resumes into it), whatever happened since: a hold, a cancel.
  if (delivery.status !== DeliveryStatus.PENDING) await cancelReassignedJobs(context, delivery);
  if (delivery.status === DeliveryStatus.PENDING) {
    const candidates = routeDelivery(delivery, context.partners.partnerIds, context.routes);
    delivery = await run(context, delivery, { type: 'DISPATCH', commandId: context.deps.newId('cmd'), candidates });
  }
  while (delivery.status === DeliveryStatus.DISPATCHING && delivery.partner !== null && delivery.partner.jobId === null) {
    const partnerId = delivery.partner.id;
    const key = `book#${delivery.deliveryId}#${String(delivery.version)}`;
    const reply = await bookOrFail(context, partnerId, delivery);
    const command: Command =
      reply.outcome === 'REFUSED'
        ? { type: 'RECORD_BOOKING_FAILURE', commandId: key, partnerId, reason: reply.reason }
        : { type: 'RECORD_BOOKING', commandId: key, partnerId, outcome: reply.outcome, jobId: reply.jobId, trackingNumber: reply.trackingNumber };
    const after = await run(context, delivery, command, key);
    if (reply.outcome !== 'REFUSED' && after.partner?.jobId !== reply.jobId) {
      logger.warn('booking not recorded: the delivery moved on; cancelling it with the partner', { partnerId, status: after.status });
      await context.partners.cancel(partnerId, reply.jobId);
    }
    if (after.version === delivery.version) break;
    delivery = after;
  }
  return delivery;
};

/** The timers due now: the pickup deadline, the cancel confirmation, the SLA. */
const dueTimers = (delivery: Delivery, context: WorkflowTaskContext): TimerKind[] => {
  const now = context.clock().getTime();
  const since = Date.parse(delivery.statusSince);
  const due: TimerKind[] = [];
  if (delivery.status === DeliveryStatus.AWAITING_PICKUP && now >= since + context.timers.pickupDeadlineSeconds * 1000) due.push('PICKUP_DEADLINE');
  if (delivery.status === DeliveryStatus.CANCELLING && now >= since + context.timers.cancelConfirmSeconds * 1000) due.push('CANCEL_CONFIRMATION');
  if (delivery.promisedBy !== null && !delivery.slaBreached && now >= Date.parse(delivery.promisedBy)) due.push('SLA');
  return due;
};

const fire = async (context: WorkflowTaskContext, delivery: Delivery, timers: readonly TimerKind[]): Promise<Delivery> => {
  let current = delivery;
  for (const timer of timers) current = await run(context, current, { type: 'FIRE_TIMER', commandId: context.deps.newId('cmd'), timer });
  return current;
};

/** Calls the partner's cancel API for the open job and records the answer; a failing API leaves it to the timer. */
const cancel = async (context: WorkflowTaskContext, deliveryId: string): Promise<Delivery> => {
  const delivery = await load(context, deliveryId);
  const job = delivery.partner;
  if (delivery.status !== DeliveryStatus.CANCELLING || job?.jobId == null) return delivery;
  try {
    const outcome = await context.partners.cancel(job.id, job.jobId);
    return await run(context, delivery, { type: 'RECORD_CANCELLATION', commandId: context.deps.newId('cmd'), outcome });
  } catch (error) {
    logger.warn('partner cancel API failed; the cancel-confirmation timer will decide', { partnerId: job.id, error: String(error) });
    return delivery;
  }
};

/**
 * After an operator's REATTEMPT (the only way attempts go above the default), the custody wait asks the
 * partner to try again, once the decision is the newest event. The request id is that event's, so a
 * repeated wait sends the same request, which the partner deduplicates. A failing call is logged for an
 * operator; the wait goes on.
 */
const askForReattempt = async (context: WorkflowTaskContext, delivery: Delivery): Promise<void> => {
  const job = delivery.partner;
  if (delivery.status !== DeliveryStatus.IN_TRANSIT || delivery.maxAttempts <= DEFAULT_MAX_ATTEMPTS || job?.jobId == null) return;
  const latest = await context.repository.latestEvent(delivery.deliveryId);
  if (latest?.type !== DeliveryEventType.DeliveryHoldReleased || latest.data.action !== OperatorAction.REATTEMPT) return;
  try {
    await context.partners.requestReattempt(job.id, job.jobId, `${delivery.deliveryId}-${String(latest.sequence)}`);
    logger.info('partner asked to reattempt the delivery', { partnerId: job.id, jobId: job.jobId });
  } catch (error) {
    logger.error('could not ask the partner to reattempt; ask it by hand', { partnerId: job.id, jobId: job.jobId, error: String(error) });
  }
};

/** What a callback task waits on: the delivery in `status` (its phase) on `taskToken`. */
interface Wait {
  readonly deliveryId: string;
  readonly status: DeliveryStatus;
  readonly phase: string;
  readonly taskToken: string;
}

/** Keeps the callback's token on the delivery, or resumes at once when the delivery has already moved on or ended. */
const registerWait = async (context: WorkflowTaskContext, wait: Wait): Promise<void> => {
  const ended = phaseOf(wait.status) === WaitPhase.ENDED;
  const registered = ended ? null : await context.repository.registerWait(wait.deliveryId, wait.status, wait.phase, wait.taskToken);
  if (registered === null) {
    await context.workflow.resume(wait.taskToken, stepNow(await load(context, wait.deliveryId), context));
    return;
  }
  logAbout(registered);
  await askForReattempt(context, registered);
};

/** The phases the booking's state waits in itself; any other goes back to "Decide what happens next". */
const BOOKING_WAITS: ReadonlySet<string> = new Set([WaitPhase.BOOKING, WaitPhase.AWAITING_PICKUP, WaitPhase.ON_HOLD]);

/**
 * Books, then waits in the same task on its callback: a booking is followed by a wait for pickup (or,
 * with no partner left, for an operator), and one state for both saves a billed transition. A delivery
 * found in another phase (a cancel during the booking, a restarted execution) is handed on at once, so
 * that the workflow waits where its status calls for.
 */
const bookAndWait = async (context: WorkflowTaskContext, task: Extract<WorkflowTask, { task: 'BOOK' }>, taskToken: string): Promise<void> => {
  const delivery = await book(context, task.deliveryId);
  const phase = phaseOf(delivery.status);
  if (BOOKING_WAITS.has(phase)) {
    await registerWait(context, { deliveryId: task.deliveryId, status: delivery.status, phase, taskToken });
    logger.info('workflow booked and waiting', { status: delivery.status, phase });
  } else {
    await context.workflow.resume(taskToken, stepNow(delivery, context));
    logger.info('workflow booked and handed on', { status: delivery.status, phase });
  }
};

/** The delivery after a task that does not wait on a callback. */
const runStep = async (task: Exclude<WorkflowTask, { task: 'WAIT' }>, context: WorkflowTaskContext): Promise<Delivery> => {
  switch (task.task) {
    case 'BOOK':
      // Without a callback: an execution started on the earlier definition, where booking and waiting were two states.
      return book(context, task.deliveryId);
    case 'TIMER': {
      const delivery = await load(context, task.deliveryId);
      return fire(context, delivery, dueTimers(delivery, context));
    }
    case 'STALL': {
      const delivery = await load(context, task.deliveryId);
      return context.clock().getTime() >= stallDeadline(delivery, context.timers) ? fire(context, delivery, ['STALL']) : delivery;
    }
    case 'CANCEL':
      return cancel(context, task.deliveryId);
  }
};

/**
 * One task of the delivery workflow: book and park on a callback (or, for a `BOOK` without a callback from
 * an execution on the earlier definition, book and return the next step), fire the due timers, report a
 * stall, cancel with the partner, or park on a callback. Every change goes through the one write path.
 */
export const runWorkflowTask = async (task: WorkflowTask, context: WorkflowTaskContext): Promise<WorkflowStep | Record<string, never>> => {
  logger.resetKeys();
  logger.appendKeys({ deliveryId: task.deliveryId, workflowTask: task.task, ...(task.executionArn === undefined ? {} : { executionArn: task.executionArn }) });
  try {
    if (task.task === 'WAIT') {
      await registerWait(context, task);
      logger.info('workflow waiting', { status: task.status, phase: task.phase });
      return {};
    }
    if (task.task === 'BOOK' && task.taskToken !== undefined) {
      await bookAndWait(context, task, task.taskToken);
      return {};
    }
    const step = stepNow(await runStep(task, context), context);
    logger.info('workflow task done', { status: step.status, wait: step.wait });
    return step;
  } finally {
    // The local stack runs the tasks in its own process, with no Lambda middleware to clear their keys after them.
    logger.resetKeys();
  }
};
