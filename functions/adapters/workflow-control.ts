import {
  ExecutionAlreadyExists,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
  InvalidToken,
} from '@aws-sdk/client-sfn';

/**
 * An execution's input: the delivery it runs for, and the timeout of its first state (which books and
 * waits), as in the workflow's step; the definition's `TimeoutSecondsPath` fails the execution without it.
 */
export interface ExecutionInput {
  readonly deliveryId: string;
  readonly wait: { readonly timeoutSeconds: number };
}

/** What the service asks of Step Functions. */
export interface WorkflowControl {
  /** Starts the delivery's execution with `input`, named by its `deliveryId`; starting it again is a no-op. */
  start(input: ExecutionInput): Promise<void>;
  /** Resumes a callback with `output`; a callback that is gone (completed, timed out) is a no-op. */
  resume(taskToken: string, output: unknown): Promise<void>;
  /** Extends a callback's heartbeat; a callback that is gone is a no-op. */
  heartbeat(taskToken: string): Promise<void>;
}

const isGone = (error: unknown): boolean =>
  error instanceof TaskDoesNotExist || error instanceof TaskTimedOut || error instanceof InvalidToken;

/** {@link WorkflowControl} over the Step Functions API (`AWS_ENDPOINT_URL_SFN` points it at the local stack). */
export class StepFunctionsWorkflowControl implements WorkflowControl {
  /**
   * @param stateMachineArn where `start` starts executions; a task token names its own execution, so
   *   resuming and heartbeats need none.
   */
  constructor(
    private readonly stateMachineArn: string | null,
    private readonly client: SFNClient = new SFNClient({}),
  ) {}

  async start(input: ExecutionInput): Promise<void> {
    if (this.stateMachineArn === null) throw new Error('no state machine is configured to start executions on');
    try {
      await this.client.send(new StartExecutionCommand({ stateMachineArn: this.stateMachineArn, name: input.deliveryId, input: JSON.stringify(input) }));
    } catch (error) {
      if (!(error instanceof ExecutionAlreadyExists)) throw error;
    }
  }

  async resume(taskToken: string, output: unknown): Promise<void> {
    try {
      await this.client.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }));
    } catch (error) {
      if (!isGone(error)) throw error;
    }
  }

  async heartbeat(taskToken: string): Promise<void> {
    try {
      await this.client.send(new SendTaskHeartbeatCommand({ taskToken }));
    } catch (error) {
      if (!isGone(error)) throw error;
    }
  }
}
