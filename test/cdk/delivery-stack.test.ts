import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Capture, Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DELIVERY_EVENT_TYPES } from '#domain/event-types.ts';
import { ROUTES } from '#http/router.ts';
import { requestBodyJsonSchemas } from '#schemas/json-schemas.ts';
import { API_ROUTES, WEBHOOK_ROUTE } from '../../cdk/api-routes.ts';
import { DeliveryStack } from '../../cdk/delivery-stack.ts';
import { DEFINITION_FILE } from '../../statemachine/definition.ts';
import { onlyLogicalId, removeSynthesized, resourcesOf, synthesize, synthesizedForTests, type SynthesizedApp } from '../support/cdk-app.ts';
import { BUCKET_DEPLOYMENT_FUNCTION_PREFIX, serviceFunctionsOf } from '../support/service-functions.ts';

type Resource = { Type: string; Properties: Record<string, unknown> };
interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

const synthesizedApp = synthesizedForTests();

const resources = (type: string): Record<string, Resource> => resourcesOf<Resource>(synthesizedApp().template, type);
const asList = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);
const logicalIdOf = (type: string, idPrefix: string): string => onlyLogicalId(synthesizedApp().template, type, idPrefix);
/** The statements of the policy attached to the role whose logical id starts with `rolePrefix`. */
const statementsOf = (rolePrefix: string): Statement[] => {
  const role = logicalIdOf('AWS::IAM::Role', rolePrefix);
  return Object.values(resources('AWS::IAM::Policy'))
    .filter((policy) => (policy.Properties['Roles'] as unknown[]).some((ref) => JSON.stringify(ref) === JSON.stringify({ Ref: role })))
    .flatMap((policy) => (policy.Properties['PolicyDocument'] as { Statement: Statement[] }).Statement);
};
const actionsOf = (statements: Statement[]): string[] => statements.flatMap((statement) => asList(statement.Action));

const FUNCTION_ROLES = [
  'ApiApiHandlerRole',
  'ApiWebhookHandlerRole',
  'OrderEventsHandlerRole',
  'OutboxRelayHandlerRole',
  'WorkflowNotifierHandlerRole',
  'WorkflowTasksRole',
  'ReconciliationHandlerRole',
];

describe('the synthesized stack', () => {
  it('passes cdk-nag (AWS Solutions, Serverless) and CDK template validation with no open finding', () => {
    const report = JSON.parse(readFileSync(join(synthesizedApp().outdir, 'validation-report.json'), 'utf8')) as { pluginReports: unknown[] };
    expect(report.pluginReports).toEqual([]);
  });

  it('outputs the API URL, the bus and the state machine', () => {
    for (const output of ['ApiUrl', 'EventBusName', 'StateMachineArn']) synthesizedApp().template.hasOutput(output, { Value: Match.anyValue() });
  });
});

describe('Lambda functions', () => {
  it('run nodejs24.x on arm64 with X-Ray, a memory size, a timeout and a log group of their own', () => {
    const functions = Object.values(serviceFunctionsOf<Resource>(synthesizedApp().template));
    expect(functions).toHaveLength(7);
    for (const fn of functions) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        TracingConfig: { Mode: 'Active' },
        MemorySize: expect.any(Number) as number,
        Timeout: expect.any(Number) as number,
        LoggingConfig: { LogGroup: { Ref: expect.stringMatching(/Logs/) as string } },
      });
    }
  });

  it('have roles with no managed policy, each starting from nothing', () => {
    for (const prefix of FUNCTION_ROLES) {
      const role = resources('AWS::IAM::Role')[logicalIdOf('AWS::IAM::Role', prefix)];
      expect(role?.Properties['ManagedPolicyArns']).toBeUndefined();
    }
  });

  it('are granted only named actions, and `*` resources only for actions that take none (CDK\'s own bucket deployment aside)', () => {
    const unscopable = /^(xray:(PutTraceSegments|PutTelemetryRecords|GetSamplingRules|GetSamplingTargets)|logs:(CreateLogDelivery|GetLogDelivery|UpdateLogDelivery|DeleteLogDelivery|ListLogDeliveries|PutResourcePolicy|DescribeResourcePolicies|DescribeLogGroups)|dynamodb:ListStreams)$/;
    const ofTheService = Object.values(resources('AWS::IAM::Policy')).filter((policy) => !JSON.stringify(policy.Properties['Roles']).includes(BUCKET_DEPLOYMENT_FUNCTION_PREFIX));
    for (const policy of ofTheService) {
      for (const statement of (policy.Properties['PolicyDocument'] as { Statement: Statement[] }).Statement) {
        expect(statement.Effect).toBe('Allow');
        for (const action of asList(statement.Action)) {
          expect(action).not.toContain('*');
          if (statement.Resource === '*') expect(action).toMatch(unscopable);
        }
      }
    }
  });

  it('reach the table only through the repository’s actions, and only the API and the reconciliation query the byStatus index', () => {
    for (const prefix of FUNCTION_ROLES) {
      const statements = statementsOf(prefix).filter((statement) => actionsOf([statement]).some((action) => action.startsWith('dynamodb:')));
      const streamActions = ['dynamodb:ListStreams', 'dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'];
      const tableActions = actionsOf(statements).filter((action) => !streamActions.includes(action));
      expect(tableActions.every((action) => ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem'].includes(action)), prefix).toBe(true);
      const indexes = statements.filter((statement) => JSON.stringify(statement.Resource).includes('/index/'));
      expect(indexes.map((statement) => JSON.stringify(statement.Resource)), prefix).toEqual(
        prefix === 'ApiApiHandlerRole' || prefix === 'ReconciliationHandlerRole' ? [expect.stringContaining('/index/byStatus')] : [],
      );
    }
  });

  it('let the notifier start executions and answer task tokens, the tasks resume their own callback, on this state machine alone', () => {
    const stateMachine = { Ref: logicalIdOf('AWS::StepFunctions::StateMachine', 'WorkflowStateMachine') };
    for (const prefix of FUNCTION_ROLES) {
      const states = statementsOf(prefix).filter((statement) => actionsOf([statement]).some((action) => action.startsWith('states:')));
      if (prefix === 'WorkflowNotifierHandlerRole') {
        expect(actionsOf(states).sort()).toEqual(['states:SendTaskFailure', 'states:SendTaskHeartbeat', 'states:SendTaskSuccess', 'states:StartExecution']);
        for (const statement of states) expect(statement.Resource).toEqual(stateMachine);
      } else if (prefix === 'WorkflowTasksRole') {
        expect(actionsOf(states)).toEqual(['states:SendTaskSuccess']);
        expect(JSON.stringify(states[0]?.Resource)).toMatch(/:states:.*:stateMachine:DeliveryLifecycle"/);
      } else if (prefix === 'ApiApiHandlerRole') {
        expect(actionsOf(states), 'the operator timeline').toEqual(['states:DescribeExecution', 'states:GetExecutionHistory']);
      } else {
        expect(states, prefix).toEqual([]);
      }
    }
    synthesizedApp().template.hasResourceProperties('AWS::StepFunctions::StateMachine', { StateMachineName: 'DeliveryLifecycle' });
  });

  it('give the webhook handler, and no other, its partners’ secrets', () => {
    for (const prefix of FUNCTION_ROLES) {
      const secrets = actionsOf(statementsOf(prefix)).filter((action) => action.startsWith('secretsmanager:'));
      expect(secrets.length > 0, prefix).toBe(prefix === 'ApiWebhookHandlerRole');
    }
  });
});

describe('the workflow', () => {
  it('runs the definition file with the task function substituted, logging ALL with execution data and X-Ray tracing', () => {
    const substitutions = new Capture();
    synthesizedApp().template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineType: 'STANDARD',
      DefinitionSubstitutions: substitutions,
      LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: true },
      TracingConfiguration: { Enabled: true },
    });
    synthesizedApp().template.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: '/aws/vendedlogs/states/DeliveryLifecycle' });
    expect(substitutions.asObject()).toEqual({ WorkflowFunctionArn: { 'Fn::GetAtt': [logicalIdOf('AWS::Lambda::Function', 'WorkflowTasksFunction'), 'Arn'] } });
    const key = new Capture();
    synthesizedApp().template.hasResourceProperties('AWS::StepFunctions::StateMachine', { DefinitionS3Location: { Bucket: Match.anyValue(), Key: key } });
    expect(readFileSync(join(synthesizedApp().outdir, `asset.${key.asString()}`), 'utf8')).toBe(readFileSync(DEFINITION_FILE, 'utf8'));
  });

  it('may invoke the task function and nothing else', () => {
    const invoke = statementsOf('WorkflowStateMachineRole').filter((statement) => actionsOf([statement]).includes('lambda:InvokeFunction'));
    expect(invoke).toEqual([
      expect.objectContaining({ Resource: { 'Fn::GetAtt': [logicalIdOf('AWS::Lambda::Function', 'WorkflowTasksFunction'), 'Arn'] } }),
    ]);
  });
});

describe('events', () => {
  it('publish on the bookstore-delivery bus, archived for replay', () => {
    synthesizedApp().template.hasResourceProperties('AWS::Events::EventBus', { Name: 'bookstore-delivery' });
    synthesizedApp().template.hasResourceProperties('AWS::Events::Archive', {
      EventPattern: { source: ['bookstore.delivery', 'bookstore.orders'] },
      RetentionDays: 365,
    });
  });

  it('have one schema per domain event in the registry, whose detail is the checked-in JSON Schema', () => {
    const schemas = Object.values(resources('AWS::EventSchemas::Schema'));
    expect(schemas.map((schema) => schema.Properties['SchemaName']).sort()).toEqual(DELIVERY_EVENT_TYPES.map((type) => `bookstore.delivery@${type}`).sort());
    for (const schema of schemas) {
      const type = String(schema.Properties['SchemaName']).split('@')[1] ?? '';
      const content = JSON.parse(String(schema.Properties['Content'])) as { properties: { detail: unknown; 'detail-type': unknown } };
      const { $schema: _, ...generated } = JSON.parse(readFileSync(new URL(`../../functions/schemas/generated/${type}.json`, import.meta.url), 'utf8')) as Record<string, unknown>;
      expect(schema.Properties['Type']).toBe('JSONSchemaDraft4');
      expect(content.properties['detail-type']).toEqual({ type: 'string', enum: [type] });
      expect(content.properties.detail).toEqual(generated);
    }
  });

  it('bring OrderPaid and OrderCancelled to their handler, with retries and a dead-letter queue', () => {
    synthesizedApp().template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { source: ['bookstore.orders'], 'detail-type': ['OrderPaid', 'OrderCancelled'] },
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [logicalIdOf('AWS::Lambda::Function', 'OrderEventsHandlerFunction'), 'Arn'] },
          DeadLetterConfig: { Arn: Match.anyValue() },
          RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 86_400 },
        }),
      ],
    });
    synthesizedApp().template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ REJECTED_EVENTS_QUEUE_URL: Match.anyValue() }) },
      DeadLetterConfig: { TargetArn: Match.anyValue() },
    });
  });

  it('are relayed and followed from the table stream in order, failed records retried until they go through', () => {
    const mappings = Object.values(resources('AWS::Lambda::EventSourceMapping'));
    expect(mappings).toHaveLength(2);
    for (const mapping of mappings) {
      expect(mapping.Properties).toMatchObject({
        StartingPosition: 'TRIM_HORIZON',
        BisectBatchOnFunctionError: true,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        ParallelizationFactor: 1,
        DestinationConfig: { OnFailure: { Destination: expect.anything() as unknown } },
      });
      // No retry limit; 6 hours of age, well inside the stream's 24 hours, so that a failed record can still be read.
      expect(mapping.Properties['MaximumRetryAttempts']).toBeUndefined();
      expect(mapping.Properties['MaximumRecordAgeInSeconds']).toBe(6 * 3600);
    }
    const patterns = mappings.map((mapping) => JSON.stringify(mapping.Properties['FilterCriteria']));
    expect(patterns).toEqual(
      expect.arrayContaining([expect.stringContaining('\\"eventName\\":[\\"INSERT\\"]'), expect.stringContaining('\\"S\\":[\\"Delivery\\"]')]),
    );
  });
});

describe('queues', () => {
  it('are encrypted and refuse requests without TLS', () => {
    const queues = Object.keys(resources('AWS::SQS::Queue'));
    expect(queues.length).toBe(5);
    for (const queue of Object.values(resources('AWS::SQS::Queue'))) expect(queue.Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 1_209_600 });
    for (const id of queues) {
      synthesizedApp().template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: id }],
        PolicyDocument: {
          Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
        },
      });
    }
  });
});

describe('the API', () => {
  const methodFor = (key: string): Resource => {
    const [httpMethod, path = ''] = key.split(' ');
    const last = path.split('/').at(-1);
    const candidates = Object.values(resources('AWS::ApiGateway::Method')).filter((method) => {
      const resource = method.Properties['ResourceId'] as { Ref?: string; 'Fn::GetAtt'?: string[] };
      const pathPart = resource.Ref === undefined ? '' : String(resources('AWS::ApiGateway::Resource')[resource.Ref]?.Properties['PathPart']);
      return method.Properties['HttpMethod'] === httpMethod && pathPart === last;
    });
    expect(candidates, key).toHaveLength(1);
    return candidates[0] as Resource;
  };

  it('exposes exactly the routes the API handler answers, and the webhook route', () => {
    expect(Object.keys(API_ROUTES).sort()).toEqual(Object.keys(ROUTES).sort());
    expect(Object.values(resources('AWS::ApiGateway::Method'))).toHaveLength(Object.keys(ROUTES).length + 1);
  });

  it('authorizes service routes with IAM, operator routes with the Cognito pool, and leaves health and webhooks open', () => {
    const expected = { public: 'NONE', service: 'AWS_IAM', operator: 'COGNITO_USER_POOLS' } as const;
    for (const [key, spec] of Object.entries(API_ROUTES)) {
      expect(methodFor(key).Properties['AuthorizationType'], key).toBe(expected[spec.access]);
    }
    expect(methodFor(WEBHOOK_ROUTE).Properties['AuthorizationType']).toBe('NONE');
    synthesizedApp().template.hasResourceProperties('AWS::ApiGateway::Authorizer', { Type: 'COGNITO_USER_POOLS', ProviderARNs: [Match.anyValue()] });
  });

  it('validates bodies against models generated from the zod schemas, and required parameters', () => {
    for (const [name, schema] of Object.entries(requestBodyJsonSchemas)) {
      synthesizedApp().template.hasResourceProperties('AWS::ApiGateway::Model', { Name: name, ContentType: 'application/json', Schema: schema });
    }
    synthesizedApp().template.hasResourceProperties('AWS::ApiGateway::RequestValidator', { ValidateRequestBody: true, ValidateRequestParameters: true });
    expect(methodFor('POST /deliveries').Properties['RequestModels']).toEqual({ 'application/json': { Ref: expect.stringMatching(/CreateDeliveryRequestModel/) as string } });
    expect(methodFor('GET /deliveries').Properties['RequestParameters']).toEqual({
      'method.request.querystring.status': true,
      'method.request.querystring.limit': false,
      'method.request.querystring.nextToken': false,
    });
    expect(methodFor('POST /deliveries/{deliveryId}/actions').Properties['RequestParameters']).toEqual({ 'method.request.path.deliveryId': true });
  });

  it('answers the gateway’s own refusals in the error shape of the contract', () => {
    synthesizedApp().template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'BAD_REQUEST_BODY',
      StatusCode: '400',
      ResponseTemplates: { 'application/json': Match.stringLikeRegexp('"code":"VALIDATION_FAILED"') },
    });
    synthesizedApp().template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', { ResponseType: 'UNAUTHORIZED', StatusCode: '401' });
    synthesizedApp().template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', { ResponseType: 'REQUEST_TOO_LARGE', StatusCode: '413' });
  });

  it('logs access as JSON, traces with X-Ray, throttles, and sits behind a WAF', () => {
    const format = new Capture();
    synthesizedApp().template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'v1',
      TracingEnabled: true,
      AccessLogSetting: { DestinationArn: Match.anyValue(), Format: format },
      MethodSettings: [Match.objectLike({ LoggingLevel: 'ERROR', DataTraceEnabled: false, ThrottlingRateLimit: 200, ThrottlingBurstLimit: 400 })],
    });
    expect(Object.keys(JSON.parse(format.asString()) as object)).toEqual(expect.arrayContaining(['requestId', 'status', 'caller', 'operator']));
    synthesizedApp().template.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'REGIONAL',
      Rules: Match.arrayWith([
        Match.objectLike({ Name: 'RateLimitPerIp', Action: { Block: {} }, Statement: { RateBasedStatement: { Limit: 200 * 300, AggregateKeyType: 'IP' } } }),
      ]),
    });
    synthesizedApp().template.resourceCountIs('AWS::WAFv2::WebACLAssociation', 1);
  });
});

describe('operators and partners', () => {
  it('sign in to an invitation-only pool with strong passwords, required MFA and threat protection', () => {
    synthesizedApp().template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
      UserPoolTier: 'PLUS',
      Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 12, RequireSymbols: true, RequireUppercase: true, RequireNumbers: true }) },
    });
  });

  it('are built in or have the base URL of their booking API, and routes name only them, or the synth stops', () => {
    expect(() => new DeliveryStack(new App(), 'Other', { partners: ['manual', 'teleporter'] })).toThrow(/PARTNER_ENDPOINTS\.teleporter: partner teleporter needs the base URL/);
    expect(() => new DeliveryStack(new App(), 'Other', { partners: ['manual'], partnerRoutes: [{ countries: ['GB'], partners: [{ id: 'acme' }] }] })).toThrow(/acme is not one of PARTNERS/);
    expect(() => new DeliveryStack(new App(), 'Other', { partners: [] })).toThrow(/invalid partner settings: PARTNERS/);
  });

  it('keep a webhook secret per partner, named as the handler reads it', () => {
    synthesizedApp().template.hasResource('AWS::SecretsManager::Secret', {
      DeletionPolicy: 'Retain',
      Properties: { Name: 'bookstore-delivery/partners/manual', GenerateSecretString: Match.objectLike({ GenerateStringKey: 'current' }) },
    });
  });
});

describe('a deployment with partners reached over HTTP', () => {
  let withPartners: SynthesizedApp;
  beforeAll(() => {
    withPartners = synthesize({
      stack: {
        partners: ['manual', 'acme', 'bolt'],
        partnerEndpoints: { acme: 'https://api.acme.example/v1', bolt: 'https://bolt.example/api' },
        partnerRoutes: [{ countries: ['GB'], postalPrefixes: ['N1'], partners: [{ id: 'acme', weight: 3 }, { id: 'bolt' }] }],
        trackingAggregators: ['aftership', 'easypost'],
      },
    });
  }, 60_000);
  afterAll(() => {
    removeSynthesized(withPartners);
  });

  it('gives the task function the endpoints and the routes, and lets it read only those partners’ secrets (cdk-nag stays clean)', () => {
    const environment = new Capture();
    withPartners.template.hasResourceProperties('AWS::Lambda::Function', { Description: Match.stringLikeRegexp('^Task states'), Environment: { Variables: environment } });
    expect(environment.asObject()).toMatchObject({
      PARTNERS: 'manual,acme,bolt',
      PARTNER_ENDPOINTS: JSON.stringify({ acme: 'https://api.acme.example/v1', bolt: 'https://bolt.example/api' }),
      PARTNER_SECRET_PREFIX: 'bookstore-delivery/partners/',
    });
    expect(JSON.parse(String(environment.asObject()['PARTNER_ROUTES']))).toEqual([{ countries: ['GB'], postalPrefixes: ['N1'], partners: [{ id: 'acme', weight: 3 }, { id: 'bolt' }] }]);

    const secretIds = Object.entries(withPartners.template.findResources('AWS::SecretsManager::Secret')).map(([id, secret]) => [id, (secret as Resource).Properties['Name']]);
    const policies = Object.values(withPartners.template.findResources('AWS::IAM::Policy')) as Resource[];
    const readBy = (name: string): string[] => {
      const [secretId] = secretIds.find(([, secretName]) => secretName === name) ?? [];
      return policies
        .filter((policy) => JSON.stringify(policy.Properties['PolicyDocument']).includes(`"Ref":"${String(secretId)}"`))
        .flatMap((policy) => (policy.Properties['Roles'] as { Ref: string }[]).map((role) => role.Ref.replace(/[0-9A-F]{8}$/, '')));
    };
    expect(readBy('bookstore-delivery/partners/acme').sort()).toEqual(['ApiWebhookHandlerRole', 'ReconciliationHandlerRole', 'WorkflowTasksRole']);
    expect(readBy('bookstore-delivery/partners/manual')).toEqual(['ApiWebhookHandlerRole']);
    expect(readBy('bookstore-delivery/partners/aftership'), 'an aggregator signs webhooks only').toEqual(['ApiWebhookHandlerRole']);
  });

  it('tells the webhook handler which aggregators send webhooks in their own formats', () => {
    const environment = new Capture();
    withPartners.template.hasResourceProperties('AWS::Lambda::Function', { Description: 'Signed partner status webhooks', Environment: { Variables: environment } });
    expect(environment.asObject()).toMatchObject({ PARTNERS: 'manual,acme,bolt', TRACKING_AGGREGATORS: 'aftership,easypost' });
  });
});

describe('the reconciliation', () => {
  it('runs every 15 minutes through EventBridge Scheduler, retried, failures to a dead-letter queue', () => {
    const target = new Capture();
    synthesizedApp().template.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'rate(15 minutes)', State: 'ENABLED', Target: target });
    expect(target.asObject()).toMatchObject({
      Arn: { 'Fn::GetAtt': [expect.stringMatching(/^ReconciliationHandlerFunction/), 'Arn'] },
      RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 900 },
      DeadLetterConfig: { Arn: { 'Fn::GetAtt': [expect.stringMatching(/^ReconciliationFailuresQueue/), 'Arn'] } },
    });
    const environment = new Capture();
    synthesizedApp().template.hasResourceProperties('AWS::Lambda::Function', { Description: Match.stringLikeRegexp('^Asks partners'), Environment: { Variables: environment } });
    expect(environment.asObject()).toMatchObject({ PARTNERS: 'manual', RECONCILE_QUIET_SECONDS: '21600' });
  });
});
