import { Validations } from 'aws-cdk-lib';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { CfnQueue } from 'aws-cdk-lib/aws-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTableInput } from '#adapters/delivery-store/create-table.ts';
import { buildApp } from '../../cdk/build-app.ts';
import { removeSynthesized, synthesize, type SynthesizedApp } from '../support/cdk-app.ts';

let synthesized: SynthesizedApp;
beforeAll(() => {
  synthesized = synthesize();
}, 60_000);
afterAll(() => { removeSynthesized(synthesized); });

describe('the delivery table in CDK', () => {
  const local = createTableInput('local');

  it('has the keys, index and stream of the table the local stack and the tests create', () => {
    const tables = synthesized.template.findResources('AWS::DynamoDB::Table');
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
    synthesized.template.hasResource('AWS::DynamoDB::Table', {
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

describe('checks on every synth', () => {
  it('fails the synth on a finding, so a violation cannot slip through', () => {
    const { app, stack } = buildApp({ outdir: synthesized.outdir, context: { 'aws:cdk:bundling-stacks': [] } });
    new Table(stack, 'Unprotected', { partitionKey: { name: 'pk', type: AttributeType.STRING } });
    expect(() => app.synth()).toThrow(/AwsSolutions-DDB3/);
  }, 60_000);

  it('fails the synth on a property CloudFormation would refuse, caught by CDK\'s template validation', () => {
    const { app, stack } = buildApp({ outdir: synthesized.outdir, context: { 'aws:cdk:bundling-stacks': [] } });
    const queue = new CfnQueue(stack, 'TooShort', { messageRetentionPeriod: 1, sqsManagedSseEnabled: true });
    Validations.of(queue).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'test' });
    Validations.of(queue).acknowledge({ id: 'AwsSolutions-SQS4', reason: 'test' });
    Validations.of(queue).acknowledge({ id: 'Serverless-SQSRedrivePolicy', reason: 'test' });
    expect(() => app.synth()).toThrow(/ERROR MessageRetentionPeriod: 1 is less than the minimum of 60 \(CloudFormation Validate\)/);
  }, 60_000);
});
