import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CircuitState, CircuitStore } from '#adapters/partners/circuit-breaker.ts';
import { ItemType, keys } from './keys.ts';

/** Partner circuits as items of the delivery table (`CIRCUIT#<partnerId>`), shared by every function instance. */
export class DynamoDbCircuitStore implements CircuitStore {
  constructor(private readonly options: { readonly client: DynamoDBDocumentClient; readonly tableName: string }) {}

  async read(partnerId: string): Promise<CircuitState> {
    const { Item } = await this.options.client.send(new GetCommand({ TableName: this.options.tableName, Key: keys.circuit(partnerId), ConsistentRead: true }));
    return stateOf(Item);
  }

  async claimTrial(partnerId: string, now: number, trialUntil: number): Promise<boolean> {
    try {
      await this.options.client.send(
        new UpdateCommand({
          TableName: this.options.tableName,
          Key: keys.circuit(partnerId),
          UpdateExpression: 'SET trialUntil = :until',
          ConditionExpression: 'attribute_exists(pk) AND openUntil <= :now AND (attribute_not_exists(trialUntil) OR trialUntil <= :now)',
          ExpressionAttributeValues: { ':until': trialUntil, ':now': now },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async recordSuccess(partnerId: string): Promise<void> {
    await this.options.client.send(
      new UpdateCommand({
        TableName: this.options.tableName,
        Key: keys.circuit(partnerId),
        UpdateExpression: 'SET failures = :zero, #type = :type REMOVE openUntil, trialUntil',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':zero': 0, ':type': ItemType.CIRCUIT },
      }),
    );
  }

  async recordFailure(partnerId: string, threshold: number, openUntil: number): Promise<CircuitState> {
    const { Attributes } = await this.options.client.send(
      new UpdateCommand({
        TableName: this.options.tableName,
        Key: keys.circuit(partnerId),
        UpdateExpression: 'ADD failures :one SET #type = :type',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':one': 1, ':type': ItemType.CIRCUIT },
        ReturnValues: 'ALL_NEW',
      }),
    );
    const counted = stateOf(Attributes);
    if (counted.failures < threshold) return counted;
    try {
      // Only ever later: a failure that comes in late never shortens the open time another one set.
      const { Attributes: opened } = await this.options.client.send(
        new UpdateCommand({
          TableName: this.options.tableName,
          Key: keys.circuit(partnerId),
          UpdateExpression: 'SET openUntil = :until',
          ConditionExpression: 'attribute_not_exists(openUntil) OR openUntil < :until',
          ExpressionAttributeValues: { ':until': openUntil },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return stateOf(opened);
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return this.read(partnerId);
      throw error;
    }
  }
}

const stateOf = (item: Record<string, unknown> | undefined): CircuitState => ({
  failures: typeof item?.['failures'] === 'number' ? item['failures'] : 0,
  openUntil: typeof item?.['openUntil'] === 'number' ? item['openUntil'] : null,
});
