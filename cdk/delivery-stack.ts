import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { EVENT_SOURCE } from '#adapters/event-entries.ts';
import { ItemType } from '#adapters/delivery-store/keys.ts';
import { partnerEnvSchema } from '#adapters/partners/partner-settings.ts';
import type * as z from 'zod';
import type { partnerRouteSchema } from '#schemas/partner-routes.ts';
import type { TrackingAggregator } from '#http/tracking-formats/tracking-formats.ts';
import { DeliveryApi } from './constructs/delivery-api.ts';
import { DeliveryBus } from './constructs/delivery-bus.ts';
import { DeliveryTable } from './constructs/delivery-table.ts';
import { DeliveryWorkflow } from './constructs/delivery-workflow.ts';
import { EventSchemas } from './constructs/event-schemas.ts';
import { LifecycleDashboard } from './constructs/lifecycle-dashboard.ts';
import { OperationsAlarms, type AlarmThresholds } from './constructs/operations-alarms.ts';
import { OperatorDashboard } from './constructs/operator-dashboard.ts';
import { OperatorPool } from './constructs/operator-pool.ts';
import { OrderEventsIntake } from './constructs/order-events-intake.ts';
import { PartnerSecrets } from './constructs/partner-secrets.ts';
import { Reconciliation } from './constructs/reconciliation.ts';
import { StreamConsumer } from './constructs/stream-consumer.ts';
import type { TimerSettings } from './timer-settings.ts';
import { timerEnvironment } from './timer-settings.ts';

/** Properties of {@link DeliveryStack}. */
export interface DeliveryStackProps extends StackProps {
  /**
   * The delivery table's physical name.
   * @default a name CloudFormation generates
   */
  readonly tableName?: string;
  /**
   * The event bus's name.
   * @default 'bookstore-delivery'
   */
  readonly busName?: string;
  /**
   * The delivery partners, in order of preference; each gets a secret (webhook signatures, and the
   * signatures of our requests to its API).
   * @default ['manual']
   */
  readonly partners?: readonly string[];
  /**
   * The base URL of the booking API of each partner that is not built in (README, "Partner API").
   * @default none
   */
  readonly partnerEndpoints?: Readonly<Record<string, string>>;
  /**
   * The routing rules that choose a delivery's partners by country, postal prefix and weight.
   * @default none: every partner, in the order of `partners`
   */
  readonly partnerRoutes?: readonly z.input<typeof partnerRouteSchema>[];
  /**
   * The tracking aggregators whose webhooks the service takes, each at `/webhooks/<id>` with a secret of its own.
   * @default none
   */
  readonly trackingAggregators?: readonly TrackingAggregator[];
  /**
   * The lifecycle timers.
   * @default the contract's: 48 h pickup deadline, 5 days stall threshold, 1 h cancel confirmation
   */
  readonly timers?: TimerSettings;
  /**
   * The thresholds of the alarms.
   * @default those of {@link OperationsAlarms}: 7 days SLA, 24 h hold, 5 min stream lag, 10 webhook rejects in 15 min
   */
  readonly alarmThresholds?: AlarmThresholds;
}

/** The delivery lifecycle service. Wiring only: each concern is a construct of its own. */
export class DeliveryStack extends Stack {
  /** Where deliveries, their history and the outbox live. */
  public readonly deliveries: DeliveryTable;
  /** The event bus. */
  public readonly events: DeliveryBus;
  /** The workflow. */
  public readonly workflow: DeliveryWorkflow;
  /** The API. */
  public readonly api: DeliveryApi;
  /** The alarms and the topic they notify. */
  public readonly alarms: OperationsAlarms;

  constructor(scope: Construct, id: string, props: DeliveryStackProps = {}) {
    super(scope, id, props);
    const partners = props.partners ?? ['manual'];
    const partnerEnvironment = {
      PARTNERS: partners.join(','),
      PARTNER_ENDPOINTS: JSON.stringify(props.partnerEndpoints ?? {}),
      PARTNER_ROUTES: JSON.stringify(props.partnerRoutes ?? []),
    };
    const checked = partnerEnvSchema.safeParse(partnerEnvironment);
    if (!checked.success) throw new Error(`invalid partner settings: ${checked.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
    const timers = props.timers ?? {};
    this.deliveries = new DeliveryTable(this, 'Deliveries', props.tableName === undefined ? {} : { tableName: props.tableName });
    const table = this.deliveries.table;
    this.events = new DeliveryBus(this, 'Events', props.busName === undefined ? {} : { busName: props.busName });
    new EventSchemas(this, 'EventSchemas');
    const trackingAggregators = props.trackingAggregators ?? [];
    const clash = trackingAggregators.filter((id) => partners.includes(id));
    if (clash.length > 0) throw new Error(`invalid partner settings: ${clash.join(', ')} cannot be both a partner and a tracking aggregator`);
    const partnerSecrets = new PartnerSecrets(this, 'PartnerSecrets', { partners: [...partners, ...trackingAggregators] });
    this.workflow = new DeliveryWorkflow(this, 'Workflow', {
      table,
      partnerEnvironment,
      partnerSecrets,
      httpPartners: Object.keys(props.partnerEndpoints ?? {}),
      timers,
    });
    const stateMachine = this.workflow.stateMachine;

    const relay = new StreamConsumer(this, 'OutboxRelay', {
      table,
      handler: 'relay',
      description: 'Publishes each committed domain event on the bus',
      environment: { EVENT_BUS_NAME: this.events.bus.eventBusName, STATE_MACHINE_ARN: stateMachine.stateMachineArn },
      recordPattern: { eventName: ['INSERT'], dynamodb: { NewImage: { type: { S: [ItemType.EVENT] } } } },
    });
    this.events.bus.grantPutEventsTo(relay.handler.role);

    const notifier = new StreamConsumer(this, 'WorkflowNotifier', {
      table,
      handler: 'workflow-notifier',
      description: 'Starts, resumes and heartbeats delivery workflows from changes of the delivery items',
      environment: { STATE_MACHINE_ARN: stateMachine.stateMachineArn, ...timerEnvironment(timers) },
      recordPattern: { dynamodb: { NewImage: { type: { S: [ItemType.DELIVERY] } } } },
    });
    stateMachine.grantStartExecution(notifier.handler.role);
    stateMachine.grantTaskResponse(notifier.handler.role);

    const orderEvents = new OrderEventsIntake(this, 'OrderEvents', { bus: this.events.bus, table });
    const reconciliation = new Reconciliation(this, 'Reconciliation', { table, partnerEnvironment, partnerSecrets, httpPartners: Object.keys(props.partnerEndpoints ?? {}) });

    const operators = new OperatorPool(this, 'Operators');
    this.api = new DeliveryApi(this, 'Api', { table, stateMachine, partners, trackingAggregators, partnerSecrets, operators });
    const dashboard = new OperatorDashboard(this, 'OperatorDashboard', { api: this.api.api, operators });

    const webhookSources = [...partners, ...trackingAggregators];
    const streamConsumers = [relay, notifier];
    this.alarms = new OperationsAlarms(this, 'Alarms', {
      api: this.api.api,
      stateMachine,
      functions: [this.api.apiHandler, this.api.webhookHandler, orderEvents.handler, relay.handler, notifier.handler, this.workflow.tasks, reconciliation.handler],
      deadLetterQueues: [relay.failures, notifier.failures, orderEvents.failures, orderEvents.rejected, reconciliation.failures],
      streamConsumers,
      webhookSources,
      ...props.alarmThresholds,
    });
    new LifecycleDashboard(this, 'LifecycleDashboard', { stateMachine, streamConsumers, partners, webhookSources, alarms: this.alarms });

    new CfnOutput(this, 'ApiUrl', { value: this.api.api.url, description: 'Base URL of the delivery API (stage v1)' });
    new CfnOutput(this, 'EventBusName', { value: this.events.bus.eventBusName, description: `Bus of the ${EVENT_SOURCE} events` });
    new CfnOutput(this, 'StateMachineArn', { value: stateMachine.stateMachineArn, description: 'The delivery workflow' });
    new CfnOutput(this, 'DeliveryTableName', { value: table.tableName });
    new CfnOutput(this, 'OperatorUserPoolId', { value: operators.userPool.userPoolId });
    new CfnOutput(this, 'OperatorUserPoolClientId', { value: operators.client.userPoolClientId });
    new CfnOutput(this, 'OperatorDashboardUrl', { value: `https://${dashboard.distribution.distributionDomainName}/`, description: 'The operator dashboard' });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn, description: 'The SNS topic every alarm notifies: subscribe the on-call to it' });
  }
}
