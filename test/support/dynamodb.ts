import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { createDocumentClient } from '#adapters/dynamodb-client.ts';
import { createDeliveryTable } from '#adapters/delivery-store/create-table.ts';
import { DeliveryRepository, type DeliveryRepositoryOptions } from '#adapters/delivery-store/delivery-repository.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/dynamodb-local.ts';

/** Client settings for the DynamoDB Local the global setup started. */
export const localClientConfig = () => ({ endpoint: inject('dynamodbEndpoint'), region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });

/** A fresh delivery table on DynamoDB Local, and a repository on it. */
export const freshRepository = async (options: Partial<DeliveryRepositoryOptions> = {}) => {
  const tableName = `deliveries-${randomUUID()}`;
  const raw = new DynamoDBClient(localClientConfig());
  await createDeliveryTable(raw, tableName);
  const client = createDocumentClient(localClientConfig());
  const repository = new DeliveryRepository({ client, tableName, ...options });
  return { repository, client, raw, tableName };
};
