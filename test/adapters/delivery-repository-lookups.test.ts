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

  it('refuses a page token it did not issue', async () => {
    const { repository } = await freshRepository();
    for (const token of ['not-base64-json', Buffer.from('{"pk":1}').toString('base64url'), Buffer.from('[]').toString('base64url')]) {
      await expect(repository.listByStatus('ON_HOLD', { limit: 2, nextToken: token })).rejects.toBeInstanceOf(InvalidPageTokenError);
    }
  });
});
