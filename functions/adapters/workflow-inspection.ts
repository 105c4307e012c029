import { DescribeExecutionCommand, ExecutionDoesNotExist, GetExecutionHistoryCommand, SFNClient } from '@aws-sdk/client-sfn';
import type { WorkflowInspection, WorkflowState } from './workflow-state.ts';

export type { WorkflowInspection, WorkflowState } from './workflow-state.ts';

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
