import type { MetricName } from '#shared/metrics.ts';
import { Duration, Stack } from 'aws-cdk-lib';
import { AlarmStatusWidget, Dashboard, GraphWidget, MathExpression, Stats, type IMetric, type IWidget } from 'aws-cdk-lib/aws-cloudwatch';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { BacklogGauge } from '#application/backlog-gauges.ts';
import { DeliveryEventType } from '#domain/event-types.ts';
import { HOLD_REASONS } from '#domain/hold-reasons.ts';
import { serviceMetric, summedOverPartners, webhooksSummed, type WebhookResult } from '../service-metrics.ts';
import type { OperationsAlarms } from './operations-alarms.ts';
import type { StreamConsumer } from './stream-consumer.ts';

/** Properties of {@link LifecycleDashboard}. */
export interface LifecycleDashboardProps {
  /** The delivery workflow. */
  readonly stateMachine: IStateMachine;
  /** The consumers of the table's stream (the outbox relay, the workflow notifier). */
  readonly streamConsumers: readonly StreamConsumer[];
  /** The delivery partners, whose calls are timed and counted. */
  readonly partners: readonly string[];
  /** The ids webhooks arrive under (partners and tracking aggregators). */
  readonly webhookSources: readonly string[];
  /** The alarms: their states head the dashboard, and the backlog thresholds are drawn on the gauges. */
  readonly alarms: OperationsAlarms;
  /**
   * The dashboard's name.
   * @default '<stack name>-lifecycle'
   */
  readonly dashboardName?: string;
}

const WEBHOOK_RESULTS: readonly WebhookResult[] = ['applied', 'recorded', 'duplicate', 'rejected'];
const GAUGE_PERIOD = Duration.minutes(15);

const graph = (title: string, left: IMetric[], options: { stacked?: boolean; right?: IMetric[] } = {}): GraphWidget =>
  new GraphWidget({ title, left, width: 8, height: 6, ...options });

const transitions = (...types: DeliveryEventType[]): IMetric[] =>
  types.map((eventType) => serviceMetric('Transitions', { dimensions: { eventType }, label: eventType }));

const hours = (gauge: MetricName, id: string, label: string): MathExpression =>
  new MathExpression({ expression: `${id} / 3600`, usingMetrics: { [id]: serviceMetric(gauge, { statistic: Stats.MAXIMUM, period: GAUGE_PERIOD }) }, label, period: GAUGE_PERIOD });

/**
 * The CloudWatch dashboard of the delivery lifecycle: the alarms' states; deliveries created, delivered and
 * ended otherwise; workflow executions; holds opened and open by reason; the oldest hold and oldest active
 * delivery against their thresholds; webhooks by result and rejects by source; partner errors and latency;
 * the stream consumers' lag and the relay's publish failures.
 */
export class LifecycleDashboard extends Construct {
  /** The dashboard. */
  public readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: LifecycleDashboardProps) {
    super(scope, id);
    const { stateMachine, partners, webhookSources, alarms } = props;
    const rows: IWidget[][] = [
      [new AlarmStatusWidget({ title: 'Alarms', alarms: [...alarms.alarms], width: 24, height: 6 })],
      [
        graph('Deliveries created and delivered', transitions(DeliveryEventType.DeliveryCreated, DeliveryEventType.DeliveryDelivered)),
        graph(
          'Deliveries cancelled, returned, lost, failed, past promisedBy',
          transitions(DeliveryEventType.DeliveryCancelled, DeliveryEventType.DeliveryReturned, DeliveryEventType.DeliveryLost, DeliveryEventType.DeliveryFailed, DeliveryEventType.DeliverySlaBreached),
        ),
        graph('Workflow executions', [
          stateMachine.metricStarted({ label: 'Started' }),
          stateMachine.metricSucceeded({ label: 'Succeeded' }),
          stateMachine.metricFailed({ label: 'Failed' }),
          stateMachine.metricTimedOut({ label: 'Timed out' }),
          stateMachine.metricAborted({ label: 'Aborted' }),
        ]),
      ],
      [
        graph('Holds opened by reason', HOLD_REASONS.map((holdReason) => serviceMetric('HoldsOpened', { dimensions: { holdReason }, label: holdReason })), { stacked: true }),
        graph(
          'Deliveries on hold by reason',
          HOLD_REASONS.map((holdReason) => serviceMetric(BacklogGauge.ON_HOLD, { dimensions: { holdReason }, statistic: Stats.MAXIMUM, period: GAUGE_PERIOD, label: holdReason })),
          { stacked: true },
        ),
        new GraphWidget({
          title: 'Oldest hold, oldest active delivery, most overdue promise (hours)',
          left: [
            hours(BacklogGauge.OLDEST_HOLD_AGE, 'hold', 'Oldest hold'),
            hours(BacklogGauge.OLDEST_ACTIVE_DELIVERY_AGE, 'active', 'Oldest active delivery'),
            hours(BacklogGauge.OLDEST_OVERDUE_PROMISE, 'overdue', 'Most overdue promise'),
          ],
          leftAnnotations: [
            { value: alarms.holdAgeThreshold.toHours(), label: 'Hold alarm' },
            { value: alarms.deliverySla.toHours(), label: 'SLA alarm' },
            { value: alarms.promiseGrace.toHours(), label: 'Promise alarm' },
          ],
          width: 8,
          height: 6,
        }),
      ],
      [
        graph('Webhooks by result', WEBHOOK_RESULTS.map((result) => webhooksSummed(webhookSources, result, Duration.minutes(5)))),
        graph(
          'Webhooks rejected and statuses quarantined, by source',
          webhookSources.flatMap((partnerId) => [
            serviceMetric('Webhooks', { dimensions: { partnerId, result: 'rejected' }, label: `${partnerId} rejected` }),
            serviceMetric('PartnerStatusesQuarantined', { dimensions: { partnerId }, label: `${partnerId} quarantined` }),
          ]),
        ),
        graph('Partner call errors', [
          summedOverPartners('PartnerCallErrors', partners, { idPrefix: 'errors', label: 'All partners', period: Duration.minutes(5) }),
          ...partners.map((partnerId) => serviceMetric('PartnerCallErrors', { dimensions: { partnerId }, label: partnerId })),
        ]),
      ],
      [
        graph(
          'Partner call latency (p99, ms)',
          partners.map((partnerId) => serviceMetric('PartnerCallLatency', { dimensions: { partnerId }, statistic: Stats.p(99), label: partnerId })),
        ),
        graph(
          'Stream lag (iterator age, ms) and relay publish failures',
          props.streamConsumers.map((consumer) => consumer.handler.function.metric('IteratorAge', { statistic: Stats.MAXIMUM, label: `${consumer.handler.handlerName} lag` })),
          { right: [serviceMetric('RelayPublishFailures', { label: 'Relay publish failures' })] },
        ),
      ],
    ];
    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName ?? `${Stack.of(this).stackName}-lifecycle`,
      defaultInterval: Duration.days(1),
      widgets: rows,
    });
  }
}
