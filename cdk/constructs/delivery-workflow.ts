import { ArnFormat, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { Grant, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { grantDeliveryStore } from '../grant-delivery-store.ts';
import { DEFINITION_FILE, type DefinitionSubstitutions } from '../../statemachine/definition.ts';
import type { PartnerSecrets } from './partner-secrets.ts';
import { ServiceFunction } from './service-function.ts';
import { timerEnvironment, type TimerSettings } from '../timer-settings.ts';

/** Properties of {@link DeliveryWorkflow}. */
export interface DeliveryWorkflowProps {
  /** The delivery table. */
  readonly table: Table;
  /** The partners as the task function reads them: `PARTNERS`, `PARTNER_ENDPOINTS`, `PARTNER_ROUTES` (checked by the stack). */
  readonly partnerEnvironment: Readonly<Record<'PARTNERS' | 'PARTNER_ENDPOINTS' | 'PARTNER_ROUTES', string>>;
  /** The partners' secrets: those of the HTTP partners sign the requests to their booking APIs. */
  readonly partnerSecrets: PartnerSecrets;
  /** The partners reached over HTTP, whose secrets the task function reads. */
  readonly httpPartners: readonly string[];
  /** The lifecycle timers. */
  readonly timers: TimerSettings;
  /**
   * The state machine's name (contract §6).
   * @default 'DeliveryLifecycle'
   */
  readonly stateMachineName?: string;
}

/**
 * The state machine of contract §6, from `statemachine/delivery-lifecycle.asl.json`, and the Lambda
 * function its task states invoke. Logging ALL and X-Ray tracing are on.
 */
export class DeliveryWorkflow extends Construct {
  /** The function behind every task state. */
  public readonly tasks: ServiceFunction;
  /** The state machine; executions are named by delivery id. */
  public readonly stateMachine: StateMachine;

  constructor(scope: Construct, id: string, props: DeliveryWorkflowProps) {
    super(scope, id);
    this.tasks = new ServiceFunction(this, 'Tasks', {
      handler: 'workflow',
      description: 'Task states of the delivery workflow: book, wait, timers, stall, cancel',
      timeout: Duration.seconds(30),
      invokedSynchronouslyBy: 'Step Functions task states (lambda:invoke and .waitForTaskToken), which retry and catch its errors',
      environment: {
        DELIVERY_TABLE_NAME: props.table.tableName,
        ...props.partnerEnvironment,
        PARTNER_SECRET_PREFIX: props.partnerSecrets.prefix,
        ...timerEnvironment(props.timers),
      },
    });
    grantDeliveryStore(props.table, this.tasks.role);
    if (props.httpPartners.length > 0) props.partnerSecrets.grantRead(this.tasks.role, props.httpPartners);

    const stateMachineName = props.stateMachineName ?? 'DeliveryLifecycle';
    // A waiting task (WAIT, or BOOK) whose delivery already moved on resumes its own callback. Granting on
    // the state machine itself would make the function depend on it and it on the function: name it instead.
    Grant.addToPrincipal({
      grantee: this.tasks.role,
      actions: ['states:SendTaskSuccess'],
      resourceArns: [Stack.of(this).formatArn({ service: 'states', resource: 'stateMachine', resourceName: stateMachineName, arnFormat: ArnFormat.COLON_RESOURCE_NAME })],
    });

    const substitutions: DefinitionSubstitutions = { WorkflowFunctionArn: this.tasks.function.functionArn };
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineName,
      definitionBody: DefinitionBody.fromFile(DEFINITION_FILE),
      definitionSubstitutions: { ...substitutions },
      stateMachineType: StateMachineType.STANDARD,
      comment: 'The lifecycle of one delivery',
      tracingEnabled: true,
      logs: {
        destination: new LogGroup(this, 'Logs', {
          // Step Functions delivers logs through CloudWatch Logs' resource policy, which stays small under this prefix.
          logGroupName: `/aws/vendedlogs/states/${stateMachineName}`,
          retention: RetentionDays.THREE_MONTHS,
          removalPolicy: RemovalPolicy.DESTROY,
        }),
        level: LogLevel.ALL,
        includeExecutionData: true,
      },
    });
    this.stateMachine.addToRolePolicy(new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [this.tasks.function.functionArn] }));
    Validations.of(this.stateMachine.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Logging ALL and X-Ray tracing: the CloudWatch Logs delivery actions (logs:CreateLogDelivery and the like) and xray:PutTraceSegments have no resource to scope to.',
    });
  }
}
