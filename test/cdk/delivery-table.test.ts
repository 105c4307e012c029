import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { createTableInput } from '#adapters/delivery-store/create-table.ts';
import { buildApp } from '../../cdk/build-app.ts';

const outdirs: string[] = [];
const outdir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'cdk-out-'));
  outdirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of outdirs) rmSync(dir, { recursive: true, force: true });
});

describe('the delivery table in CDK', () => {
  const { stack } = buildApp({ outdir: outdir() });
  const template = Template.fromStack(stack);
  const local = createTableInput('local');

  it('has the keys, index and stream of the table the local stack and the tests create', () => {
    const tables = template.findResources('AWS::DynamoDB::Table');
    const [table] = Object.values(tables) as { Properties: Record<string, unknown> }[];
    expect(Object.keys(tables)).toHaveLength(1);
    const properties = table?.Properties ?? {};

    expect(properties['KeySchema']).toEqual(local.KeySchema);
    expect(properties['AttributeDefinitions']).toEqual(expect.arrayContaining(local.AttributeDefinitions ?? []));
    expect(properties['AttributeDefinitions']).toHaveLength(local.AttributeDefinitions?.length ?? 0);
    expect(properties['GlobalSecondaryIndexes']).toEqual(local.GlobalSecondaryIndexes);
    expect(properties['StreamSpecification']).toEqual({ StreamViewType: local.StreamSpecification?.StreamViewType });
    expect(properties['BillingMode']).toBe(local.BillingMode);
  });

  it('is protected: point-in-time recovery, deletion protection, encryption, TTL, retained on delete', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
        SSESpecification: { SSEEnabled: true },
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      },
    });
  });
});

describe('cdk-nag on the app', () => {
  it('synthesizes with no finding of the AWS Solutions and Serverless packs', () => {
    expect(() => buildApp({ outdir: outdir() }).app.synth()).not.toThrow();
  });

  it('fails the synth on a finding, so a violation cannot slip through', () => {
    const { app, stack } = buildApp({ outdir: outdir() });
    new Table(stack, 'Unprotected', { partitionKey: { name: 'pk', type: AttributeType.STRING } });
    expect(() => app.synth()).toThrow(/AwsSolutions-DDB3/);
  });
});
