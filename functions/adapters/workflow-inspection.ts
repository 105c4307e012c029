import { DescribeExecutionCommand, ExecutionDoesNotExist, GetExecutionHistoryCommand, SFNClient } from '@aws-sdk/client-sfn';

/** Where a delivery's workflow is, as an operator sees it. */
export interface WorkflowState {
  readonly executionArn: string;
  /** `RUNNING`, `SUCCEEDED`, `FAILED`, `TIMED_OUT`, `ABORTED`, `PENDING_REDRIVE`; `UNAVAILABLE` when it could not be read. */
  readonly status: string;
  /** The state the execution last entered (a plain-English name of the definition), if any. */
  readonly currentState: string | null;
  readonly startedAt: string | null;
  readonly stoppedAt: string | null;
}

/** Reads a workflow execution's state. */
export interface WorkflowInspection {
  /** The execution's state, or null when it does not exist (yet). */
  describe(executionArn: string): Promise<WorkflowState | null>;
}

/** How far back the latest history events are read to find the state the execution is in. */
const RECENT_HISTORY_EVENTS = 20;

/** {@link WorkflowInspection} over the Step Functions API (`AWS_ENDPOINT_URL_SFN` points it at the local stack). */
export class StepFunctionsWorkflowInspection implements WorkflowInspection {
  constructor(private readonly client: SFNClient = new SFNClient({})) {}

  async describe(executionArn: string): Promise<WorkflowState | null> {
    try {
      const [execution, history] = await Promise.all([
        this.client.send(new DescribeExecutionCommand({ executionArn })),
        this.client.send(new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: RECENT_HISTORY_EVENTS, includeExecutionData: false })),
      ]);
      const entered = (history.events ?? []).find((event) => event.stateEnteredEventDetails !== undefined);
      return {
        executionArn,
        status: execution.status ?? 'UNKNOWN',
        currentState: entered?.stateEnteredEventDetails?.name ?? null,
        startedAt: execution.startDate?.toISOString() ?? null,
        stoppedAt: execution.stopDate?.toISOString() ?? null,
      };
    } catch (error) {
      if (error instanceof ExecutionDoesNotExist) return null;
      throw error;
    }
  }
}
