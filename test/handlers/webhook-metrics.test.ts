import { afterEach, describe, expect, it, vi } from 'vitest';
import { emfOf } from '#test/support/emf-capture.ts';
import { path } from '#test/support/paths.ts';
import { commitAll } from '#test/support/store-steps.ts';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe('webhook metrics', () => {
  it('count each partner event by result, a status outside the vocabulary as quarantined, and a refused signature as rejected', async () => {
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
    vi.resetModules();
    const { webhookOnFreshTable, WEBHOOK_NOW } = await import('#test/support/webhook-client.ts');
    const { repository, send } = await webhookOnFreshTable();
    await commitAll(repository, path.awaitingPickup());
    const occurredAt = WEBHOOK_NOW.toISOString();
    const lines = await emfOf(async () => {
      await send('manual', { eventId: 'e1', jobId: 'job-1', status: 'PICKED_UP', occurredAt });
      await send('manual', { eventId: 'e1', jobId: 'job-1', status: 'PICKED_UP', occurredAt });
      await send('manual', { eventId: 'e2', jobId: 'job-1', status: 'TELEPORTED', occurredAt });
      await send('manual', { eventId: 'e3', jobId: 'job-1', status: 'IN_TRANSIT', occurredAt }, { secrets: ['wrong-secret'] });
    });
    const webhooks = lines.filter((line) => 'Webhooks' in line).map((line) => line['result']);
    expect(webhooks).toEqual(['applied', 'duplicate', 'recorded', 'rejected']);
    expect(lines.filter((line) => 'PartnerStatusesQuarantined' in line)).toEqual([expect.objectContaining({ partnerId: 'manual', PartnerStatusesQuarantined: 1 })]);
  });
});
