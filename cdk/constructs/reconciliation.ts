import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import { grantDeliveryStore } from '../grant-delivery-store.ts';
import { DeadLetterQueue } from './dead-letter-queue.ts';
import type { PartnerSecrets } from './partner-secrets.ts';
import { ServiceFunction } from './service-function.ts';

/** Properties of {@link Reconciliation}. */
export interface ReconciliationProps {
  /** The delivery table. */
  readonly table: ITable;
  /** The partners as the function reads them (checked by the stack). */
  readonly partnerEnvironment: Readonly<Record<'PARTNERS' | 'PARTNER_ENDPOINTS' | 'PARTNER_ROUTES', string>>;
  readonly partnerSecrets: PartnerSecrets;
  /** The partners reached over HTTP, whose secrets sign the track calls. */
  readonly httpPartners: readonly string[];
  /**
   * How often the job runs.
   * @default Duration.minutes(15)
   */
  readonly every?: Duration;
  /**
   * How long a partner may be silent about a delivery before it is asked.
   * @default Duration.hours(6)
   */
  readonly quietFor?: Duration;
}

/**
 * The reconciliation job: an EventBridge Scheduler schedule invokes a function that asks each partner
 * about the deliveries it has been quiet about (its `track` call) and applies what it reports through the
 * webhook path. Invocations that fail every attempt land in the function's dead-letter queue.
 */
export class Reconciliation extends Construct {
  /** The job's function. */
  public readonly handler: ServiceFunction;
  /** Invocations of the job that failed every attempt. */
  public readonly failures: DeadLetterQueue;
  /** The schedule. */
  public readonly schedule: Schedule;

  constructor(scope: Construct, id: string, props: ReconciliationProps) {
    super(scope, id);
    this.failures = new DeadLetterQueue(this, 'Failures', { holds: 'reconciliation runs that failed every attempt', ofLambdaFunction: true });
    this.handler = new ServiceFunction(this, 'Handler', {
      handler: 'reconciler',
      description: 'Asks partners about deliveries they have been quiet about and applies what they report',
      timeout: Duration.minutes(5),
      deadLetterQueue: this.failures.queue,
      environment: {
        DELIVERY_TABLE_NAME: props.table.tableName,
        ...props.partnerEnvironment,
        PARTNER_SECRET_PREFIX: props.partnerSecrets.prefix,
        RECONCILE_QUIET_SECONDS: String((props.quietFor ?? Duration.hours(6)).toSeconds()),
      },
    });
    grantDeliveryStore(props.table, this.handler.role, { listByStatus: true });
    if (props.httpPartners.length > 0) props.partnerSecrets.grantRead(this.handler.role, props.httpPartners);
    // A role of its own, so that the acknowledgement below is about this function alone.
    const schedulerRole = new Role(this, 'SchedulerRole', { assumedBy: new ServicePrincipal('scheduler.amazonaws.com'), description: 'EventBridge Scheduler invoking the reconciliation' });
    this.schedule = new Schedule(this, 'Schedule', {
      description: 'Runs the delivery reconciliation with the partners',
      schedule: ScheduleExpression.rate(props.every ?? Duration.minutes(15)),
      target: new LambdaInvoke(this.handler.function, { role: schedulerRole, retryAttempts: 2, maxEventAge: Duration.minutes(15), deadLetterQueue: this.failures.queue }),
    });
    Validations.of(schedulerRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(this.handler.function.node.defaultChild as CfnFunction)}.Arn>:*]`,
      reason: 'EventBridge Scheduler may invoke the one reconciliation function, in any of its versions: the wildcard is the version qualifier of that function ARN.',
    });
  }
}
