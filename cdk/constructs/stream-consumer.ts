import { Duration } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Construct } from 'constructs';
import { DeadLetterQueue } from './dead-letter-queue.ts';
import { ServiceFunction, type HandlerName } from './service-function.ts';

/** Properties of {@link StreamConsumer}. */
export interface StreamConsumerProps {
  /** The table whose stream the handler reads. */
  readonly table: Table;
  /** The handler file. */
  readonly handler: Extract<HandlerName, 'relay' | 'workflow-notifier'>;
  /** What the handler does. */
  readonly description: string;
  /** Variables the handler validates at load. */
  readonly environment: Readonly<Record<string, string>>;
  /** Only the stream records matching this EventBridge-style pattern invoke the handler (and are billed). */
  readonly recordPattern: Record<string, unknown>;
}

/**
 * A handler of the delivery table's stream. Records of a delivery arrive in order; the handler reports the
 * first record it cannot get through, so that Lambda retries from there, splitting the batch on error,
 * for up to 6 hours; then the record's stream position goes to `failures`, 18 hours before the stream
 * drops the record.
 */
export class StreamConsumer extends Construct {
  /** The handler. */
  public readonly handler: ServiceFunction;
  /** Where the stream positions of records that failed every retry go. */
  public readonly failures: DeadLetterQueue;

  constructor(scope: Construct, id: string, props: StreamConsumerProps) {
    super(scope, id);
    this.failures = new DeadLetterQueue(this, 'Failures', { holds: `stream records the ${props.handler} handler failed on every retry` });
    this.handler = new ServiceFunction(this, 'Handler', {
      handler: props.handler,
      description: props.description,
      timeout: Duration.seconds(30),
      environment: props.environment,
      invokedSynchronouslyBy: 'the DynamoDB stream event source mapping, whose failures go to an on-failure queue',
      unscopedActionsReason: 'The stream event source mapping needs dynamodb:ListStreams, which has no resource to scope to; reading records is scoped to the table stream.',
    });
    this.handler.function.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 100,
        maxBatchingWindow: Duration.seconds(0),
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        // Retried with no limit for 6 hours: skipping a record would lose an event or a workflow. Past that,
        // its stream position goes to `failures` while the stream still keeps the record (24 hours), so
        // that it can be read and replayed, and the shard moves on.
        maxRecordAge: Duration.hours(6),
        parallelizationFactor: 1,
        onFailure: new SqsDlq(this.failures.queue),
        filters: [FilterCriteria.filter(props.recordPattern)],
      }),
    );
  }
}
