import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import type { CircuitState, CircuitStore } from '#adapters/partners/circuit-breaker.ts';
import { ItemType, keys } from './keys.ts';

const stateOf = (item: Record<string, unknown> | undefined): CircuitState => ({
  failures: typeof item?.['failures'] === 'number' ? item['failures'] : 0,
  openUntil: typeof item?.['openUntil'] === 'number' ? item['openUntil'] : null,
});

/** Partner circuits as items of the delivery table (`CIRCUIT#<partnerId>`), shared by every function instance. */
export class DynamoDbCircuitStore implements CircuitStore {
  constructor(private readonly options: { readonly client: DynamoDBDocumentClient; readonly tableName: string }) {}

  async read(partnerId: string): Promise<CircuitState> {
    const { Item } = await this.options.client.send(new GetCommand({ TableName: this.options.tableName, Key: keys.circuit(partnerId), ConsistentRead: true }));
    return stateOf(Item);
  }

  async claimTrial(partnerId: string, now: number, trialUntil: number): Promise<boolean> {
    const claimed = await this.#update(partnerId, {
      UpdateExpression: 'SET trialUntil = :until',
      ConditionExpression: 'attribute_exists(pk) AND openUntil <= :now AND (attribute_not_exists(trialUntil) OR trialUntil <= :now)',
      ExpressionAttributeValues: { ':until': trialUntil, ':now': now },
    });
    return claimed !== null;
  }

  async recordSuccess(partnerId: string): Promise<void> {
    await this.#update(partnerId, {
      UpdateExpression: 'SET failures = :zero, #type = :type REMOVE openUntil, trialUntil',
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: { ':zero': 0, ':type': ItemType.CIRCUIT },
    });
  }

  async recordFailure(partnerId: string, threshold: number, openUntil: number): Promise<CircuitState> {
    const counted = await this.#update(partnerId, {
      UpdateExpression: 'ADD failures :one SET #type = :type',
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: { ':one': 1, ':type': ItemType.CIRCUIT },
    });
    if (counted === null || counted.failures < threshold) return counted ?? this.read(partnerId);
    // Only ever later: a failure that comes in late never shortens the open time another one set.
    const opened = await this.#update(partnerId, {
      UpdateExpression: 'SET openUntil = :until',
      ConditionExpression: 'attribute_not_exists(openUntil) OR openUntil < :until',
      ExpressionAttributeValues: { ':until': openUntil },
    });
    return opened ?? this.read(partnerId);
  }

  /** Updates the circuit of `partnerId`; its state afterwards, or null when the condition refused the update. */
  async #update(partnerId: string, update: Pick<UpdateCommandInput, 'UpdateExpression' | 'ConditionExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'>): Promise<CircuitState | null> {
    try {
      const { Attributes } = await this.options.client.send(
        new UpdateCommand({ ...update, TableName: this.options.tableName, Key: keys.circuit(partnerId), ReturnValues: 'ALL_NEW' }),
      );
      return stateOf(Attributes);
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return null;
      throw error;
    }
  }
}
