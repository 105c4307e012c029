import { Capture, Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { onlyLogicalId, resourcesOf, synthesizedForTests } from '../support/cdk-app.ts';

type Resource = { Type: string; Properties: Record<string, unknown> };

const synthesizedApp = synthesizedForTests();

const resources = (type: string): Record<string, Resource> => resourcesOf<Resource>(synthesizedApp().template, type);
const onlyId = (type: string, idPrefix: string): string => onlyLogicalId(synthesizedApp().template, type, idPrefix);
const distribution = (): Record<string, unknown> => {
  const [only] = Object.values(resources('AWS::CloudFront::Distribution'));
  expect(only, 'one distribution').toBeDefined();
  return (only?.Properties['DistributionConfig'] ?? {}) as Record<string, unknown>;
};
/** CloudFront's managed CachingDisabled policy. */
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
/** CloudFront's managed AllViewerExceptHostHeader origin request policy: the caller's Authorization header reaches the API. */
const ALL_VIEWER_EXCEPT_HOST_HEADER = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

describe('the operator dashboard (S3 + CloudFront + the operators user pool)', () => {
  it('keeps its files in a private, encrypted bucket that only the distribution reads, over TLS', () => {
    const site = onlyId('AWS::S3::Bucket', 'OperatorDashboardSite');
    synthesizedApp().template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      LoggingConfiguration: { DestinationBucketName: { Ref: Match.stringLikeRegexp('^OperatorDashboardAccessLogs') }, LogFilePrefix: 'site/' },
    });
    const statements = new Capture();
    synthesizedApp().template.hasResourceProperties('AWS::S3::BucketPolicy', { Bucket: { Ref: site }, PolicyDocument: { Statement: statements } });
    const list = statements.asArray() as Record<string, unknown>[];
    expect(list).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    const reads = list.filter((statement) => statement['Effect'] === 'Allow');
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject' });
    expect(JSON.stringify(reads[0]?.['Condition'])).toContain('AWS:SourceArn');
    const [origin] = distribution()['Origins'] as Record<string, unknown>[];
    expect(origin).toMatchObject({ OriginAccessControlId: { 'Fn::GetAtt': [expect.stringMatching(/OriginAccessControl/) as string, 'Id'] }, S3OriginConfig: { OriginAccessIdentity: '' } });
  });

  it('serves HTTPS only, with security headers that allow no other script source, and logs requests', () => {
    const config = distribution();
    expect(config).toMatchObject({
      DefaultRootObject: 'index.html',
      DefaultCacheBehavior: { ViewerProtocolPolicy: 'redirect-to-https', ResponseHeadersPolicyId: { Ref: expect.stringMatching(/^OperatorDashboardSecurityHeaders/) as string } },
      Logging: { Bucket: { 'Fn::GetAtt': [expect.stringMatching(/^OperatorDashboardCdnLogs/) as string, 'RegionalDomainName'] }, Prefix: 'cloudfront/' },
    });
    const csp = new Capture();
    synthesizedApp().template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: {
        SecurityHeadersConfig: {
          ContentSecurityPolicy: { ContentSecurityPolicy: csp, Override: true },
          StrictTransportSecurity: Match.objectLike({ Override: true }),
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ContentTypeOptions: { Override: true },
        },
      },
    });
    const policy = JSON.stringify(csp.asObject());
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy, 'the token exchange goes to the hosted sign-in').toMatch(/connect-src 'self' https:\/\/.*amazoncognito\.com/);
  });

  it("sends the dashboard's API calls to the API stage on the same origin, uncached, with the caller's Authorization header", () => {
    const config = distribution();
    const origins = config['Origins'] as { Id: string; DomainName: unknown; OriginPath?: string }[];
    const behaviors = config['CacheBehaviors'] as Record<string, unknown>[];
    expect(behaviors.map((behavior) => behavior['PathPattern']).sort()).toEqual(['deliveries/*', 'holds']);
    for (const behavior of behaviors) {
      expect(behavior).toMatchObject({ ViewerProtocolPolicy: 'https-only', CachePolicyId: CACHING_DISABLED, OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST_HEADER, AllowedMethods: expect.arrayContaining(['GET', 'POST']) as string[] });
      const origin = origins.find((candidate) => candidate.Id === behavior['TargetOriginId']);
      expect(JSON.stringify(origin?.OriginPath), 'the stage').toContain(JSON.stringify({ Ref: onlyId('AWS::ApiGateway::Stage', 'ApiDeploymentStagev1') }));
      expect(JSON.stringify(origin?.DomainName)).toContain(JSON.stringify({ Ref: onlyId('AWS::ApiGateway::RestApi', 'Api') }));
    }
  });

  it('signs operators in with an authorization-code client of the operators pool, called back only to the dashboard', () => {
    const pool = onlyId('AWS::Cognito::UserPool', 'OperatorsUserPool');
    const callbacks = new Capture();
    synthesizedApp().template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      UserPoolId: { Ref: pool },
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: Match.arrayEquals(['openid', 'email']),
      GenerateSecret: false,
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
      CallbackURLs: callbacks,
    });
    expect(JSON.stringify(callbacks.asArray())).toMatch(/OperatorDashboardDistribution[^"]*","DomainName"/);
    synthesizedApp().template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { UserPoolId: { Ref: pool } });
  });

  it('deploys the built files with a config.json naming that client, and invalidates the distribution', () => {
    const client = onlyId('AWS::Cognito::UserPoolClient', 'OperatorsUserPoolDashboard');
    const markers = new Capture();
    const keys = new Capture();
    synthesizedApp().template.hasResourceProperties('Custom::CDKBucketDeployment', {
      DestinationBucketName: { Ref: onlyId('AWS::S3::Bucket', 'OperatorDashboardSite') },
      DistributionPaths: ['/*'],
      SourceObjectKeys: keys,
      SourceMarkers: markers,
    });
    expect(keys.asArray(), 'the built files and config.json').toHaveLength(2);
    expect(JSON.stringify(markers.asArray())).toContain(JSON.stringify({ Ref: client }));
  });

  it("gives the operator timeline only the reads of this state machine's executions", () => {
    const statements = Object.values(resources('AWS::IAM::Policy'))
      .filter((policy) => JSON.stringify(policy.Properties['Roles']).includes('ApiApiHandlerRole'))
      .flatMap((policy) => (policy.Properties['PolicyDocument'] as { Statement: { Action: string | string[]; Resource: unknown }[] }).Statement)
      .filter((statement) => JSON.stringify(statement.Action).includes('states:'));
    expect(statements).toHaveLength(1);
    expect(statements[0]?.Action).toEqual(['states:DescribeExecution', 'states:GetExecutionHistory']);
    expect(JSON.stringify(statements[0]?.Resource)).toMatch(/:execution:.*WorkflowStateMachine.*:\*/);
  });
});
