import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Duration } from 'aws-cdk-lib';
import { Capture, Match, Template } from 'aws-cdk-lib/assertions';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import { BacklogGauge } from '#application/backlog-gauges.ts';
import { DeadLetterQueue } from '../../cdk/constructs/dead-letter-queue.ts';
import { ServiceFunction } from '../../cdk/constructs/service-function.ts';
import { StreamConsumer } from '../../cdk/constructs/stream-consumer.ts';
import { DeliveryStack, type DeliveryStackProps } from '../../cdk/delivery-stack.ts';
import { onlyLogicalId, resourcesOf, synthesizedForTests } from '../support/cdk-app.ts';

type Resource = { Type: string; Properties: Record<string, unknown> };

const synthesizedApp = synthesizedForTests();

const template = (): Template => synthesizedApp().template;
const resources = (type: string): Record<string, Resource> => resourcesOf<Resource>(template(), type);
const onlyIdOf = (type: string): string => onlyLogicalId(template(), type);
const topic = (): { Ref: string } => ({ Ref: onlyIdOf('AWS::SNS::Topic') });
const logicalIdOf = (construct: { node: { defaultChild?: unknown } }): string => synthesizedApp().stack.getLogicalId(construct.node.defaultChild as CfnFunction);
const constructsOf = <T>(type: abstract new (...args: never[]) => T): T[] => synthesizedApp().stack.node.findAll().filter((construct): construct is T & typeof construct => construct instanceof type);

/** What every alarm of the service has: it notifies the topic in alarm and back to OK, and names its runbook. */
const notifying = (runbook: string) => ({
  AlarmActions: [topic()],
  OKActions: [topic()],
  AlarmDescription: Match.stringLikeRegexp(`Runbook: docs/runbooks/${runbook}\\.md$`),
});

const SERVICE = { Name: 'service', Value: 'delivery-lifecycle' };

/** A stack of its own, built without bundling, for the props the default stack does not show. */
const stackWith = (props: DeliveryStackProps): Template => {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  return Template.fromStack(new DeliveryStack(app, 'Tuned', props));
};

describe('the alarm topic', () => {
  it('is encrypted with a rotated key of its own that CloudWatch may use, refuses requests without TLS, and takes alarms of this account only', () => {
    const key = onlyIdOf('AWS::KMS::Key');
    template().hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [key, 'Arn'] } });
    template().hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'] }),
        ]),
      },
    });
    template().hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [topic()],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Action: 'sns:Publish', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Condition: { ArnLike: { 'aws:SourceArn': Match.anyValue() }, StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
          }),
        ]),
      },
    });
  });

  it('is an output of the stack', () => {
    template().hasOutput('AlarmTopicArn', { Value: topic() });
  });

  it('is notified by every alarm, each description naming a runbook of docs/runbooks/', () => {
    const alarms = Object.values(resources('AWS::CloudWatch::Alarm'));
    expect(alarms.length).toBeGreaterThanOrEqual(27);
    for (const alarm of alarms) {
      expect(alarm.Properties, String(alarm.Properties['AlarmName'])).toMatchObject({
        AlarmActions: [topic()],
        OKActions: [topic()],
        AlarmDescription: expect.stringMatching(/Runbook: docs\/runbooks\/(redrive-failed-execution|replay-events-from-archive|rotate-partner-secret|drain-dead-letter-queue|investigate-stuck-delivery)\.md$/) as string,
      });
    }
  });

  it('leaves cdk-nag and the template validation with no open finding', () => {
    const report = JSON.parse(readFileSync(join(synthesizedApp().outdir, 'validation-report.json'), 'utf8')) as { pluginReports: { violations: unknown[] }[] };
    expect(report.pluginReports.flatMap((plugin) => plugin.violations)).toEqual([]);
  });
});

describe('workflow execution alarms', () => {
  it.each([
    ['workflow-executions-failed', 'ExecutionsFailed'],
    ['workflow-executions-timed-out', 'ExecutionsTimedOut'],
    ['workflow-executions-aborted', 'ExecutionsAborted'],
  ])('%s fires on one %s of the state machine in 5 minutes', (name, metricName) => {
    template().hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: `BookstoreDelivery-${name}`,
      Namespace: 'AWS/States',
      MetricName: metricName,
      Dimensions: [{ Name: 'StateMachineArn', Value: { Ref: onlyIdOf('AWS::StepFunctions::StateMachine') } }],
      Statistic: 'Sum',
      Period: 300,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
      ...notifying('redrive-failed-execution'),
    });
  });
});

describe('dead-letter queue alarms', () => {
  const alarmOf = (queueId: string) =>
    Object.values(resources('AWS::CloudWatch::Alarm')).filter(
      (alarm) => alarm.Properties['MetricName'] === 'ApproximateNumberOfMessagesVisible' && JSON.stringify(alarm.Properties['Dimensions']) === JSON.stringify([{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }]),
    );

  it.each(['OutboxRelay', 'WorkflowNotifier', 'OrderEvents', 'Reconciliation'])('the %s queues fire on their first visible message', (owner) => {
    const queues = constructsOf(DeadLetterQueue).filter((queue) => queue.node.scope?.node.id === owner);
    expect(queues.length).toBeGreaterThan(0);
    for (const queue of queues) {
      template().hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: `BookstoreDelivery-dead-letters-${owner}-${queue.node.id}`,
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalIdOf(queue.queue), 'QueueName'] } }],
        Statistic: 'Maximum',
        Period: 300,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        EvaluationPeriods: 1,
        TreatMissingData: 'notBreaching',
        ...notifying('drain-dead-letter-queue'),
        AlarmDescription: Match.stringLikeRegexp(`dead-letter queue of ${queue.holds.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\..*Runbook: docs/runbooks/drain-dead-letter-queue\\.md$`),
      });
    }
  });

  it('cover every queue the template uses as a dead-letter queue, and the queue of rejected order events', () => {
    const body = JSON.stringify(template().toJSON());
    const referenced = new Set<string>();
    const queueIds = Object.keys(resources('AWS::SQS::Queue'));
    const queueArn = String.raw`\{"Fn::GetAtt":\["(\w+)","Arn"\]\}`;
    const asDeadLetterQueue = [
      // Lambda functions' and EventBridge rule and schedule targets' dead-letter configs
      new RegExp(String.raw`"DeadLetterConfig":\{"(?:TargetArn|Arn)":${queueArn}`, 'g'),
      // stream event source mappings' on-failure destinations
      new RegExp(String.raw`"OnFailure":\{"Destination":${queueArn}`, 'g'),
      // queues' redrive policies
      new RegExp(String.raw`"deadLetterTargetArn":${queueArn}`, 'g'),
    ];
    for (const pattern of asDeadLetterQueue) for (const [, id] of body.matchAll(pattern)) if (id !== undefined && queueIds.includes(id)) referenced.add(id);
    const rejected = new Capture();
    template().hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ REJECTED_EVENTS_QUEUE_URL: rejected }) } });
    referenced.add((rejected.asObject() as { Ref: string }).Ref);

    expect(referenced.size).toBe(5);
    for (const id of referenced) expect(alarmOf(id), id).toHaveLength(1);
  });
});

describe('stream lag alarms', () => {
  it.each(['OutboxRelay', 'WorkflowNotifier'])('the %s consumer fires when its iterator age stays over 5 minutes for 10 minutes', (consumerId) => {
    const consumer = constructsOf(StreamConsumer).find((candidate) => candidate.node.id === consumerId);
    expect(consumer).toBeDefined();
    template().hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: `BookstoreDelivery-stream-lag-${consumerId}`,
      Namespace: 'AWS/Lambda',
      MetricName: 'IteratorAge',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalIdOf(consumer?.handler.function ?? { node: {} }) } }],
      Statistic: 'Maximum',
      Period: 300,
      Threshold: 300_000,
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 2,
      DatapointsToAlarm: 2,
      TreatMissingData: 'notBreaching',
      ...notifying('drain-dead-letter-queue'),
    });
  });
});

describe('backlog alarms', () => {
  it.each([
    ['delivery-past-sla', BacklogGauge.OLDEST_ACTIVE_DELIVERY_AGE, 7 * 86_400],
    ['delivery-past-promise', BacklogGauge.OLDEST_OVERDUE_PROMISE, 86_400],
    ['hold-too-old', BacklogGauge.OLDEST_HOLD_AGE, 86_400],
  ])('%s fires when the %s gauge passes %d seconds, and when the gauge stops coming', (name, gauge, threshold) => {
    template().hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: `BookstoreDelivery-${name}`,
      Namespace: 'BookstoreDelivery',
      MetricName: gauge,
      Dimensions: [SERVICE],
      Statistic: 'Maximum',
      Period: 3600,
      Threshold: threshold,
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 1,
      TreatMissingData: 'missing',
      InsufficientDataActions: [topic()],
      ...notifying('investigate-stuck-delivery'),
    });
  });

  it('take the thresholds a deployment gives', () => {
    const tuned = stackWith({ alarmThresholds: { deliverySla: Duration.days(3), promiseGrace: Duration.hours(6), holdAgeThreshold: Duration.hours(4), streamLagThreshold: Duration.minutes(1), webhookRejectsThreshold: 50 } });
    tuned.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'Tuned-delivery-past-sla', Threshold: 3 * 86_400 });
    tuned.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'Tuned-delivery-past-promise', Threshold: 6 * 3600 });
    tuned.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'Tuned-hold-too-old', Threshold: 4 * 3600 });
    tuned.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'Tuned-stream-lag-OutboxRelay', Threshold: 60_000 });
    tuned.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'Tuned-webhook-signature-rejects', Threshold: 50 });
  });
});

describe('the API server errors alarm', () => {
  it("fires on 3 answers with a 5XX in 15 minutes, which the handlers' own Lambda errors do not count", () => {
    template().hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'BookstoreDelivery-api-server-errors',
      Namespace: 'AWS/ApiGateway',
      MetricName: '5XXError',
      Dimensions: [{ Name: 'ApiName', Value: 'bookstore-delivery' }],
      Statistic: 'Sum',
      Period: 900,
      Threshold: 3,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      ...notifying('investigate-stuck-delivery'),
    });
  });
});

describe('the webhook signature alarm', () => {
  it('fires on 10 rejects in 15 minutes, not on a single one', () => {
    template().hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'BookstoreDelivery-webhook-signature-rejects',
      Metrics: [
        Match.objectLike({ Expression: 'FILL(rejected0, 0)', ReturnData: true }),
        {
          Id: 'rejected0',
          MetricStat: {
            Metric: { Namespace: 'BookstoreDelivery', MetricName: 'Webhooks', Dimensions: [{ Name: 'partnerId', Value: 'manual' }, { Name: 'result', Value: 'rejected' }, SERVICE] },
            Period: 900,
            Stat: 'Sum',
          },
          ReturnData: false,
        },
      ],
      Threshold: 10,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
      ...notifying('rotate-partner-secret'),
    });
  });

  it('sums the rejects of every partner and tracking aggregator', () => {
    const metrics = new Capture();
    stackWith({ partners: ['manual', 'acme'], partnerEndpoints: { acme: 'https://api.acme.example' }, trackingAggregators: ['aftership'] }).hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'Tuned-webhook-signature-rejects',
      Metrics: metrics,
    });
    const [expression, ...stats] = metrics.asArray() as { Expression?: string; MetricStat?: { Metric: { Dimensions: { Name: string; Value: string }[] } } }[];
    expect(expression?.Expression).toBe('FILL(rejected0, 0) + FILL(rejected1, 0) + FILL(rejected2, 0)');
    expect(stats.map((stat) => stat.MetricStat?.Metric.Dimensions.find((dimension) => dimension.Name === 'partnerId')?.Value)).toEqual(['manual', 'acme', 'aftership']);
  });

  it('refuses more sources than one alarm can read', () => {
    const partners = Array.from({ length: 11 }, (_, index) => `p${String(index)}`);
    expect(() => stackWith({ partners, partnerEndpoints: Object.fromEntries(partners.map((id) => [id, `https://${id}.example`])) })).toThrow(/1 to 10 sources, not 11/);
  });
});

describe('function alarms', () => {
  it('exist for the seven functions of the service', () => {
    expect(constructsOf(ServiceFunction).map((fn) => fn.handlerName).sort()).toEqual(['api', 'order-events', 'reconciler', 'relay', 'webhook', 'workflow', 'workflow-notifier']);
  });

  it.each(['api', 'webhook', 'order-events', 'relay', 'workflow-notifier', 'workflow', 'reconciler'])('the %s function alarms on 3 errors, and on 3 throttles, in 15 minutes', (handlerName) => {
    const fn = constructsOf(ServiceFunction).find((candidate) => candidate.handlerName === handlerName);
    expect(fn).toBeDefined();
    for (const [kind, metricName] of [['errors', 'Errors'], ['throttles', 'Throttles']] as const) {
      template().hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: `BookstoreDelivery-lambda-${handlerName}-${kind}`,
        Namespace: 'AWS/Lambda',
        MetricName: metricName,
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalIdOf(fn?.function ?? { node: {} }) } }],
        Statistic: 'Sum',
        Period: 900,
        Threshold: 3,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        EvaluationPeriods: 1,
        TreatMissingData: 'notBreaching',
        AlarmActions: [topic()],
      });
    }
  });
});

describe('the lifecycle dashboard', () => {
  type Widget = { type: string; properties: { title: string; metrics?: unknown[][]; alarms?: string[] } };
  /** The dashboard's widgets, its tokens (region, alarm ARNs) left in as their JSON. */
  const widgets = (): Widget[] => {
    const body = new Capture();
    template().hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: 'BookstoreDelivery-lifecycle', DashboardBody: body });
    const [, parts] = (body.asObject() as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];
    const json = parts.map((part) => (typeof part === 'string' ? part : JSON.stringify(JSON.stringify(part)).slice(1, -1))).join('');
    return (JSON.parse(json) as { widgets: Widget[] }).widgets;
  };
  const metricsOf = (title: string): unknown[][] => widgets().find((widget) => widget.properties.title === title)?.properties.metrics ?? [];

  it('names its widgets', () => {
    expect(widgets().map((widget) => widget.properties.title)).toEqual([
      'Alarms',
      'Deliveries created and delivered',
      'Deliveries cancelled, returned, lost, failed, past promisedBy',
      'Workflow executions',
      'Holds opened by reason',
      'Deliveries on hold by reason',
      'Oldest hold, oldest active delivery, most overdue promise (hours)',
      'Webhooks by result',
      'Webhooks rejected and statuses quarantined, by source',
      'Partner call errors',
      'Partner call latency (p99, ms)',
      'Stream lag (iterator age, ms) and relay publish failures',
    ]);
  });

  it('heads with the state of every alarm', () => {
    const [status] = widgets();
    const alarmIds = Object.keys(resources('AWS::CloudWatch::Alarm'));
    expect(status?.properties.alarms?.map((arn) => (JSON.parse(arn) as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0]).sort()).toEqual(alarmIds.sort());
  });

  it('graphs the service metrics under the names and dimensions the functions write', () => {
    const service = ['service', 'delivery-lifecycle'];
    expect(metricsOf('Deliveries created and delivered')).toEqual([
      ['BookstoreDelivery', 'Transitions', 'eventType', 'DeliveryCreated', ...service, expect.objectContaining({ label: 'DeliveryCreated', stat: 'Sum' })],
      ['BookstoreDelivery', 'Transitions', 'eventType', 'DeliveryDelivered', ...service, expect.objectContaining({ label: 'DeliveryDelivered', stat: 'Sum' })],
    ]);
    expect(metricsOf('Holds opened by reason')).toContainEqual(['BookstoreDelivery', 'HoldsOpened', 'holdReason', 'MAX_ATTEMPTS', ...service, expect.objectContaining({ stat: 'Sum' })]);
    expect(metricsOf('Deliveries on hold by reason')).toContainEqual(['BookstoreDelivery', BacklogGauge.ON_HOLD, 'holdReason', 'STALLED', ...service, expect.objectContaining({ stat: 'Maximum' })]);
    expect(metricsOf('Oldest hold, oldest active delivery, most overdue promise (hours)')).toContainEqual(['BookstoreDelivery', BacklogGauge.OLDEST_HOLD_AGE, ...service, expect.objectContaining({ stat: 'Maximum' })]);
    expect(metricsOf('Oldest hold, oldest active delivery, most overdue promise (hours)')).toContainEqual(['BookstoreDelivery', BacklogGauge.OLDEST_OVERDUE_PROMISE, ...service, expect.objectContaining({ stat: 'Maximum' })]);
    expect(metricsOf('Webhooks rejected and statuses quarantined, by source')).toContainEqual(['BookstoreDelivery', 'Webhooks', 'partnerId', 'manual', 'result', 'rejected', ...service, expect.anything()]);
    expect(metricsOf('Partner call latency (p99, ms)')).toEqual([['BookstoreDelivery', 'PartnerCallLatency', 'partnerId', 'manual', ...service, expect.objectContaining({ stat: 'p99' })]]);
    expect(metricsOf('Stream lag (iterator age, ms) and relay publish failures')).toContainEqual(['BookstoreDelivery', 'RelayPublishFailures', ...service, expect.objectContaining({ yAxis: 'right' })]);
    expect(metricsOf('Workflow executions').map((metric) => metric[1])).toEqual(['ExecutionsStarted', 'ExecutionsSucceeded', 'ExecutionsFailed', 'ExecutionsTimedOut', 'ExecutionsAborted']);
  });
});
