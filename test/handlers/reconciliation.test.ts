import { describe, expect, it } from 'vitest';
import type { PartnerWebhook } from '#schemas/partner-webhook.ts';
import { reconcile } from '#application/reconciliation.ts';
import { booking, create, dispatch, partner } from '#test/support/commands.ts';
import { deterministicDeps } from '#test/support/deterministic-deps.ts';
import { commitAll } from '#test/support/store-steps.ts';
import { WEBHOOK_NOW, webhookOnFreshTable } from '#test/support/webhook-client.ts';

const minutesAgo = (minutes: number): string => new Date(Date.now() - minutes * 60_000).toISOString();
const scanOf = (jobId: string, status: string, minutes: number): PartnerWebhook => ({ eventId: `evt-${jobId}-${status}`, jobId, status, occurredAt: minutesAgo(minutes) });

/** A table with the webhook receiver, and a reconciliation run over it whose partner reports `reports` per job. */
const setUp = async () => {
  const receiver = await webhookOnFreshTable();
  const reports = new Map<string, PartnerWebhook[] | Error>();
  const tracked: string[] = [];
  const partners = {
    track: (_partnerId: string, jobId: string) => {
      tracked.push(jobId);
      const report = reports.get(jobId) ?? [];
      return report instanceof Error ? Promise.reject(report) : Promise.resolve(report);
    },
  };
  const run = (quietSeconds: number, limit = 100, now = new Date(Date.now() + 2_000)) =>
    reconcile({ repository: receiver.repository, deps: deterministicDeps(), partners, clock: () => now, quietSeconds, limit });
  const booked = (jobId: string) => commitAll(receiver.repository, [create(), dispatch('manual'), booking('manual', jobId)]);
  return { ...receiver, reports, tracked, run, booked };
};

describe('reconciliation with the partners', () => {
  it('recovers a dropped DELIVERED webhook through the webhook path; the webhook arriving late is then a duplicate', async () => {
    const { booked, reports, run, repository, send } = await setUp();
    const delivery = await booked('job-1');
    const events = [scanOf('job-1', 'PICKED_UP', 30), scanOf('job-1', 'DELIVERED', 10), scanOf('job-1', 'OUT_FOR_DELIVERY', 20)];
    reports.set('job-1', events);

    expect(await run(1)).toEqual({ tracked: 1, applied: 3, recorded: 0, known: 0, failed: 0 });
    expect((await repository.get(delivery.deliveryId))?.status).toBe('DELIVERED');
    expect((await repository.listEvents(delivery.deliveryId)).map((e) => e.type).slice(3)).toEqual(['DeliveryHandedOver', 'DeliveryOutForDelivery', 'DeliveryDelivered']);

    const late = { ...events[1], occurredAt: WEBHOOK_NOW.toISOString() };
    expect(await send('manual', late)).toMatchObject({ status: 200, body: { result: 'duplicate' } });
    expect(await run(1), 'a delivered delivery is no longer asked about').toMatchObject({ tracked: 0 });
  });

  it('asks only about deliveries whose partner has been quiet for long enough, and those with a job', async () => {
    const { booked, tracked, run, repository } = await setUp();
    const quiet = await booked('job-quiet');
    const active = await booked('job-active');
    await commitAll(repository, [create()]);
    const { lastPartnerActivityAt } = await commitAll(repository, [partner('PICKED_UP', { jobId: 'job-active' })], active);
    const activeAt = Date.parse(lastPartnerActivityAt ?? '');
    const quietSince = Date.parse(quiet.statusSince);
    expect(activeAt - quietSince, 'the test needs the two apart').toBeGreaterThan(2_000);

    // Now is just after the active partner spoke; the cutoff falls between the two.
    await run((activeAt - quietSince) / 2_000, 100, new Date(activeAt + 1));
    expect(tracked).toEqual(['job-quiet']);
  });

  it('counts a partner it cannot reach and goes on with the others; at most `limit` deliveries a run', async () => {
    const { booked, reports, run } = await setUp();
    await booked('job-a');
    await booked('job-b');
    reports.set('job-a', new Error('partner acme unavailable: HTTP 503'));
    const report = await run(1);
    expect(report).toMatchObject({ tracked: 2, failed: 1 });
    expect(await run(1, 1)).toMatchObject({ tracked: 1 });
  });

  it('leaves out what is not newer than the newest partner event applied, and stops when its time runs short', async () => {
    const { booked, reports, run, repository } = await setUp();
    const delivery = await booked('job-seen');
    const seenAt = minutesAgo(30);
    await commitAll(repository, [partner('PICKED_UP', { jobId: 'job-seen', occurredAt: seenAt })], delivery);
    // The same scan under another id, as after its dedupe marker expired: not applied again.
    reports.set('job-seen', [{ eventId: 'evt-seen-again', jobId: 'job-seen', status: 'PICKED_UP', occurredAt: seenAt }]);
    expect(await run(1)).toEqual({ tracked: 1, applied: 0, recorded: 0, known: 0, failed: 0 });

    const short = await reconcile({ repository, deps: deterministicDeps(), partners: { track: () => Promise.resolve([]) }, clock: () => new Date(Date.now() + 2_000), quietSeconds: 1, limit: 100, timeLeftMs: () => 1_000 });
    expect(short.tracked).toBe(0);
  });
});
