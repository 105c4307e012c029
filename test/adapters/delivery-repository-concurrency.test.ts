import { describe, expect, it } from 'vitest';
import { replay } from '#domain/index.ts';
import { VersionConflictError } from '#adapters/delivery-store/errors.ts';
import { operator } from '#test/support/commands.ts';
import { freshRepository } from '#test/support/dynamodb.ts';
import { path } from '#test/support/paths.ts';
import { commitAll, decisionFor } from '#test/support/store-steps.ts';

const CONTENDERS = 50;

describe('concurrent commits on one delivery', () => {
  it(`lets exactly one of ${CONTENDERS} conflicting commits win per version, with no orphaned history`, async () => {
    const { repository } = await freshRepository();
    let state = await commitAll(repository, path.inTransit());

    for (let round = 0; round < 3; round += 1) {
      const before = state;
      const commits = Array.from({ length: CONTENDERS }, (_, i) =>
        repository.commit({
          before,
          decision: decisionFor(before, operator(round % 2 === 0 ? 'HOLD' : 'RESUME', undefined, `contender ${i}`)),
          idempotencyKey: `command#round-${round}-contender-${i}`,
        }),
      );
      const results = await Promise.allSettled(commits);
      const winners = results.filter((r) => r.status === 'fulfilled');
      const losers = results.filter((r) => r.status === 'rejected');

      expect(winners).toHaveLength(1);
      expect(losers.every((r) => r.reason instanceof VersionConflictError)).toBe(true);
      const stored = await repository.get(before.deliveryId);
      expect(stored?.version).toBe(before.version + 1);
      if (!stored) throw new Error('delivery vanished');
      state = stored;
    }

    const events = await repository.listEvents(state.deliveryId);
    expect(events.map((e) => e.sequence)).toEqual(Array.from({ length: state.lastSequence }, (_, i) => i + 1));
    expect(replay(await repository.history(state.deliveryId))).toEqual(state);
  });
});
