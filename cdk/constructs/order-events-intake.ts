import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, type IEventBus } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Construct } from 'constructs';
import { grantDeliveryStore } from '../grant-delivery-store.ts';
import { ORDER_EVENTS_SOURCE } from '#schemas/order-events.ts';
import { DeadLetterQueue } from './dead-letter-queue.ts';
import { ServiceFunction } from './service-function.ts';

/** Properties of {@link OrderEventsIntake}. */
export interface OrderEventsIntakeProps {
  /** The bus the order service publishes on. */
  readonly bus: IEventBus;
  /** The delivery table. */
  readonly table: ITable;
}

/**
 * `OrderPaid` and `OrderCancelled` (contract §5): a rule on the bus invokes the order-events handler.
 * What cannot be delivered to it, or fails every attempt, lands in `failures`; events that can never
 * apply (malformed, or for an unknown order) are put in `rejected` with the reason.
 */
export class OrderEventsIntake extends Construct {
  /** The handler. */
  public readonly handler: ServiceFunction;
  /** Order events that failed delivery to the handler or every attempt of it. */
  public readonly failures: DeadLetterQueue;
  /** Order events the handler refused, each with its reason. */
  public readonly rejected: DeadLetterQueue;

  constructor(scope: Construct, id: string, props: OrderEventsIntakeProps) {
    super(scope, id);
    this.failures = new DeadLetterQueue(this, 'Failures', {
      holds: 'order events that failed delivery or every attempt to handle them',
      ofLambdaFunction: true,
    });
    this.rejected = new DeadLetterQueue(this, 'Rejected', { holds: 'order events that can never apply, each with the reason' });
    this.handler = new ServiceFunction(this, 'Handler', {
      handler: 'order-events',
      description: 'Creates and cancels deliveries from OrderPaid and OrderCancelled',
      timeout: Duration.seconds(30),
      deadLetterQueue: this.failures.queue,
      environment: {
        DELIVERY_TABLE_NAME: props.table.tableName,
        REJECTED_EVENTS_QUEUE_URL: this.rejected.queue.queueUrl,
      },
    });
    grantDeliveryStore(props.table, this.handler.role);
    this.rejected.queue.grantSendMessages(this.handler.role);
    new Rule(this, 'Rule', {
      eventBus: props.bus,
      description: 'OrderPaid and OrderCancelled to the order-events handler',
      eventPattern: { source: [ORDER_EVENTS_SOURCE], detailType: ['OrderPaid', 'OrderCancelled'] },
      targets: [
        new LambdaFunction(this.handler.function, {
          deadLetterQueue: this.failures.queue,
          retryAttempts: 10,
          maxEventAge: Duration.hours(24),
        }),
      ],
    });
  }
}
