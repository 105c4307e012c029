import { describe, expect, it } from 'vitest';
import { InvalidPageTokenError, JobClaimedError } from '#adapters/delivery-store/errors.ts';
import { booking, create, dispatch, operator } from '#test/support/commands.ts';
import { freshRepository } from '#test/support/dynamodb.ts';
import { path } from '#test/support/paths.ts';
import { commitAll, decisionFor } from '#test/support/store-steps.ts';

describe('lookups', () => {
  it('finds a delivery by its partner job, and refuses a job that another delivery holds', async () => {
    const { repository } = await freshRepository();
    const first = await commitAll(repository, [create(), dispatch('manual'), booking('manual', 'job-shared')]);
    expect(await repository.findDeliveryIdByJob('manual', 'job-shared')).toBe(first.deliveryId);
    expect(await repository.findDeliveryIdByJob('sandbox', 'job-shared')).toBeNull();

    const second = await commitAll(repository, [create(), dispatch('manual')]);
    const claim = repository.commit({ before: second, decision: decisionFor(second, booking('manual', 'job-shared')) });
    await expect(claim).rejects.toBeInstanceOf(JobClaimedError);
    expect((await repository.get(second.deliveryId))?.status).toBe('DISPATCHING');
  });

  it('lists deliveries by status in pages, oldest in the status first, without personal data', async () => {
    const { repository } = await freshRepository();
    const held: string[] = [];
    for (let i = 0; i < 5; i += 1) held.push((await commitAll(repository, [...path.pending(), operator('HOLD')])).deliveryId);
    await commitAll(repository, path.pending());

    const seen: string[] = [];
    let nextToken: string | null = null;
    let pages = 0;
    do {
      const page = await repository.listByStatus('ON_HOLD', { limit: 2, nextToken });
      for (const item of page.items) {
        expect(item.status).toBe('ON_HOLD');
        expect(item.holdReason).toBe('OPERATOR');
        expect(item).not.toHaveProperty('request');
      }
      seen.push(...page.items.map((item) => item.deliveryId));
      nextToken = page.nextToken;
      pages += 1;
    } while (nextToken !== null);

    expect(seen).toEqual(held);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect((await repository.listByStatus('PENDING', { limit: 10 })).items).toHaveLength(1);
  });

  it('refuses a page token it did not issue, or issued for another status, and a limit out of range', async () => {
    const { repository } = await freshRepository();
    for (let i = 0; i < 3; i += 1) await commitAll(repository, [...path.pending(), operator('HOLD')]);
    const { nextToken } = await repository.listByStatus('ON_HOLD', { limit: 1 });
    if (nextToken === null) throw new Error('expected a second page');
    const key = JSON.parse(Buffer.from(nextToken, 'base64url').toString('utf8')) as Record<string, string>;
    const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

    const refused = [
      'not-base64-json',
      encode({ pk: 1 }),
      encode([]),
      encode({ ...key, pk: 'ORDER#ord-1' }),
      encode({ ...key, sk: 'EVENT#0000000001' }),
      encode({ ...key, extra: 'x' }),
    ];
    for (const token of refused) {
      await expect(repository.listByStatus('ON_HOLD', { limit: 2, nextToken: token }), token).rejects.toBeInstanceOf(InvalidPageTokenError);
    }
    await expect(repository.listByStatus('PENDING', { limit: 2, nextToken })).rejects.toBeInstanceOf(InvalidPageTokenError);
    await expect(repository.listByStatus('ON_HOLD', { limit: 2, nextToken })).resolves.toMatchObject({ items: [{}, {}] });
    for (const limit of [0, 101, 1.5]) await expect(repository.listByStatus('ON_HOLD', { limit })).rejects.toBeInstanceOf(RangeError);
  });
});
