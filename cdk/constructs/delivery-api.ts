import { type CfnElement, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  AccessLogFormat,
  AuthorizationType,
  CfnModel,
  CognitoUserPoolsAuthorizer,
  EndpointType,
  LambdaIntegration,
  LogGroupLogDestination,
  MethodLoggingLevel,
  Model,
  RequestValidator,
  RestApi,
  type MethodOptions,
} from 'aws-cdk-lib/aws-apigateway';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { grantDeliveryStore } from '../grant-delivery-store.ts';
import { requestBodyJsonSchemas, type RequestBodyModel } from '#schemas/json-schemas.ts';
import { API_ROUTES, WEBHOOK_ROUTE, type RouteSpec } from '../api-routes.ts';
import { addErrorResponses } from '../api-error-responses.ts';
import { accessLogFields } from '../api-access-log.ts';
import { ApiFirewall } from './api-firewall.ts';
import type { OperatorPool } from './operator-pool.ts';
import type { PartnerSecrets } from './partner-secrets.ts';
import { ServiceFunction } from './service-function.ts';

/** Properties of {@link DeliveryApi}. */
export interface DeliveryApiProps {
  /** The delivery table. */
  readonly table: Table;
  /** The workflow, whose execution ARNs the delivery view names. */
  readonly stateMachine: IStateMachine;
  /** The partners that may send webhooks. */
  readonly partners: readonly string[];
  /** The tracking aggregators that may send webhooks in their own formats. */
  readonly trackingAggregators: readonly string[];
  /** Their webhook signing secrets. */
  readonly partnerSecrets: PartnerSecrets;
  /** The operators, whose ID tokens authorize the operator routes. */
  readonly operators: OperatorPool;
  /**
   * Steady requests per second the stage accepts, and the burst above it.
   * @default { rateLimit: 200, burstLimit: 400 }
   */
  readonly throttling?: { readonly rateLimit: number; readonly burstLimit: number };
}

/**
 * The REST API of contract §3 and the partner webhooks of §4: service routes take SigV4 (IAM), operator
 * routes a Cognito ID token, webhooks are open at the gateway and HMAC-checked by their handler. Bodies
 * are validated against models generated from the zod schemas; access logs are JSON; a WAF guards it.
 */
export class DeliveryApi extends Construct {
  /** The API. */
  public readonly api: RestApi;
  /** The handler of the routes of §3. */
  public readonly apiHandler: ServiceFunction;
  /** The handler of partner webhooks. */
  public readonly webhookHandler: ServiceFunction;

  constructor(scope: Construct, id: string, props: DeliveryApiProps) {
    super(scope, id);
    const throttling = props.throttling ?? { rateLimit: 200, burstLimit: 400 };
    this.apiHandler = new ServiceFunction(this, 'ApiHandler', {
      handler: 'api',
      description: 'The delivery API: create, read, cancel, list and operator actions',
      invokedSynchronouslyBy: 'API Gateway (Lambda proxy integration)',
      environment: { DELIVERY_TABLE_NAME: props.table.tableName, STATE_MACHINE_ARN: props.stateMachine.stateMachineArn, PARTNERS: props.partners.join(',') },
    });
    grantDeliveryStore(props.table, this.apiHandler.role, { listByStatus: true });
    // The operator timeline shows where a delivery's workflow is.
    props.stateMachine.grantExecution(this.apiHandler.role, 'states:DescribeExecution', 'states:GetExecutionHistory');
    const stateMachineId = Stack.of(this).getLogicalId(props.stateMachine.node.defaultChild as CfnElement);
    Validations.of(this.apiHandler.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:{"Fn::Select":[6,{"Fn::Split":[":",{"Ref":"${stateMachineId}"}]}]}:*]`,
      reason: "Reading the delivery workflow's executions (describe, history) for the operator timeline: an execution is named by its delivery id, unknown at deploy time, and the grant is limited to this state machine's executions.",
    });
    this.webhookHandler = new ServiceFunction(this, 'WebhookHandler', {
      handler: 'webhook',
      description: 'Signed partner status webhooks',
      invokedSynchronouslyBy: 'API Gateway (Lambda proxy integration)',
      environment: {
        DELIVERY_TABLE_NAME: props.table.tableName,
        PARTNERS: props.partners.join(','),
        TRACKING_AGGREGATORS: props.trackingAggregators.join(','),
        PARTNER_SECRETS: 'secrets-manager',
        PARTNER_SECRET_PREFIX: props.partnerSecrets.prefix,
      },
    });
    grantDeliveryStore(props.table, this.webhookHandler.role);
    props.partnerSecrets.grantRead(this.webhookHandler.role);

    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.THREE_MONTHS, removalPolicy: RemovalPolicy.DESTROY });
    this.api = new RestApi(this, 'Api', {
      restApiName: 'bookstore-delivery',
      description: 'Delivery lifecycle service of the online book store',
      endpointTypes: [EndpointType.REGIONAL],
      cloudWatchRole: true,
      // The role is the region's API Gateway logging role, which other APIs may log through too.
      cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN,
      deployOptions: {
        stageName: 'v1',
        accessLogDestination: new LogGroupLogDestination(accessLogs),
        accessLogFormat: AccessLogFormat.custom(JSON.stringify(accessLogFields)),
        loggingLevel: MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        metricsEnabled: true,
        tracingEnabled: true,
        throttlingRateLimit: throttling.rateLimit,
        throttlingBurstLimit: throttling.burstLimit,
      },
    });
    const cloudWatchRole = this.api.node.findChild('CloudWatchRole');
    Validations.of(cloudWatchRole).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
      reason: 'The account-wide role API Gateway needs to write execution logs; AWS maintains this policy for exactly that purpose.',
    });
    addErrorResponses(this.api);
    // One client (the order service behind its NAT) may use the whole stage rate; more from one address is blocked.
    new ApiFirewall(this, 'Firewall', { stageArn: this.api.deploymentStage.stageArn, requestsPerFiveMinutes: throttling.rateLimit * 300 });

    const validator = new RequestValidator(this, 'Validator', {
      restApi: this.api,
      validateRequestBody: true,
      validateRequestParameters: true,
    });
    const authorizer = new CognitoUserPoolsAuthorizer(this, 'Operators', { cognitoUserPools: [props.operators.userPool] });
    const models = this.createModels();
    // The models are L1 resources: make their schemas part of the deployment's identity, so that a changed schema is deployed.
    this.api.latestDeployment?.addToLogicalId(requestBodyJsonSchemas);
    const apiIntegration = new LambdaIntegration(this.apiHandler.function, { allowTestInvoke: false });

    const addRoute = (key: string, spec: RouteSpec, integration: LambdaIntegration): void => {
      const [method = '', path = ''] = key.split(' ');
      const options: MethodOptions = {
        ...this.accessOptions(spec, authorizer),
        requestValidator: validator,
        requestParameters: requestParametersOf(path, spec),
        ...(spec.body === undefined ? {} : { requestModels: { 'application/json': models[spec.body] } }),
      };
      const added = this.api.root.resourceForPath(path).addMethod(method, integration, options);
      acknowledgeAccess(added, spec);
    };
    for (const [key, spec] of Object.entries(API_ROUTES)) addRoute(key, spec, apiIntegration);
    addRoute(WEBHOOK_ROUTE, { access: 'public' }, new LambdaIntegration(this.webhookHandler.function, { allowTestInvoke: false }));
  }

  private createModels(): Record<RequestBodyModel, Model> {
    const entries = Object.entries(requestBodyJsonSchemas).map(([name, schema]) => {
      const model = new CfnModel(this, `${name}Model`, { restApiId: this.api.restApiId, name, contentType: 'application/json', schema });
      return [name, Model.fromModelName(this, `${name}ModelRef`, model.ref)] as const;
    });
    return Object.fromEntries(entries) as Record<RequestBodyModel, Model>;
  }

  private accessOptions(spec: RouteSpec, authorizer: CognitoUserPoolsAuthorizer): MethodOptions {
    switch (spec.access) {
      case 'public':
        return { authorizationType: AuthorizationType.NONE };
      case 'service':
        return { authorizationType: AuthorizationType.IAM };
      case 'operator':
        return { authorizationType: AuthorizationType.COGNITO, authorizer };
    }
  }
}

const requestParametersOf = (path: string, spec: RouteSpec): Record<string, boolean> => ({
  ...Object.fromEntries([...path.matchAll(/\{([A-Za-z]+)\}/g)].map(([, name]) => [`method.request.path.${name ?? ''}`, true])),
  ...Object.fromEntries(Object.entries(spec.query ?? {}).map(([name, required]) => [`method.request.querystring.${name}`, required])),
});

const acknowledgeAccess = (method: Construct, spec: RouteSpec): void => {
  if (spec.access === 'public') {
    const reason = 'Open by contract §3/§4: the health check answers anyone; partner webhooks are authenticated by their HMAC signature in the handler.';
    Validations.of(method).acknowledge({ id: 'AwsSolutions-APIG4', reason });
    Validations.of(method).acknowledge({ id: 'AwsSolutions-COG4', reason });
  } else if (spec.access === 'service') {
    Validations.of(method).acknowledge({
      id: 'AwsSolutions-COG4',
      reason: 'A service route (contract §3): the order service calls it with SigV4, so it uses IAM authorization, not a user pool.',
    });
  }
};
