import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DeliveryRepository } from '#adapters/delivery-store/delivery-repository.ts';
import { HOLD_REASONS, type HoldReason } from '#domain/hold-reasons.ts';
import { booking, create, dispatch, operator, partner, timer } from '#test/support/commands.ts';
import { freshRepository } from '#test/support/dynamodb.ts';
import { emfOf } from '#test/support/emf-capture.ts';
import { path } from '#test/support/paths.ts';
import { commitAll } from '#test/support/store-steps.ts';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

/** The gauges read from `repository` at `now`, with the EMF lines they wrote. */
const gaugesOf = async (repository: DeliveryRepository, now: Date, pageSize?: number) => {
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
  vi.resetModules();
  const { recordBacklogGauges } = await import('#application/backlog-gauges.ts');
  let gauges: Awaited<ReturnType<typeof recordBacklogGauges>> | undefined;
  const lines = await emfOf(async () => {
    gauges = await recordBacklogGauges({ repository, clock: () => now, ...(pageSize === undefined ? {} : { pageSize }) });
  });
  const metric = (name: string) => lines.filter((line) => name in line);
  return { gauges, lines, metric };
};

const secondsBetween = (from: string, to: Date): number => (to.getTime() - Date.parse(from)) / 1000;

/** Every hold reason counted 0, but those given. */
const holdsCounted = (counts: Partial<Record<HoldReason, number>>): Record<HoldReason, number> => ({
  ...(Object.fromEntries(HOLD_REASONS.map((reason) => [reason, 0])) as Record<HoldReason, number>),
  ...counts,
});

describe('backlog gauges from the status index', () => {
  it('are 0 when no delivery is under way, and count 0 holds for every reason', async () => {
    const { repository } = await freshRepository();
    await commitAll(repository, path.delivered());
    const { gauges, lines } = await gaugesOf(repository, new Date('2026-12-01T00:00:00Z'));

    expect(gauges).toEqual({ oldestHoldAgeSeconds: 0, oldestActiveDeliveryAgeSeconds: 0, oldestOverduePromiseSeconds: 0, onHold: holdsCounted({}) });
    expect(lines.map((line) => Object.keys(line).find((key) => key.endsWith('Seconds') || key === 'DeliveriesOnHold'))).toEqual([
      'OldestHoldAgeSeconds',
      'OldestActiveDeliveryAgeSeconds',
      'OldestOverduePromiseSeconds',
      ...HOLD_REASONS.map(() => 'DeliveriesOnHold'),
    ]);
    expect(lines[0]).toMatchObject({ OldestHoldAgeSeconds: 0, service: 'delivery-lifecycle' });
  });

  it('age the longest hold from when it went on hold, and the oldest active delivery from its creation, across pages', async () => {
    const { repository } = await freshRepository();
    // Created first, but delivered: not under way.
    await commitAll(repository, path.delivered());
    // Created before F, but in transit after it: the oldest under way, though not the first of its status.
    const b = await commitAll(repository, [create()]);
    await commitAll(repository, [create(), dispatch('manual'), booking('manual', 'job-f'), partner('PICKED_UP', { jobId: 'job-f' })]);
    await commitAll(repository, [dispatch('manual'), booking('manual', 'job-b'), partner('PICKED_UP', { jobId: 'job-b' })], b);
    // C is created before D, D goes on hold before C: D is the longest hold.
    const c = await commitAll(repository, [create(), dispatch('manual'), booking('manual', 'job-c')]);
    const d = await commitAll(repository, [create(), dispatch('manual'), booking('manual', 'job-d'), timer('PICKUP_DEADLINE')]);
    const heldC = await commitAll(repository, [operator('HOLD')], c);
    const e = await commitAll(repository, [create(), operator('HOLD')]);
    expect([d.holdReason, heldC.holdReason, e.holdReason]).toEqual(['PICKUP_OVERDUE', 'OPERATOR', 'OPERATOR']);
    const now = new Date(Date.parse(e.updatedAt) + 3_600_000);

    const { gauges, metric } = await gaugesOf(repository, now, 1);

    expect(gauges).toEqual({
      oldestHoldAgeSeconds: secondsBetween(d.statusSince, now),
      oldestActiveDeliveryAgeSeconds: secondsBetween(b.createdAt, now),
      oldestOverduePromiseSeconds: 0,
      onHold: holdsCounted({ PICKUP_OVERDUE: 1, OPERATOR: 2 }),
    });
    expect(metric('OldestHoldAgeSeconds')).toEqual([expect.objectContaining({ OldestHoldAgeSeconds: secondsBetween(d.statusSince, now) })]);
    expect(metric('OldestActiveDeliveryAgeSeconds')).toEqual([expect.objectContaining({ OldestActiveDeliveryAgeSeconds: secondsBetween(b.createdAt, now) })]);
    expect(metric('DeliveriesOnHold')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ holdReason: 'PICKUP_OVERDUE', DeliveriesOnHold: 1 }),
        expect.objectContaining({ holdReason: 'OPERATOR', DeliveriesOnHold: 2 }),
        expect.objectContaining({ holdReason: 'STALLED', DeliveriesOnHold: 0 }),
      ]),
    );
    expect(metric('DeliveriesOnHold')).toHaveLength(HOLD_REASONS.length);
  });

  it('age the most overdue promise among deliveries under way, from its promisedBy; promises not yet due and finished deliveries do not count', async () => {
    const { repository } = await freshRepository();
    const now = new Date(Date.now() + 10 * 86_400_000);
    const at = (daysBeforeNow: number): string => new Date(now.getTime() - daysBeforeNow * 86_400_000).toISOString();
    await commitAll(repository, [create({ promisedBy: at(-1) })]);
    const late = await commitAll(repository, [create({ promisedBy: at(2) }), dispatch('manual'), booking('manual', 'job-late')]);
    await commitAll(repository, [create({ promisedBy: at(1) }), operator('HOLD')]);
    await commitAll(repository, path.delivered());

    const { gauges, metric } = await gaugesOf(repository, now);

    expect(late.promisedBy).toBe(at(2));
    expect(gauges?.oldestOverduePromiseSeconds).toBe(2 * 86_400);
    expect(metric('OldestOverduePromiseSeconds')).toEqual([expect.objectContaining({ OldestOverduePromiseSeconds: 2 * 86_400 })]);
  });

  it('are written as CloudWatch metrics of the service: ages in seconds, holds counted by reason', async () => {
    const { repository } = await freshRepository();
    const held = await commitAll(repository, [create(), operator('HOLD')]);
    const { lines } = await gaugesOf(repository, new Date(Date.parse(held.statusSince) + 60_000));
    const definitions = lines.map((line) => (line['_aws'] as { CloudWatchMetrics: unknown[] }).CloudWatchMetrics);
    expect(definitions).toEqual([
      [{ Namespace: 'BookstoreDelivery', Dimensions: [['service']], Metrics: [{ Name: 'OldestHoldAgeSeconds', Unit: 'Seconds' }] }],
      [{ Namespace: 'BookstoreDelivery', Dimensions: [['service']], Metrics: [{ Name: 'OldestActiveDeliveryAgeSeconds', Unit: 'Seconds' }] }],
      [{ Namespace: 'BookstoreDelivery', Dimensions: [['service']], Metrics: [{ Name: 'OldestOverduePromiseSeconds', Unit: 'Seconds' }] }],
      ...HOLD_REASONS.map(() => [{ Namespace: 'BookstoreDelivery', Dimensions: [['service', 'holdReason']], Metrics: [{ Name: 'DeliveriesOnHold', Unit: 'Count' }] }]),
    ]);
    expect(lines[0]).toMatchObject({ OldestHoldAgeSeconds: 60 });
  });
});
