import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { loadDefinition } from '../../statemachine/definition.ts';
import { LOCAL_WORKFLOW_FUNCTION_ARN } from '../../local/workflow-runtime.ts';

/** The definition's states: which are tasks, and which of those wait for a callback. */
const states = (loadDefinition({ WorkflowFunctionArn: LOCAL_WORKFLOW_FUNCTION_ARN }) as { States: Record<string, { Type: string; Resource?: string }> }).States;

/** Whether the workflow waits in `name` for a callback (a `.waitForTaskToken` task). */
export const isCallbackState = (name: string): boolean => states[name]?.Resource?.endsWith('.waitForTaskToken') === true;

/**
 * Bytes of one record of the execution's CloudWatch log (level ALL, execution data included) besides
 * the data it carries: its id, type, timestamps, execution ARN and field names. An estimate.
 */
const LOG_RECORD_OVERHEAD_BYTES = 300;
/** History events Step Functions adds for each Lambda task, which the local engine does not record (scheduled, started, succeeded). */
const TASK_EVENTS_NOT_RECORDED_LOCALLY = 3;

/** What an execution's history says about its cost. */
export interface ExecutionFigures {
  /** The states entered, in order: each one a billed state transition. */
  readonly statesEntered: readonly string[];
  /** Task states entered: each invokes the workflow function once. */
  readonly taskInvocations: number;
  /** Entered-to-exited time of each task that does not wait for a callback, in milliseconds. */
  readonly taskDurationsMs: readonly number[];
  /** An estimate of what the execution's log (level ALL, with execution data) ingests. */
  readonly logBytes: number;
}

const nameOf = (event: HistoryEvent): string => event.stateEnteredEventDetails?.name ?? event.stateExitedEventDetails?.name ?? '';
const dataOf = (event: HistoryEvent): string => event.stateEnteredEventDetails?.input ?? event.stateExitedEventDetails?.output ?? '';

/** Reads the billed transitions, the task invocations and their durations off an execution's history. */
export const figuresOf = (history: readonly HistoryEvent[]): ExecutionFigures => {
  const entered = history.filter((event) => event.type?.endsWith('StateEntered') === true);
  const tasks = entered.filter((event) => event.type === 'TaskStateEntered');
  const taskDurationsMs = tasks.flatMap((start) => {
    const name = nameOf(start);
    if (isCallbackState(name)) return [];
    const end = history.find((event) => event.type === 'TaskStateExited' && nameOf(event) === name && (event.id ?? 0) > (start.id ?? 0));
    return end?.timestamp && start.timestamp ? [end.timestamp.getTime() - start.timestamp.getTime()] : [];
  });
  const recorded = history.reduce((total, event) => total + LOG_RECORD_OVERHEAD_BYTES + Buffer.byteLength(dataOf(event)), 0);
  const unrecorded = tasks.reduce((total, event) => total + TASK_EVENTS_NOT_RECORDED_LOCALLY * (LOG_RECORD_OVERHEAD_BYTES + Buffer.byteLength(dataOf(event))), 0);
  return { statesEntered: entered.map(nameOf), taskInvocations: tasks.length, taskDurationsMs, logBytes: recorded + unrecorded };
};
