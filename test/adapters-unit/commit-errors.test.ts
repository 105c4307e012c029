import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryRepository } from '#adapters/delivery-store/delivery-repository.ts';
import { DuplicateRequestError, VersionConflictError } from '#adapters/delivery-store/errors.ts';
import { operator } from '#test/support/commands.ts';
import { path } from '#test/support/paths.ts';
import { run } from '#test/support/specification.ts';
import { decisionFor } from '#test/support/store-steps.ts';

const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-1' }));
const mock = mockClient(documentClient);
const repository = new DeliveryRepository({ client: documentClient, tableName: 'deliveries' });
afterEach(() => mock.reset());

const cancelled = (codes: { Code: string; Item?: Record<string, unknown> }[]) =>
  new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: codes.map(({ Code, Item }) => ({ Code, ...(Item ? { Item: marshall(Item) } : {}) })),
  });

const heldInTransit = () => {
  const before = run(path.inTransit());
  if (!before) throw new Error('no delivery');
  return { before, decision: decisionFor(before, operator('HOLD')) };
};

describe('commit error paths', () => {
  it('reports a write conflict between transactions as a version conflict, to decide again', async () => {
    mock.on(TransactWriteCommand).rejects(cancelled([{ Code: 'TransactionConflict' }, { Code: 'None' }, { Code: 'None' }]));
    await expect(repository.commit({ ...heldInTransit(), idempotencyKey: 'command#x' })).rejects.toBeInstanceOf(VersionConflictError);
  });

  it('prefers the duplicate to the version conflict when both conditions fail', async () => {
    const { before, decision } = heldInTransit();
    const marker = { key: 'command#x', deliveryId: before.deliveryId, version: 9, outcome: 'applied', createdAt: '2026-11-25T10:00:00Z', expiresAt: 1 };
    mock.on(TransactWriteCommand).rejects(
      cancelled([{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }, { Code: 'ConditionalCheckFailed', Item: { pk: 'IDEMPOTENCY#command#x', ...marker } }]),
    );
    const error: unknown = await repository.commit({ before, decision, idempotencyKey: 'command#x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DuplicateRequestError);
    expect((error as DuplicateRequestError).marker).toEqual(marker);
  });

  it('lets throttling and validation failures through unchanged: they are not conflicts', async () => {
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    mock.on(TransactWriteCommand).rejects(throttled);
    await expect(repository.commit(heldInTransit())).rejects.toBe(throttled);

    const refusedForSize = cancelled([{ Code: 'ValidationError' }, { Code: 'None' }]);
    mock.on(TransactWriteCommand).rejects(refusedForSize);
    await expect(repository.commit(heldInTransit())).rejects.toBe(refusedForSize);
  });
});
