import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * How esbuild bundles every function: the AWS SDK bundled, minified ESM for `nodejs24.x` with source maps
 * (without the sources), ES module entry points first, and `require` defined for the CommonJS code the
 * bundle inlines. Two modules of the SDK are replaced (esbuild aliases; the paths are resolved from the
 * project root, where CDK runs esbuild): the clients' default credential chain is reduced to the
 * environment variables Lambda sets, its only link that ever answers there
 * (`functions/shared/lambda-credentials.ts`), and the event-stream codecs, which no operation of our clients
 * uses, are left out (`functions/shared/without-event-streams.ts`). The benchmark (`bench/bundles.ts`)
 * builds its bundles from this same object.
 */
export const FUNCTION_BUNDLING: Readonly<BundlingOptions> = {
  bundleAwsSDK: true,
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  format: OutputFormat.ESM,
  target: 'node24',
  mainFields: ['module', 'main'],
  banner: "import{createRequire as __createRequire}from'node:module';const require=__createRequire(import.meta.url);",
  esbuildArgs: {
    '--alias': [
      '@aws-sdk/credential-provider-node=./functions/shared/lambda-credentials.ts',
      '@smithy/core/event-streams=./functions/shared/without-event-streams.ts',
    ],
  },
};

/** The environment every function starts from; each adds what its handler reads. */
export const FUNCTION_ENVIRONMENT: Readonly<Record<string, string>> = {
  NODE_OPTIONS: '--enable-source-maps',
  POWERTOOLS_SERVICE_NAME: 'delivery',
  POWERTOOLS_LOG_LEVEL: 'INFO',
};

/** The handler files under `functions/handlers/`, one per Lambda function. */
export type HandlerName = 'api' | 'webhook' | 'order-events' | 'relay' | 'workflow' | 'workflow-notifier' | 'reconciler';

/** Properties of {@link ServiceFunction}. */
export interface ServiceFunctionProps {
  /** Which file of `functions/handlers/` the function runs. */
  readonly handler: HandlerName;
  /** What the function does, shown in the console. */
  readonly description: string;
  /** Variables the handler validates at load. */
  readonly environment: Readonly<Record<string, string>>;
  /**
   * The longest one invocation may take.
   * @default Duration.seconds(10)
   */
  readonly timeout?: Duration;
  /**
   * Memory, and so CPU, in MiB.
   * @default 512
   */
  readonly memorySize?: number;
  /**
   * Where Lambda puts an asynchronous invocation that failed every attempt. Only for functions that are
   * invoked asynchronously; the others are acknowledged as such with `invokedSynchronouslyBy`.
   */
  readonly deadLetterQueue?: IQueue;
  /**
   * Who invokes the function synchronously (or through an event source mapping with its own failure
   * destination), which is why it has no dead-letter queue. Required when `deadLetterQueue` is not given.
   */
  readonly invokedSynchronouslyBy?: string;
  /** Why other actions the function is granted on `*` cannot be scoped, if any are (added to the X-Ray reason). */
  readonly unscopedActionsReason?: string;
}

/**
 * One Lambda function of the service, with the defaults every function shares: `nodejs24.x` on arm64,
 * the AWS SDK bundled, minified ESM with source maps, X-Ray tracing, its own log group with a retention,
 * and its own role that starts with nothing but writing to that log group.
 */
export class ServiceFunction extends Construct {
  /** The function. */
  public readonly function: NodejsFunction;
  /** Its role: grant what the handler needs to this. */
  public readonly role: Role;
  /** Its log group. */
  public readonly logGroup: LogGroup;
  /** The file of `functions/handlers/` it runs. */
  public readonly handlerName: HandlerName;

  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    super(scope, id);
    this.handlerName = props.handler;
    if (props.deadLetterQueue === undefined && props.invokedSynchronouslyBy === undefined) {
      throw new Error(`${id}: give a deadLetterQueue, or say who invokes it synchronously`);
    }
    this.logGroup = new LogGroup(this, 'Logs', { retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs the ${props.handler} handler`,
    });
    this.logGroup.grantWrite(this.role);
    this.function = new NodejsFunction(this, 'Function', {
      entry: `${repositoryRoot}functions/handlers/${props.handler}.ts`,
      handler: 'handler',
      projectRoot: repositoryRoot,
      depsLockFilePath: `${repositoryRoot}package-lock.json`,
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      role: this.role,
      logGroup: this.logGroup,
      tracing: Tracing.ACTIVE,
      ...(props.deadLetterQueue === undefined ? {} : { deadLetterQueue: props.deadLetterQueue }),
      environment: { ...FUNCTION_ENVIRONMENT, ...props.environment },
      bundling: FUNCTION_BUNDLING,
    });
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: [
        'X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords have no resource to scope to.',
        ...(props.unscopedActionsReason === undefined ? [] : [props.unscopedActionsReason]),
      ].join(' '),
    });
    if (props.invokedSynchronouslyBy !== undefined) {
      Validations.of(this.function).acknowledge({
        id: 'Serverless-LambdaDLQ',
        reason: `Invoked synchronously by ${props.invokedSynchronouslyBy}; a Lambda dead-letter queue only receives failed asynchronous invocations.`,
      });
    }
  }
}
