import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';

/** Where inbound events that can never be applied go, with the reason, for a person to look at. */
export interface RejectedEvents {
  reject(event: unknown, reason: string): Promise<void>;
}

/** {@link RejectedEvents} as an SQS dead-letter queue: the body is `{reason, event}`, the reason also an attribute. */
export class SqsRejectedEvents implements RejectedEvents {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async reject(event: unknown, reason: string): Promise<void> {
    await this.client.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: JSON.stringify({ reason, event }),
        MessageAttributes: { reason: { DataType: 'String', StringValue: reason.slice(0, 1000) } },
      }),
    );
  }
}
