import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient, type DynamoDBStreamsClientConfig } from '@aws-sdk/client-dynamodb-streams';
import type { DeliveryRepository } from '#adapters/delivery-store/delivery-repository.ts';
import type { WorkflowControl } from '#adapters/workflow-control.ts';
import type { PartnerDirectory } from '#adapters/partners/partner-directory.ts';
import { depsOn } from '#application/system-deps.ts';
import type { Timers } from '#application/wait-plan.ts';
import type { PartnerRoute } from '#schemas/partner-routes.ts';
import { notifyWorkflows } from '#application/workflow-notifier.ts';
import { runWorkflowTask, type WorkflowStep, type WorkflowTaskContext } from '#application/workflow-tasks.ts';
import { workflowTaskSchema } from '#schemas/workflow-task.ts';
import { loadDefinition } from '../statemachine/definition.ts';
import { pollStream } from './dynamodb-stream-poller.ts';
import { streamArnOf } from './dynamodb-stream-reader.ts';
import { wallClock, type LocalClock } from './local-clock.ts';
import { LOCAL_STATE_MACHINE_ARN, LocalWorkflow } from './local-workflow.ts';

/** The ARN the local task function answers to in the definition's substitution. */
export const LOCAL_WORKFLOW_FUNCTION_ARN = 'arn:aws:lambda:eu-west-1:000000000000:function:delivery-workflow';

/** What {@link startWorkflowRuntime} runs over. */
export interface WorkflowRuntimeOptions {
  readonly repository: DeliveryRepository;
  /** A client of the DynamoDB that holds the table, to find its stream. */
  readonly dynamodb: DynamoDBClient;
  readonly tableName: string;
  /** How to reach that DynamoDB's streams API. */
  readonly streams: DynamoDBStreamsClientConfig;
  readonly partners: PartnerDirectory;
  /**
   * The routing rules that pick a delivery's partners.
   * @default none
   */
  readonly routes?: readonly PartnerRoute[];
  readonly timers: Timers;
  /**
   * How often the notifier reads the stream.
   * @default 50
   */
  readonly pollIntervalMs?: number;
  /**
   * How the notifier and the tasks reach the running workflow, given the local engine.
   * @default the engine itself
   */
  readonly control?: (engine: LocalWorkflow) => WorkflowControl;
  /**
   * The time the tasks, the notifier and the callbacks' timeouts run on.
   * @default the wall clock
   */
  readonly clock?: LocalClock;
}

/** The workflow running locally. */
export interface WorkflowRuntime {
  readonly workflow: LocalWorkflow;
  /** Runs one task as a task state would. */
  readonly runTask: (payload: unknown) => Promise<WorkflowStep | Record<string, never>>;
  stop(): Promise<void>;
}

/**
 * The real definition on the local engine with its task states bound to the real workflow tasks, and the
 * real notifier reading the table's stream to start, resume and heartbeat executions: the workflow half
 * of the service, as Step Functions and the notifier Lambda run it in AWS.
 */
export const startWorkflowRuntime = async (options: WorkflowRuntimeOptions): Promise<WorkflowRuntime> => {
  const localClock = options.clock ?? wallClock;
  const clock = localClock.now;
  const holder: { workflow?: WorkflowControl } = {};
  const context: WorkflowTaskContext = {
    repository: options.repository,
    deps: depsOn(clock),
    partners: options.partners,
    timers: options.timers,
    ...(options.routes === undefined ? {} : { routes: options.routes }),
    clock,
    get workflow() {
      if (!holder.workflow) throw new Error('the workflow is not running yet');
      return holder.workflow;
    },
  };
  const runTask = (payload: unknown) => runWorkflowTask(workflowTaskSchema.parse(payload), context);
  const workflow = new LocalWorkflow(loadDefinition({ WorkflowFunctionArn: LOCAL_WORKFLOW_FUNCTION_ARN }), runTask, LOCAL_STATE_MACHINE_ARN, localClock);
  const control = options.control?.(workflow) ?? workflow;
  holder.workflow = control;
  const poller = pollStream(
    new DynamoDBStreamsClient(options.streams),
    await streamArnOf(options.dynamodb, options.tableName),
    (records) => notifyWorkflows(records, { workflow: control, timers: options.timers, clock, stateMachineArn: LOCAL_STATE_MACHINE_ARN }),
    {
      intervalMs: options.pollIntervalMs ?? 50,
      onError: (error) => {
        console.error('workflow notifier: reading the stream failed; trying again', error);
      },
    },
  );
  return {
    workflow,
    runTask,
    stop: async () => {
      await poller.stop();
      workflow.stop();
    },
  };
};
