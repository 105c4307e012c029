import {
  CreateTableCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
  type CreateTableCommandInput,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { deliveryTableDefinition as table } from './table-definition.ts';

/** The CreateTable request of the delivery table (on-demand, stream on), from the shared definition. */
export const createTableInput = (tableName: string): CreateTableCommandInput => ({
  TableName: tableName,
  BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: [
    { AttributeName: table.partitionKey, AttributeType: 'S' },
    { AttributeName: table.sortKey, AttributeType: 'S' },
    { AttributeName: table.statusIndex.partitionKey, AttributeType: 'S' },
    { AttributeName: table.statusIndex.sortKey, AttributeType: 'S' },
  ],
  KeySchema: [
    { AttributeName: table.partitionKey, KeyType: 'HASH' },
    { AttributeName: table.sortKey, KeyType: 'RANGE' },
  ],
  GlobalSecondaryIndexes: [
    {
      IndexName: table.statusIndex.name,
      KeySchema: [
        { AttributeName: table.statusIndex.partitionKey, KeyType: 'HASH' },
        { AttributeName: table.statusIndex.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: [...table.statusIndex.projectedAttributes] },
    },
  ],
  StreamSpecification: { StreamEnabled: true, StreamViewType: table.streamViewType },
});

/** Creates the delivery table with its TTL, and waits until it is active. For DynamoDB Local and tests. */
export const createDeliveryTable = async (client: DynamoDBClient, tableName: string): Promise<void> => {
  await client.send(new CreateTableCommand(createTableInput(tableName)));
  await waitUntilTableExists({ client, maxWaitTime: 30 }, { TableName: tableName });
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { Enabled: true, AttributeName: table.timeToLiveAttribute },
    }),
  );
};
