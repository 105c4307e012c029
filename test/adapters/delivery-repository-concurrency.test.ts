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
      const decisions = Array.from({ length: CONTENDERS }, (_, i) =>
        decisionFor(before, operator(round % 2 === 0 ? 'HOLD' : 'RESUME', undefined, `contender ${i}`)),
      );
      const results = await Promise.allSettled(
        decisions.map((decision, i) => repository.commit({ before, decision, idempotencyKey: `command#round-${round}-contender-${i}` })),
      );
      const winner = results.findIndex((r) => r.status === 'fulfilled');
      const losers = results.filter((r) => r.status === 'rejected');

      expect(losers).toHaveLength(CONTENDERS - 1);
      expect(losers.every((r) => r.reason instanceof VersionConflictError)).toBe(true);
      const stored = await repository.get(before.deliveryId);
      expect(stored?.version).toBe(before.version + 1);
      if (!stored) throw new Error('delivery vanished');
      // Every stored event of this version is the winner's: no loser's item under the winner's sequence.
      const written = (await repository.listEvents(before.deliveryId)).filter((e) => e.sequence > before.lastSequence);
      expect(written).toEqual(decisions[winner]?.events);
      expect(await repository.getIdempotencyMarker(`command#round-${round}-contender-${winner}`)).not.toBeNull();
      expect(await repository.getIdempotencyMarker(`command#round-${round}-contender-${(winner + 1) % CONTENDERS}`)).toBeNull();
      state = stored;
    }

    const events = await repository.listEvents(state.deliveryId);
    expect(events.map((e) => e.sequence)).toEqual(Array.from({ length: state.lastSequence }, (_, i) => i + 1));
    expect(replay(await repository.history(state.deliveryId))).toEqual(state);
  });
});
