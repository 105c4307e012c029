import { Duration, Stack } from 'aws-cdk-lib';
import { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { Topic } from 'aws-cdk-lib/aws-sns';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import {
  apiServerErrorsAlarm,
  deadLetterAlarm,
  deliveryPastPromiseAlarm,
  deliveryPastSlaAlarm,
  executionAlarms,
  functionAlarms,
  holdTooOldAlarm,
  streamLagAlarm,
  webhookRejectsAlarm,
  type AlarmSpec,
} from '../alarm-specs.ts';
import { AlarmTopic } from './alarm-topic.ts';
import type { DeadLetterQueue } from './dead-letter-queue.ts';
import type { ServiceFunction } from './service-function.ts';
import type { StreamConsumer } from './stream-consumer.ts';

/** Properties of {@link OperationsAlarms}. */
export interface OperationsAlarmsProps {
  /** The REST API: its 5XX answers alarm (the API handler answers an unexpected error with a 500, so its Lambda does not fail). */
  readonly api: RestApi;
  /** The delivery workflow, whose failed, timed-out and aborted executions alarm. */
  readonly stateMachine: IStateMachine;
  /** Every function of the service; each alarms on errors and on throttles. */
  readonly functions: readonly ServiceFunction[];
  /** Every dead-letter queue of the service; each alarms on its first message. */
  readonly deadLetterQueues: readonly DeadLetterQueue[];
  /** The consumers of the table's stream; each alarms when it falls behind. */
  readonly streamConsumers: readonly StreamConsumer[];
  /** The ids webhooks arrive under (partners and tracking aggregators), 1 to 10 of them. */
  readonly webhookSources: readonly string[];
  /**
   * How long a delivery may be under way, from its creation, before the engineer on call hears of it.
   * @default Duration.days(7)
   */
  readonly deliverySla?: Duration;
  /**
   * How long after its `promisedBy` a delivery may still be under way before the engineer on call hears of it.
   * @default Duration.hours(24)
   */
  readonly promiseGrace?: Duration;
  /**
   * How long a delivery may wait ON_HOLD for an operator before the engineer on call hears of it.
   * @default Duration.hours(24)
   */
  readonly holdAgeThreshold?: Duration;
  /**
   * How far behind the table's stream a consumer may stay (its iterator age) for 10 minutes.
   * @default Duration.minutes(5)
   */
  readonly streamLagThreshold?: Duration;
  /**
   * How many webhooks refused for their signature in 15 minutes, across partners, make an alarm.
   * @default 10
   */
  readonly webhookRejectsThreshold?: number;
}

/** The thresholds of {@link OperationsAlarms} a deployment may tune. */
export type AlarmThresholds = Pick<OperationsAlarmsProps, 'deliverySla' | 'promiseGrace' | 'holdAgeThreshold' | 'streamLagThreshold' | 'webhookRejectsThreshold'>;

/** The most metrics a CloudWatch alarm may read. */
const MAX_ALARM_METRICS = 10;

/**
 * The alarms that should wake the engineer on call, all notifying one encrypted SNS topic (in alarm and
 * back to OK): failed, timed-out and aborted workflow executions; a message in any dead-letter queue; a
 * stream consumer falling behind; the oldest active delivery past its SLA and the oldest hold past its
 * threshold (from the gauges the reconciliation records, and when those stop coming); a burst of
 * webhooks refused for their signature; errors and throttles of every function. Each description says
 * what the alarm means and names the runbook to follow (`cdk/alarm-specs.ts`).
 */
export class OperationsAlarms extends Construct {
  /** The topic every alarm notifies; subscribe the on-call to it. */
  public readonly topic: Topic;
  /** Every alarm. */
  public readonly alarms: readonly Alarm[];
  /** How long a delivery may be under way before it alarms. */
  public readonly deliverySla: Duration;
  /** How long past its promise a delivery may be under way before it alarms. */
  public readonly promiseGrace: Duration;
  /** How long a delivery may wait on hold before it alarms. */
  public readonly holdAgeThreshold: Duration;

  constructor(scope: Construct, id: string, props: OperationsAlarmsProps) {
    super(scope, id);
    if (props.webhookSources.length < 1 || props.webhookSources.length > MAX_ALARM_METRICS) {
      throw new Error(`${id}: one alarm sums the webhook rejects of 1 to ${String(MAX_ALARM_METRICS)} sources, not ${String(props.webhookSources.length)}`);
    }
    this.deliverySla = props.deliverySla ?? Duration.days(7);
    this.promiseGrace = props.promiseGrace ?? Duration.hours(24);
    this.holdAgeThreshold = props.holdAgeThreshold ?? Duration.hours(24);
    this.topic = new AlarmTopic(this, 'Notifications').topic;
    const specs: AlarmSpec[] = [
      ...executionAlarms(props.stateMachine),
      ...props.deadLetterQueues.map(deadLetterAlarm),
      ...props.streamConsumers.map((consumer) => streamLagAlarm(consumer, props.streamLagThreshold ?? Duration.minutes(5))),
      deliveryPastSlaAlarm(this.deliverySla),
      deliveryPastPromiseAlarm(this.promiseGrace),
      holdTooOldAlarm(this.holdAgeThreshold),
      webhookRejectsAlarm(props.webhookSources, props.webhookRejectsThreshold ?? 10),
      ...props.functions.flatMap(functionAlarms),
      apiServerErrorsAlarm(props.api),
    ];
    const notify = new SnsAction(this.topic);
    const stackName = Stack.of(this).stackName;
    this.alarms = specs.map((spec) => {
      const alarm = new Alarm(this, spec.name, {
        alarmName: `${stackName}-${spec.name}`,
        alarmDescription: `${spec.description} Runbook: ${spec.runbook}`,
        metric: spec.metric,
        threshold: spec.threshold,
        comparisonOperator: spec.comparisonOperator,
        evaluationPeriods: spec.evaluationPeriods,
        datapointsToAlarm: spec.datapointsToAlarm ?? spec.evaluationPeriods,
        treatMissingData: spec.treatMissingData,
      });
      alarm.addAlarmAction(notify);
      alarm.addOkAction(notify);
      if (spec.notifyWhenSilent === true) alarm.addInsufficientDataAction(notify);
      return alarm;
    });
  }
}
