import { afterEach, describe, expect, inject, it, vi } from 'vitest';
import { HOLD_REASONS } from '#domain/hold-reasons.ts';
import { create, operator } from '#test/support/commands.ts';
import { lambdaContext } from '#test/support/api-events.ts';
import { freshRepository } from '#test/support/dynamodb.ts';
import { emfOf } from '#test/support/emf-capture.ts';
import { commitAll } from '#test/support/store-steps.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/dynamodb-local.ts';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

/** The reconciler's Lambda entry point, loaded with an environment that points it at `tableName` on DynamoDB Local. */
const reconcilerOn = async (tableName: string) => {
  const env = {
    DELIVERY_TABLE_NAME: tableName,
    PARTNERS: 'manual',
    AWS_REGION: LOCAL_REGION,
    AWS_ENDPOINT_URL_DYNAMODB: inject('dynamodbEndpoint'),
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    POWERTOOLS_METRICS_DISABLED: 'false',
  };
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  vi.resetModules();
  return (await import('#handlers/reconciler.ts')).handler;
};

/** One scheduled run: what it reports, and the metrics it wrote. */
const runOnce = async (tableName: string) => {
  const handler = await reconcilerOn(tableName);
  let report: unknown;
  const lines = await emfOf(async () => {
    report = await handler({}, lambdaContext);
  });
  const values = (name: string) => lines.filter((line) => name in line).map((line) => line[name]);
  return { report, lines, values };
};

describe('the scheduled reconciliation run', () => {
  it('records the backlog gauges when it finds nothing to reconcile', async () => {
    const { tableName } = await freshRepository();
    const { report, values } = await runOnce(tableName);

    expect(report).toEqual({ tracked: 0, applied: 0, recorded: 0, known: 0, failed: 0 });
    expect(values('OldestHoldAgeSeconds')).toEqual([0]);
    expect(values('OldestActiveDeliveryAgeSeconds')).toEqual([0]);
    expect(values('OldestOverduePromiseSeconds')).toEqual([0]);
    expect(values('DeliveriesOnHold')).toEqual(HOLD_REASONS.map(() => 0));
  });

  it('ages the hold by the clock of the run, and counts it by reason', async () => {
    const { repository, tableName } = await freshRepository();
    const held = await commitAll(repository, [create(), operator('HOLD')]);
    const ageAt = (millis: number) => Math.max(0, Math.floor((millis - Date.parse(held.statusSince)) / 1000));

    const before = ageAt(Date.now());
    const { report, lines, values } = await runOnce(tableName);
    const after = ageAt(Date.now());

    expect(report, 'a delivery with no partner job is not asked about').toMatchObject({ tracked: 0 });
    const [age] = values('OldestHoldAgeSeconds') as number[];
    expect(age).toBeGreaterThanOrEqual(before);
    expect(age).toBeLessThanOrEqual(after);
    expect(lines.filter((line) => 'DeliveriesOnHold' in line && line['DeliveriesOnHold'] !== 0)).toEqual([expect.objectContaining({ holdReason: 'OPERATOR', DeliveriesOnHold: 1 })]);
  });
});
