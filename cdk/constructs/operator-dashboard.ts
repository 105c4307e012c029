import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CfnElement, Duration, RemovalPolicy, Stack, Stage, Validations } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HeadersFrameOption,
  OriginRequestPolicy,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
  type BehaviorOptions,
} from 'aws-cdk-lib/aws-cloudfront';
import { RestApiOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { type CfnUserPoolClient, OAuthScope, type UserPoolClient, type UserPoolDomain } from 'aws-cdk-lib/aws-cognito';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { buildDashboard, dashboardContentSecurityPolicy, type DashboardSettings } from '../../web/build-dashboard.ts';
import type { OperatorPool } from './operator-pool.ts';

/** Properties of {@link OperatorDashboard}. */
export interface OperatorDashboardProps {
  /** The API whose operator routes the dashboard calls, served from the dashboard's own origin. */
  readonly api: RestApi;
  /** The operators' user pool: the dashboard signs them in through its hosted sign-in. */
  readonly operators: OperatorPool;
  /**
   * The prefix of the hosted sign-in's domain, `<prefix>.auth.<region>.amazoncognito.com` (unique in the region).
   * @default '<stack name, lower case>-<account>'
   */
  readonly signInDomainPrefix?: string;
}

/** The API's paths the dashboard calls; CloudFront sends them to the API stage. */
const API_PATHS = ['holds', 'deliveries/*'] as const;

/**
 * The operator dashboard: its static files in a private S3 bucket behind CloudFront (origin access
 * control, HTTPS only, security headers, access logs), the API's operator routes on the same origin, and
 * a user pool app client and hosted sign-in domain (authorization code with PKCE) whose ID tokens the
 * API's Cognito authorizer accepts. The files hold no data: every delivery is read through the API.
 */
export class OperatorDashboard extends Construct {
  /** The distribution that serves the dashboard. */
  public readonly distribution: Distribution;
  /** The bucket of the dashboard's files. */
  public readonly siteBucket: Bucket;
  /** The app client operators sign in to the dashboard with. */
  public readonly client: UserPoolClient;
  /** The hosted sign-in domain. */
  public readonly signInDomain: UserPoolDomain;

  constructor(scope: Construct, id: string, props: OperatorDashboardProps) {
    super(scope, id);
    // S3 server access logs are allowed by a bucket policy, not by the deprecated bucket ACL.
    this.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);
    const logs = new Bucket(this, 'AccessLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(logs).acknowledge({ id: 'AwsSolutions-S1', reason: 'This is the access-log bucket of the dashboard buckets; logging it into itself would loop.' });
    const cdnLogs = new Bucket(this, 'CdnLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // CloudFront's standard logs are written with an ACL.
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'cdn-logs/',
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.siteBucket = new Bucket(this, 'Site', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'site/',
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: false,
    });

    this.signInDomain = props.operators.userPool.addDomain('HostedSignIn', {
      cognitoDomain: { domainPrefix: props.signInDomainPrefix ?? `${Stack.of(this).stackName.toLowerCase()}-${Stack.of(this).account}` },
    });
    const apiBehavior: BehaviorOptions = {
      origin: new RestApiOrigin(props.api),
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
    };
    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: dashboardContentSecurityPolicy([this.signInDomain.baseUrl()]),
          override: true,
        },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
      },
    });
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Operator dashboard of the delivery service',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.siteBucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: headers,
      },
      additionalBehaviors: Object.fromEntries(API_PATHS.map((path) => [path, apiBehavior])),
      enableLogging: true,
      logBucket: cdnLogs,
      logFilePrefix: 'cloudfront/',
    });
    this.acknowledgeDistribution();

    const dashboardUrl = `https://${this.distribution.distributionDomainName}/`;
    this.client = props.operators.userPool.addClient('Dashboard', {
      generateSecret: false,
      authFlows: {},
      oAuth: { flows: { authorizationCodeGrant: true }, scopes: [OAuthScope.OPENID, OAuthScope.EMAIL], callbackUrls: [dashboardUrl], logoutUrls: [dashboardUrl] },
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
    });
    // The hosted sign-in only: no password or SRP sign-in straight against this client (CDK leaves the list out, and Cognito's default allows both).
    (this.client.node.defaultChild as CfnUserPoolClient).explicitAuthFlows = ['ALLOW_REFRESH_TOKEN_AUTH'];
    const settings: DashboardSettings = {
      apiBase: '',
      auth: { mode: 'cognito', domain: this.signInDomain.baseUrl(), clientId: this.client.userPoolClientId, redirectUri: dashboardUrl },
    };
    const built = join(Stage.of(this)?.outdir ?? tmpdir(), `operator-dashboard-${this.node.addr}`);
    buildDashboard(built);
    const deployment = new BucketDeployment(this, 'Files', {
      sources: [Source.asset(built), Source.jsonData('config.json', settings)],
      destinationBucket: this.siteBucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      // The bucket goes with the stack, so its files must too.
      retainOnDelete: false,
    });
    this.acknowledgeDeployment(deployment);
  }

  private acknowledgeDistribution(): void {
    const reasons: Record<string, string> = {
      'AwsSolutions-CFR1': 'Operators may work from any country; who may act is decided by the Cognito sign-in and the API authorizer, not by location.',
      'AwsSolutions-CFR2':
        'The distribution serves static files that hold no data; every request for data reaches the API stage, which has its own regional WAF web ACL and Cognito authorizer. A CloudFront web ACL would have to live in us-east-1.',
      'AwsSolutions-CFR4': "The distribution uses CloudFront's default certificate, whose minimum protocol CloudFront fixes; a custom domain with a TLSv1.2_2021 policy is the deployer's choice.",
    };
    for (const [id, reason] of Object.entries(reasons)) Validations.of(this.distribution).acknowledge({ id, reason });
  }

  /** The bucket deployment's function is CDK's own (a Python handler, one per stack): what it needs, and why it can't be narrowed. */
  private acknowledgeDeployment(deployment: BucketDeployment): void {
    const role = deployment.handlerRole;
    const siteId = Stack.of(this).getLogicalId(this.siteBucket.node.defaultChild as CfnElement);
    const copying =
      "CDK's bucket deployment copies the dashboard's files from the CDK asset bucket into the dashboard bucket and removes files no longer shipped: it reads every object of the asset bucket and writes every object of the dashboard bucket.";
    const wildcards = ['Action::s3:GetObject*', 'Action::s3:GetBucket*', 'Action::s3:List*', 'Action::s3:DeleteObject*', 'Action::s3:Abort*', `Resource::<${siteId}.Arn>/*`, 'Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*'];
    for (const finding of wildcards) Validations.of(role).acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason: copying });
    Validations.of(role).acknowledge({ id: 'AwsSolutions-IAM5[Resource::*]', reason: 'CloudFront CreateInvalidation, which the deployment calls after copying, has no resource-level permission.' });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: "CDK's bucket deployment function writes its logs with the basic execution policy; it is a deploy-time custom resource, not part of the service.",
    });
    const handler = role.node.scope;
    if (handler === undefined) throw new Error('the bucket deployment role has no function');
    const runtime = "CDK's bucket deployment function is CDK's own, with the Python runtime its aws-cli layer needs; CDK moves it to newer runtimes.";
    const reasons: Record<string, string> = {
      'AwsSolutions-L1': runtime,
      'Serverless-LambdaLatestVersion': runtime,
      'Serverless-LambdaDLQ': 'Invoked synchronously by CloudFormation as a custom resource; a failure fails the deployment, which is rolled back.',
      'Serverless-LambdaTracing': 'A deploy-time custom resource that copies files; it takes no part in serving requests, which is what tracing follows.',
    };
    for (const [id, reason] of Object.entries(reasons)) Validations.of(handler).acknowledge({ id, reason });
  }

}
