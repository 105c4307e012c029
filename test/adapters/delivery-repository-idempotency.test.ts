import { describe, expect, it } from 'vitest';
import { DuplicateRequestError } from '#adapters/delivery-store/errors.ts';
import { operator, partner } from '#test/support/commands.ts';
import { freshRepository } from '#test/support/dynamodb.ts';
import { path } from '#test/support/paths.ts';
import { commitAll, decisionFor } from '#test/support/store-steps.ts';

describe('idempotency markers', () => {
  it('refuses a replayed key with the first outcome and writes nothing new', async () => {
    const { repository } = await freshRepository();
    const before = await commitAll(repository, path.awaitingPickup());
    const webhook = partner('PICKED_UP', { eventId: 'evt-42' });
    const key = 'webhook#manual#evt-42';
    const after = await repository.commit({ before, decision: decisionFor(before, webhook), idempotencyKey: key });

    const replayed = repository.commit({ before: after, decision: decisionFor(after, webhook), idempotencyKey: key });
    const error: unknown = await replayed.catch((e: unknown) => e);

    expect(error).toBeInstanceOf(DuplicateRequestError);
    expect((error as DuplicateRequestError).marker).toMatchObject({ key, deliveryId: after.deliveryId, version: after.version, outcome: 'applied' });
    expect(await repository.get(after.deliveryId)).toEqual(after);
    expect(await repository.listEvents(after.deliveryId)).toHaveLength(after.lastSequence);
    expect(await repository.history(after.deliveryId)).toHaveLength(after.lastSequence + 1);
    expect(await repository.getIdempotencyMarker(key)).toMatchObject({ version: after.version, outcome: 'applied' });
  });

  it('reports the replay as a duplicate even when the delivery moved on since', async () => {
    const { repository } = await freshRepository();
    const before = await commitAll(repository, path.inTransit());
    const first = await repository.commit({ before, decision: decisionFor(before, operator('HOLD')), idempotencyKey: 'command#c-1' });
    const later = await commitAll(repository, [operator('RESUME')], first);

    const replay = repository.commit({ before, decision: decisionFor(before, operator('HOLD')), idempotencyKey: 'command#c-1' });
    await expect(replay).rejects.toBeInstanceOf(DuplicateRequestError);
    expect(await repository.get(before.deliveryId)).toEqual(later);
  });

  it('keeps the marker live until the second it expires, in reads and in commits alike', async () => {
    let now = new Date('2026-11-25T10:00:00Z');
    const { repository } = await freshRepository({ idempotencyTtlSeconds: 60, clock: () => now });
    const before = await commitAll(repository, path.inTransit());
    const held = await repository.commit({ before, decision: decisionFor(before, operator('HOLD')), idempotencyKey: 'command#edge' });
    const resume = () => repository.commit({ before: held, decision: decisionFor(held, operator('RESUME')), idempotencyKey: 'command#edge' });

    now = new Date('2026-11-25T10:00:59.999Z');
    expect(await repository.getIdempotencyMarker('command#edge')).not.toBeNull();
    await expect(resume()).rejects.toBeInstanceOf(DuplicateRequestError);

    now = new Date('2026-11-25T10:01:00Z');
    expect(await repository.getIdempotencyMarker('command#edge')).toBeNull();
    expect((await resume()).status).toBe('IN_TRANSIT');
  });

  it('accepts a key again once its marker has expired, even before DynamoDB deleted it', async () => {
    let now = new Date('2026-11-25T10:00:00Z');
    const { repository } = await freshRepository({ idempotencyTtlSeconds: 60, clock: () => now });
    const before = await commitAll(repository, path.inTransit());
    const held = await repository.commit({ before, decision: decisionFor(before, operator('HOLD')), idempotencyKey: 'command#reused' });
    now = new Date('2026-11-25T10:05:00Z');

    expect(await repository.getIdempotencyMarker('command#reused')).toBeNull();
    const resumed = await repository.commit({ before: held, decision: decisionFor(held, operator('RESUME')), idempotencyKey: 'command#reused' });
    expect(resumed.status).toBe('IN_TRANSIT');
  });
});
