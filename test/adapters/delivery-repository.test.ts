import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { replay } from '#domain/index.ts';
import { requestHash } from '#adapters/delivery-store/request-hash.ts';
import { OrderExistsError, VersionConflictError } from '#adapters/delivery-store/errors.ts';
import { create, operator, partner } from '#test/support/commands.ts';
import { freshRepository } from '#test/support/dynamodb.ts';
import { path } from '#test/support/paths.ts';
import { commitAll, decisionFor } from '#test/support/store-steps.ts';

describe('DeliveryRepository on DynamoDB Local', () => {
  it('stores a created delivery, its order pointer and its first event', async () => {
    const { repository } = await freshRepository();
    const command = create();
    const stored = await commitAll(repository, [command]);

    expect(await repository.get(stored.deliveryId)).toEqual(stored);
    expect(stored.version).toBe(1);
    expect(await repository.findByOrderId(command.request.orderId)).toEqual({
      deliveryId: stored.deliveryId,
      requestHash: requestHash(command.request),
    });
    const events = await repository.listEvents(stored.deliveryId);
    expect(events.map((e) => [e.type, e.sequence])).toEqual([['DeliveryCreated', 1]]);
  });

  it('returns the events ascending by sequence and a history that replays to the stored state', async () => {
    const { repository } = await freshRepository();
    const stored = await commitAll(repository, [
      ...path.onHoldMaxAttempts(),
      partner('IN_TRANSIT', { occurredAt: '2026-01-01T00:00:00Z' }),
      operator('REATTEMPT'),
      partner('OUT_FOR_DELIVERY'),
      partner('DELIVERED'),
      partner('OUT_FOR_DELIVERY'),
    ]);

    const events = await repository.listEvents(stored.deliveryId);
    expect(events.map((e) => e.sequence)).toEqual(Array.from({ length: stored.lastSequence }, (_, i) => i + 1));
    expect(events.at(-1)?.type).toBe('DeliveryAnomalyDetected');
    expect(stored.status).toBe('DELIVERED');
    expect(replay(await repository.history(stored.deliveryId))).toEqual(await repository.get(stored.deliveryId));
  });

  it('keeps a partner event on the first event it caused, and on an item of its own only when it caused none', async () => {
    const { repository, client, tableName } = await freshRepository();
    const booked = await commitAll(repository, path.awaitingPickup());
    const late = partner('AT_DEPOT', { occurredAt: '2020-01-01T00:00:00Z' });
    const stored = await commitAll(repository, [partner('PICKED_UP'), late], booked);
    const { Items = [] } = await client.send(
      new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `DELIVERY#${stored.deliveryId}` } }),
    );
    const handedOver = Items.find((item) => (item['fact'] as { type?: string } | undefined)?.type === 'DeliveryHandedOver');
    expect(handedOver?.['partnerFact']).toMatchObject({ type: 'PartnerEventRecorded' });
    expect(Items.filter((item) => item['type'] === 'PartnerEvent').map((item) => item['version'] as number)).toEqual([stored.version]);
    const history = await repository.history(stored.deliveryId);
    expect(history.slice(-3).map((entry) => entry.fact.type)).toEqual(['PartnerEventRecorded', 'DeliveryHandedOver', 'PartnerEventRecorded']);
    expect(replay(history)).toEqual(stored);
  });

  it('refuses a commit on a stale version with a typed conflict and writes nothing', async () => {
    const { repository } = await freshRepository();
    const created = await commitAll(repository, path.pending());
    await commitAll(repository, [operator('HOLD')], created);

    const stale = repository.commit({ before: created, decision: decisionFor(created, operator('HOLD')) });
    await expect(stale).rejects.toBeInstanceOf(VersionConflictError);
    const stored = await repository.get(created.deliveryId);
    expect(stored?.version).toBe(2);
    expect(await repository.listEvents(created.deliveryId)).toHaveLength(2);
  });

  it('refuses a second delivery for the same order, saying which delivery has it and what body made it', async () => {
    const { repository } = await freshRepository();
    const first = create();
    const stored = await commitAll(repository, [first]);
    const again = create({ orderId: first.request.orderId, items: [{ sku: 'x', title: 'Another book', quantity: 2 }] });

    const error: unknown = await repository.commit({ before: null, decision: decisionFor(null, again) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OrderExistsError);
    const conflict = error as OrderExistsError;
    expect(conflict.deliveryId).toBe(stored.deliveryId);
    expect(conflict.requestHash).toBe(requestHash(first.request));
    expect(conflict.requestHash).not.toBe(requestHash(again.request));
    const { customer, address, ...rest } = first.request;
    const reordered = { address: Object.fromEntries(Object.entries(address).reverse()), ...rest, customer };
    expect(requestHash(reordered)).toBe(requestHash(first.request));
  });
});
