import { Duration, Validations } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** Properties of {@link DeadLetterQueue}. */
export interface DeadLetterQueueProps {
  /** What ends up here, for the console and for the acknowledgement of why it has no queue of its own. */
  readonly holds: string;
  /**
   * Whether a Lambda function's `deadLetterQueue` is this queue, which cdk-nag's AwsSolutions-SQS3 already
   * recognises as a dead-letter queue.
   * @default false
   */
  readonly ofLambdaFunction?: boolean;
}

/**
 * An encrypted, TLS-only SQS queue that keeps what could not be processed for 14 days, the most SQS
 * allows, for an operator to inspect and redrive. It is the end of the line, so it has no dead-letter
 * queue itself.
 */
export class DeadLetterQueue extends Construct {
  /** The queue. */
  public readonly queue: Queue;
  /** What ends up here. */
  public readonly holds: string;

  constructor(scope: Construct, id: string, props: DeadLetterQueueProps) {
    super(scope, id);
    this.holds = props.holds;
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    const reason = `This queue is itself the dead-letter queue for ${props.holds}; its messages are inspected and redriven by an operator.`;
    if (props.ofLambdaFunction !== true) Validations.of(this.queue).acknowledge({ id: 'AwsSolutions-SQS3', reason });
    Validations.of(this.queue).acknowledge({ id: 'Serverless-SQSRedrivePolicy', reason });
  }
}
