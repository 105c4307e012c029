import type { ExecutionInput } from '#adapters/workflow-control.ts';
import type { AwsOperation } from './aws-endpoint.ts';
import type { LocalExecution, LocalHistoryEvent, LocalWorkflow } from './local-workflow.ts';

/** An error the SDK raises as the exception class `type` names. */
const awsError = (type: string, message: string): Error => Object.assign(new Error(message), { type });

/** `GetExecutionHistory` pages as AWS does: 100 events unless `maxResults` says otherwise, at most 1000. */
const DEFAULT_HISTORY_PAGE = 100;
const MAX_HISTORY_PAGE = 1000;

const field = (input: unknown, name: string): string => {
  const value = (input as Record<string, unknown> | null)?.[name];
  if (typeof value !== 'string' || value === '') throw awsError('ValidationException', `${name} is required`);
  return value;
};

const seconds = (date: Date): number => date.getTime() / 1000;

const STATUS: Readonly<Record<LocalExecution['status'], string>> = { RUNNING: 'RUNNING', SUCCEEDED: 'SUCCEEDED', FAILED: 'FAILED', ABORTED: 'ABORTED' };

/** The history event Step Functions would write for a local engine event; state events are typed by their state (e.g. `TaskStateEntered`). */
const historyEvent = (event: LocalHistoryEvent, id: number, stateTypes: Readonly<Record<string, string>>): Record<string, unknown> => {
  const base = { id, previousEventId: id - 1, timestamp: event.timestamp / 1000 };
  const state = event.state;
  const kind = state ? (stateTypes[state.name] ?? 'Task') : '';
  switch (event.type) {
    case 'StateEntered':
      return { ...base, type: `${kind}StateEntered`, stateEnteredEventDetails: { name: state?.name, input: JSON.stringify(state?.input ?? null) } };
    case 'StateExited':
      return { ...base, type: `${kind}StateExited`, stateExitedEventDetails: { name: state?.name, output: JSON.stringify(state?.output ?? null) } };
    case 'ExecutionFailed':
      return { ...base, type: 'ExecutionFailed', executionFailedEventDetails: { error: event.error ?? 'States.Runtime' } };
    default:
      return { ...base, type: event.type };
  }
};

/**
 * The Step Functions API over the local engine, for the AWS-compatible endpoint (contract §7):
 * `StartExecution`, `DescribeExecution`, `ListExecutions`, `GetExecutionHistory`, `StopExecution`,
 * `SendTaskSuccess`, `SendTaskFailure`, `SendTaskHeartbeat`, with the errors the real API answers.
 */
export const stepFunctionsOperations = (
  workflow: LocalWorkflow,
  stateMachineArn: string,
  definition: { readonly States: Readonly<Record<string, { readonly Type: string }>> },
  clock: () => Date = () => new Date(),
): Record<string, AwsOperation> => {
  const stateTypes = Object.fromEntries(Object.entries(definition.States).map(([name, state]) => [name, state.Type]));
  const executionOf = (input: unknown): LocalExecution => {
    const arn = field(input, 'executionArn');
    const execution = workflow.executions().find((candidate) => candidate.executionArn === arn);
    if (!execution) throw awsError('ExecutionDoesNotExist', `no execution ${arn}`);
    return execution;
  };
  const waitingCallback = (input: unknown): string => {
    const token = field(input, 'taskToken');
    if (!workflow.isWaiting(token)) throw awsError('TaskDoesNotExist', 'no task waits on this token');
    return token;
  };
  const describe = (execution: LocalExecution): Record<string, unknown> => ({
    executionArn: execution.executionArn,
    stateMachineArn,
    name: execution.name,
    status: STATUS[execution.status],
    startDate: seconds(execution.startedAt),
    ...(execution.stoppedAt ? { stopDate: seconds(execution.stoppedAt) } : {}),
    input: JSON.stringify(execution.input),
    ...(execution.status === 'SUCCEEDED' ? { output: JSON.stringify(execution.output) } : {}),
    ...(execution.error === null ? {} : { error: execution.error }),
  });
  return {
    'AWSStepFunctions.StartExecution': async (input) => {
      if (field(input, 'stateMachineArn') !== stateMachineArn) throw awsError('StateMachineDoesNotExist', `no state machine ${stateMachineArn}`);
      const name = field(input, 'name');
      const given: unknown = JSON.parse((input as { input?: string }).input ?? '{}');
      const existing = workflow.execution(name);
      if (existing && JSON.stringify(existing.input) !== JSON.stringify(given)) throw awsError('ExecutionAlreadyExists', `execution ${name} exists with another input`);
      if (!existing) {
        if ((given as { deliveryId?: unknown }).deliveryId !== name) throw awsError('ValidationException', 'input must hold "deliveryId": <the execution name>');
        // Step Functions would start it and fail it at once (States.Runtime), taking the name: refused here instead.
        const timeout = (given as { wait?: { timeoutSeconds?: unknown } }).wait?.timeoutSeconds;
        if (!Number.isInteger(timeout) || (timeout as number) < 1) throw awsError('ValidationException', 'input must hold "wait": {"timeoutSeconds": <whole seconds>}');
        await workflow.start(given as ExecutionInput);
      }
      const started = workflow.execution(name);
      return { executionArn: started?.executionArn, startDate: started ? seconds(started.startedAt) : undefined };
    },
    'AWSStepFunctions.DescribeExecution': (input) => describe(executionOf(input)),
    'AWSStepFunctions.ListExecutions': (input) => {
      const filter = (input as { statusFilter?: string }).statusFilter;
      return { executions: workflow.executions().map(describe).filter((execution) => filter === undefined || execution['status'] === filter) };
    },
    'AWSStepFunctions.GetExecutionHistory': (input) => {
      const { reverseOrder, maxResults = 0, nextToken } = input as { reverseOrder?: boolean; maxResults?: number; nextToken?: string };
      if (!Number.isInteger(maxResults) || maxResults < 0 || maxResults > MAX_HISTORY_PAGE) throw awsError('ValidationException', `maxResults must be 0 to ${String(MAX_HISTORY_PAGE)}`);
      const events = executionOf(input).history.map((event, index) => historyEvent(event, index + 1, stateTypes));
      const ordered = reverseOrder === true ? events.reverse() : events;
      const from = nextToken === undefined ? 0 : Number(nextToken);
      if (!Number.isInteger(from) || from < 0 || from > ordered.length) throw awsError('InvalidToken', `no page starts at ${nextToken ?? ''}`);
      const to = from + (maxResults === 0 ? DEFAULT_HISTORY_PAGE : maxResults);
      return { events: ordered.slice(from, to), ...(to < ordered.length ? { nextToken: String(to) } : {}) };
    },
    'AWSStepFunctions.StopExecution': (input) => {
      const execution = executionOf(input);
      if (execution.status === 'RUNNING') execution.abort();
      return { stopDate: seconds(clock()) };
    },
    'AWSStepFunctions.SendTaskSuccess': async (input) => {
      const token = waitingCallback(input);
      await workflow.resume(token, JSON.parse(field(input, 'output')));
      return {};
    },
    'AWSStepFunctions.SendTaskFailure': (input) => {
      const { error, cause } = input as { error?: string; cause?: string };
      workflow.fail(waitingCallback(input), error ?? 'States.TaskFailed', cause ?? '');
      return {};
    },
    'AWSStepFunctions.SendTaskHeartbeat': async (input) => {
      await workflow.heartbeat(waitingCallback(input));
      return {};
    },
  };
};
