import { describe, expect, it } from 'vitest';
import { executeCommand } from '#application/execute-command.ts';
import { replay } from '#domain/index.ts';
import { cancel, create, operator, partner } from '#test/support/commands.ts';
import { deterministicDeps } from '#test/support/deterministic-deps.ts';
import { freshRepository } from '#test/support/dynamodb.ts';
import { path } from '#test/support/paths.ts';
import { commitAll } from '#test/support/store-steps.ts';

describe('executeCommand: load → decide → commit', () => {
  it('decides again after losing a race, so 20 concurrent partner events are all applied exactly once', async () => {
    const { repository } = await freshRepository();
    const start = await commitAll(repository, path.inTransit());
    const deps = deterministicDeps();
    const webhooks = Array.from({ length: 20 }, () => partner('IN_TRANSIT'));

    const results = await Promise.all(
      webhooks.map((command) =>
        executeCommand(repository, deps, { deliveryId: start.deliveryId, command, idempotencyKey: `webhook#manual#${command.commandId}` }),
      ),
    );

    expect(results.every((r) => r.kind === 'committed')).toBe(true);
    const stored = await repository.get(start.deliveryId);
    expect(stored?.version).toBe(start.version + 20);
    expect(replay(await repository.history(start.deliveryId))).toEqual(stored);
  });

  it('answers 20 concurrent copies of one webhook with one commit and duplicates', async () => {
    const { repository } = await freshRepository();
    const start = await commitAll(repository, path.awaitingPickup());
    const copy = partner('PICKED_UP', { eventId: 'evt-dup' });
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        executeCommand(repository, deterministicDeps(), { deliveryId: start.deliveryId, command: copy, idempotencyKey: 'webhook#manual#evt-dup' }),
      ),
    );
    expect(results.filter((r) => r.kind === 'committed')).toHaveLength(1);
    expect(results.filter((r) => r.kind === 'duplicate')).toHaveLength(19);
    const events = await repository.listEvents(start.deliveryId);
    expect(events.filter((e) => e.type === 'DeliveryHandedOver')).toHaveLength(1);
  });

  it('answers 20 concurrent copies of one cancel with one commit and 19 duplicates, never a refusal', async () => {
    const { repository } = await freshRepository();
    const start = await commitAll(repository, path.awaitingPickup());
    const copy = cancel();
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        executeCommand(repository, deterministicDeps(), { deliveryId: start.deliveryId, command: copy, idempotencyKey: `command#${copy.commandId}` }),
      ),
    );
    expect(results.map((r) => r.kind).sort()).toEqual(['committed', ...Array<string>(19).fill('duplicate')]);
  });

  it('tells a key reused for another delivery from a repeat', async () => {
    const { repository } = await freshRepository();
    const first = await commitAll(repository, path.pending());
    const second = await commitAll(repository, path.pending());
    const hold = operator('HOLD');
    await executeCommand(repository, deterministicDeps(), { deliveryId: first.deliveryId, command: hold, idempotencyKey: 'command#same' });
    const reused = await executeCommand(repository, deterministicDeps(), { deliveryId: second.deliveryId, command: hold, idempotencyKey: 'command#same' });
    expect(reused).toMatchObject({ kind: 'key-reused', marker: { deliveryId: first.deliveryId } });
    expect((await repository.get(second.deliveryId))?.status).toBe('PENDING');
  });

  it('answers a repeated command from its marker even when the table would now refuse it', async () => {
    const { repository } = await freshRepository();
    const start = await commitAll(repository, path.inTransit());
    const hold = operator('HOLD');
    const request = { deliveryId: start.deliveryId, command: hold, idempotencyKey: `command#${hold.commandId}` };
    const first = await executeCommand(repository, deterministicDeps(), request);
    await commitAll(repository, [operator('WRITE_OFF')], first.kind === 'committed' ? first.delivery : null);

    const again = await executeCommand(repository, deterministicDeps(), request);
    expect(again).toMatchObject({ kind: 'duplicate', marker: { version: start.version + 1 } });
  });

  it('reports refusals with the state they were decided on, and an existing order with its hash', async () => {
    const { repository } = await freshRepository();
    const delivered = await commitAll(repository, path.delivered());
    const refused = await executeCommand(repository, deterministicDeps(), { deliveryId: delivered.deliveryId, command: operator('HOLD') });
    expect(refused).toMatchObject({ kind: 'refused', refusal: { code: 'TRANSITION_NOT_ALLOWED', status: 'DELIVERED' } });

    const again = create({ orderId: delivered.orderId });
    const exists = await executeCommand(repository, deterministicDeps(), { deliveryId: null, command: again });
    expect(exists).toMatchObject({ kind: 'order-exists', deliveryId: delivered.deliveryId });
  });
});
