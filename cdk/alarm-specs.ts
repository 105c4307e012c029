import type { MetricName } from '#shared/metrics.ts';
import { Duration } from 'aws-cdk-lib';
import { ComparisonOperator, Stats, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { BacklogGauge } from '#application/backlog-gauges.ts';
import type { DeadLetterQueue } from './constructs/dead-letter-queue.ts';
import type { HandlerName, ServiceFunction } from './constructs/service-function.ts';
import type { StreamConsumer } from './constructs/stream-consumer.ts';
import { Runbook } from './runbooks.ts';
import { serviceMetric, webhooksSummed } from './service-metrics.ts';

/** One alarm: what it watches, when it fires, what it means and what to do. */
export interface AlarmSpec {
  /** Its construct id; the alarm is named `<stack>-<name>`. */
  readonly name: string;
  readonly metric: IMetric;
  readonly threshold: number;
  readonly comparisonOperator: ComparisonOperator;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm?: number;
  readonly treatMissingData: TreatMissingData;
  /** What the alarm state means, then what to do. */
  readonly description: string;
  readonly runbook: Runbook;
  /** Whether it also notifies when its metric stops coming (INSUFFICIENT_DATA). */
  readonly notifyWhenSilent?: boolean;
}

/** Errors or throttles of a function in {@link FUNCTION_WINDOW} that make an alarm: one or two are retried. */
const FUNCTION_PROBLEMS = 3;
const FUNCTION_WINDOW = Duration.minutes(15);
/** The gauges come every 15 minutes (the reconciliation schedule): an hour holds several of them. */
const GAUGE_WINDOW = Duration.hours(1);
const WEBHOOK_REJECTS_WINDOW = Duration.minutes(15);

/** Where the engineer goes when a function keeps failing: what its failures leave behind. */
const FUNCTION_RUNBOOKS: Readonly<Record<HandlerName, Runbook>> = {
  api: Runbook.INVESTIGATE_STUCK_DELIVERY,
  webhook: Runbook.INVESTIGATE_STUCK_DELIVERY,
  'order-events': Runbook.DRAIN_DEAD_LETTER_QUEUE,
  relay: Runbook.DRAIN_DEAD_LETTER_QUEUE,
  workflow: Runbook.REDRIVE_FAILED_EXECUTION,
  'workflow-notifier': Runbook.DRAIN_DEAD_LETTER_QUEUE,
  reconciler: Runbook.DRAIN_DEAD_LETTER_QUEUE,
};

const atLeastOnce = { threshold: 1, comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, evaluationPeriods: 1 } as const;

/** Failed, timed-out and aborted executions of the delivery workflow: each is a delivery nobody follows any more. */
export const executionAlarms = (stateMachine: IStateMachine): AlarmSpec[] => {
  const period = Duration.minutes(5);
  const common = { ...atLeastOnce, treatMissingData: TreatMissingData.NOT_BREACHING, runbook: Runbook.REDRIVE_FAILED_EXECUTION };
  return [
    {
      ...common,
      name: 'workflow-executions-failed',
      metric: stateMachine.metricFailed({ period, statistic: Stats.SUM }),
      description:
        "A delivery workflow execution failed (it reached 'Stop: the workflow could not continue'): no timer or partner milestone moves its delivery on any more. Find it in the Step Functions console (DeliveryLifecycle, status Failed), fix the cause and redrive it.",
    },
    {
      ...common,
      name: 'workflow-executions-timed-out',
      metric: stateMachine.metricTimedOut({ period, statistic: Stats.SUM }),
      description: 'A delivery workflow execution timed out: its delivery is no longer followed. Find it in the Step Functions console (status Timed out) and redrive it.',
    },
    {
      ...common,
      name: 'workflow-executions-aborted',
      metric: stateMachine.metricAborted({ period, statistic: Stats.SUM }),
      description:
        'A delivery workflow execution was stopped by hand (the service never stops one): its delivery has no workflow any more. Find it in the Step Functions console (status Aborted) and redrive it, unless the delivery was resolved by hand.',
    },
  ];
};

/** The first message in a dead-letter queue. */
export const deadLetterAlarm = (deadLetters: DeadLetterQueue): AlarmSpec => ({
  ...atLeastOnce,
  name: `dead-letters-${deadLetters.node.scope?.node.id ?? ''}-${deadLetters.node.id}`,
  metric: deadLetters.queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: Stats.MAXIMUM }),
  // An idle queue reports nothing; a queue with messages in it is active and reports them.
  treatMissingData: TreatMissingData.NOT_BREACHING,
  description: `A message is waiting in the dead-letter queue of ${deadLetters.holds}. It stays in alarm until the queue is drained: read the messages, fix the cause, redrive or delete them.`,
  runbook: Runbook.DRAIN_DEAD_LETTER_QUEUE,
});

/** A consumer of the table's stream more than `lag` behind for 10 minutes. */
export const streamLagAlarm = (consumer: StreamConsumer, lag: Duration): AlarmSpec => ({
  name: `stream-lag-${consumer.node.id}`,
  metric: consumer.handler.function.metric('IteratorAge', { period: Duration.minutes(5), statistic: Stats.MAXIMUM }),
  threshold: lag.toMilliseconds(),
  comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
  evaluationPeriods: 2,
  datapointsToAlarm: 2,
  // The consumer is only invoked when records come; a stuck one keeps being invoked with the same record.
  treatMissingData: TreatMissingData.NOT_BREACHING,
  description: `The ${consumer.handler.handlerName} consumer of the delivery table's stream has been more than ${lag.toHumanString()} behind for 10 minutes (IteratorAge): ${consumer.handler.handlerName === 'relay' ? 'events reach the bus and its subscribers late' : 'workflows are started and resumed late'}. A record it keeps failing on is retried for 6 hours, then its position goes to the on-failure queue. Read the function's errors in its log group.`,
  runbook: Runbook.DRAIN_DEAD_LETTER_QUEUE,
});

const gaugeAlarm = (name: string, gauge: MetricName, limit: Duration, description: string): AlarmSpec => ({
  name,
  metric: serviceMetric(gauge, { statistic: Stats.MAXIMUM, period: GAUGE_WINDOW }),
  threshold: limit.toSeconds(),
  comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
  evaluationPeriods: 1,
  // No gauge for an hour means the reconciliation is not running: nobody is watching the backlog.
  treatMissingData: TreatMissingData.MISSING,
  notifyWhenSilent: true,
  description: `${description} Also notifies when the gauge stops coming (INSUFFICIENT_DATA): the reconciliation, which records it every 15 minutes, is not running.`,
  runbook: Runbook.INVESTIGATE_STUCK_DELIVERY,
});

/** The active delivery created longest ago, past `sla`. */
export const deliveryPastSlaAlarm = (sla: Duration): AlarmSpec =>
  gaugeAlarm(
    'delivery-past-sla',
    BacklogGauge.OLDEST_ACTIVE_DELIVERY_AGE,
    sla,
    `A delivery has been under way for more than ${sla.toHumanString()} since it was created (OldestActiveDeliveryAgeSeconds). The reconciliation's 'backlog measured' log line names it (oldestActive).`,
  );

/** The active delivery whose `promisedBy` passed longest ago, more than `grace` ago. */
export const deliveryPastPromiseAlarm = (grace: Duration): AlarmSpec =>
  gaugeAlarm(
    'delivery-past-promise',
    BacklogGauge.OLDEST_OVERDUE_PROMISE,
    grace,
    `A delivery is still under way more than ${grace.toHumanString()} after the time promised to the customer (OldestOverduePromiseSeconds; its workflow published DeliverySlaBreached when the promise passed). The reconciliation's 'backlog measured' log line names it (mostOverdue).`,
  );

/** The delivery longest on hold, past `threshold`. */
export const holdTooOldAlarm = (threshold: Duration): AlarmSpec =>
  gaugeAlarm(
    'hold-too-old',
    BacklogGauge.OLDEST_HOLD_AGE,
    threshold,
    `A delivery has waited ON_HOLD for an operator for more than ${threshold.toHumanString()} (OldestHoldAgeSeconds). The reconciliation's 'backlog measured' log line names it (oldestHold); resolve it from the operator dashboard.`,
  );

/** `threshold` webhooks refused for their signature in 15 minutes, across `sources`. */
export const webhookRejectsAlarm = (sources: readonly string[], threshold: number): AlarmSpec => ({
  name: 'webhook-signature-rejects',
  metric: webhooksSummed(sources, 'rejected', WEBHOOK_REJECTS_WINDOW),
  threshold,
  comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
  evaluationPeriods: 1,
  treatMissingData: TreatMissingData.NOT_BREACHING,
  description: `${String(threshold)} or more partner webhooks were refused for a missing, wrong or stale signature in 15 minutes (Webhooks, result rejected): a partner signs with a secret we do not hold (a rotation half done), its clock is more than 300 s off, or someone is forging webhooks. The 'webhook signature refused' log lines name the partner and the problem.`,
  runbook: Runbook.ROTATE_PARTNER_SECRET,
});

/** Answers of the API with a 5XX status: {@link FUNCTION_PROBLEMS} in 15 minutes. */
export const apiServerErrorsAlarm = (api: RestApi): AlarmSpec => ({
  name: 'api-server-errors',
  metric: api.metricServerError({ period: FUNCTION_WINDOW, statistic: Stats.SUM }),
  threshold: FUNCTION_PROBLEMS,
  comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
  evaluationPeriods: 1,
  treatMissingData: TreatMissingData.NOT_BREACHING,
  description: `The API answered ${String(FUNCTION_PROBLEMS)} or more requests with a 5XX in 15 minutes (5XXError). The handlers answer an unexpected error (a DynamoDB or Step Functions outage, a bug) with a 500 and log it at ERROR, so their functions do not count it as failed: read the ERROR lines of the api and webhook log groups.`,
  runbook: Runbook.INVESTIGATE_STUCK_DELIVERY,
});

/** Errors, and throttles, of a function: {@link FUNCTION_PROBLEMS} in 15 minutes. */
export const functionAlarms = (fn: ServiceFunction): AlarmSpec[] => {
  const common = {
    threshold: FUNCTION_PROBLEMS,
    comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    evaluationPeriods: 1,
    treatMissingData: TreatMissingData.NOT_BREACHING,
    runbook: FUNCTION_RUNBOOKS[fn.handlerName],
  };
  const window = { period: FUNCTION_WINDOW, statistic: Stats.SUM };
  return [
    {
      ...common,
      name: `lambda-${fn.handlerName}-errors`,
      metric: fn.function.metricErrors(window),
      description: `The ${fn.handlerName} function failed ${String(FUNCTION_PROBLEMS)} or more invocations in 15 minutes (uncaught errors, timeouts, crashes). Read the ERROR lines of its log group.`,
    },
    {
      ...common,
      name: `lambda-${fn.handlerName}-throttles`,
      metric: fn.function.metricThrottles(window),
      description: `Lambda throttled ${String(FUNCTION_PROBLEMS)} or more invocations of the ${fn.handlerName} function in 15 minutes: the account's concurrency is used up. Asynchronous and stream invocations are retried, API callers get errors. Find what uses the concurrency, or raise the quota.`,
    },
  ];
};
