import { CreateTableCommand, GetItemCommand, PutItemCommand, ResourceInUseException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** The table, in DynamoDB Local, where local stream consumers keep their place. */
export const CHECKPOINT_TABLE_NAME = 'local-stream-checkpoints';

/**
 * Where a stream consumer has got to in each shard: the sequence number of the last record it handled.
 * Lambda's event source mapping keeps this for the consumers in AWS; the local stack keeps it here.
 */
export interface StreamCheckpoints {
  /** The last record handled in `shardId`, or undefined if none was. */
  read(shardId: string): Promise<string | undefined>;
  write(shardId: string, sequenceNumber: string): Promise<void>;
}

/**
 * {@link StreamCheckpoints} of one consumer of one stream, kept in a table of the DynamoDB that holds the
 * stream, so that they live exactly as long as the stream does (DynamoDB Local runs in memory).
 */
export class DynamoDbStreamCheckpoints implements StreamCheckpoints {
  private constructor(
    private readonly client: DynamoDBClient,
    private readonly consumer: string,
  ) {}

  /** The checkpoints of `consumer` reading `streamArn`; creates the table on first use. */
  static async open(client: DynamoDBClient, consumer: string, streamArn: string): Promise<DynamoDbStreamCheckpoints> {
    try {
      await client.send(
        new CreateTableCommand({
          TableName: CHECKPOINT_TABLE_NAME,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [
            { AttributeName: 'consumer', AttributeType: 'S' },
            { AttributeName: 'shard', AttributeType: 'S' },
          ],
          KeySchema: [
            { AttributeName: 'consumer', KeyType: 'HASH' },
            { AttributeName: 'shard', KeyType: 'RANGE' },
          ],
        }),
      );
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error;
    }
    return new DynamoDbStreamCheckpoints(client, `${consumer} ${streamArn}`);
  }

  async read(shardId: string): Promise<string | undefined> {
    const { Item } = await this.client.send(
      new GetItemCommand({ TableName: CHECKPOINT_TABLE_NAME, Key: { consumer: { S: this.consumer }, shard: { S: shardId } }, ConsistentRead: true }),
    );
    return Item?.['sequenceNumber']?.S;
  }

  async write(shardId: string, sequenceNumber: string): Promise<void> {
    await this.client.send(
      new PutItemCommand({
        TableName: CHECKPOINT_TABLE_NAME,
        Item: { consumer: { S: this.consumer }, shard: { S: shardId }, sequenceNumber: { S: sequenceNumber } },
      }),
    );
  }
}
