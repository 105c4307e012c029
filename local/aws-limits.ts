import { entrySize, MAX_BYTES_PER_CALL, MAX_ENTRIES_PER_CALL } from '#adapters/event-entries.ts';
import { awsError } from './aws-error.ts';

/**
 * The limits AWS puts on the requests the local endpoint takes, checked before the operation runs and
 * refused with the errors AWS answers, so that what fails in AWS fails here first. From the API
 * references of EventBridge (`PutEvents`, with its entry size as EventBridge calculates it) and Step
 * Functions (the length constraints of each operation's parameters).
 */
type RequestCheck = (input: Readonly<Record<string, unknown>>) => void;

/** Step Functions takes inputs and outputs of up to 256 KiB of UTF-8. */
const MAX_PAYLOAD_BYTES = 256 * 1024;
const MAX_ARN_LENGTH = 256;
const MAX_TASK_TOKEN_LENGTH = 2048;
const MAX_EXECUTION_NAME_LENGTH = 80;
const MAX_ERROR_LENGTH = 256;
const MAX_CAUSE_LENGTH = 32_768;
const MAX_PAGE_SIZE = 1000;
/** What an execution name may not hold: whitespace, brackets, wildcards, these special characters and control characters (`Cc`: U+0000–001F, U+007F–009F). */
const FORBIDDEN_IN_NAMES = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\p{Cc}]/u;

const textOf = (input: Readonly<Record<string, unknown>>, name: string): string | undefined => {
  const value = input[name];
  return typeof value === 'string' ? value : undefined;
};

/** `name`, when given, has at most `max` characters; else `type`. */
const atMostCharacters =
  (name: string, max: number, type: string): RequestCheck =>
  (input) => {
    const value = textOf(input, name);
    if (value !== undefined && value.length > max) throw awsError(type, `${name} is ${String(value.length)} characters long, over the ${String(max)} AWS takes`);
  };

/** `name`, when given, is JSON of at most {@link MAX_PAYLOAD_BYTES} UTF-8 bytes; else `type`. */
const jsonPayload =
  (name: string, type: string): RequestCheck =>
  (input) => {
    const value = textOf(input, name);
    if (value === undefined) return;
    const bytes = Buffer.byteLength(value, 'utf8');
    if (bytes > MAX_PAYLOAD_BYTES) throw awsError(type, `${name} is ${String(bytes)} bytes, over the ${String(MAX_PAYLOAD_BYTES)} Step Functions takes`);
    try {
      JSON.parse(value);
    } catch (error) {
      throw awsError(type, `${name} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

const executionName: RequestCheck = (input) => {
  const name = textOf(input, 'name');
  if (name === undefined) return;
  if (name.length > MAX_EXECUTION_NAME_LENGTH) throw awsError('InvalidName', `name is ${String(name.length)} characters long, over the ${String(MAX_EXECUTION_NAME_LENGTH)} Step Functions takes`);
  if (FORBIDDEN_IN_NAMES.test(name)) throw awsError('InvalidName', `name ${JSON.stringify(name)} holds a character Step Functions does not take in a name`);
};

const pageSize: RequestCheck = (input) => {
  const size = input['maxResults'];
  if (size !== undefined && (!Number.isInteger(size) || (size as number) < 0 || (size as number) > MAX_PAGE_SIZE)) {
    throw awsError('ValidationException', `maxResults must be 0 to ${String(MAX_PAGE_SIZE)}`);
  }
};

/** `PutEvents`: 1 to 10 entries, together at most 256 KiB as EventBridge counts them; else the whole call is refused. */
const putEventsEntries: RequestCheck = (input) => {
  const entries = input['Entries'];
  if (!Array.isArray(entries) || entries.length === 0 || entries.length > MAX_ENTRIES_PER_CALL) {
    throw awsError('ValidationException', `Entries must hold 1 to ${String(MAX_ENTRIES_PER_CALL)} entries`);
  }
  const size = entries.reduce((total: number, entry: unknown) => {
    const fields = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const resources = Array.isArray(fields['Resources']) ? fields['Resources'].filter((resource) => typeof resource === 'string') : [];
    return total + entrySize({ Time: fields['Time'], Source: textOf(fields, 'Source'), DetailType: textOf(fields, 'DetailType'), Detail: textOf(fields, 'Detail'), Resources: resources });
  }, 0);
  // One entry over the limit is a call over the limit: AWS refuses the whole call, not the entry.
  if (size > MAX_BYTES_PER_CALL) throw awsError('ValidationException', 'Total size of the entries in the request is over the limit.');
};

const stateMachineArn = atMostCharacters('stateMachineArn', MAX_ARN_LENGTH, 'InvalidArn');
const executionArn = atMostCharacters('executionArn', MAX_ARN_LENGTH, 'InvalidArn');
const taskToken = atMostCharacters('taskToken', MAX_TASK_TOKEN_LENGTH, 'InvalidToken');
const errorAndCause: readonly RequestCheck[] = [
  atMostCharacters('error', MAX_ERROR_LENGTH, 'ValidationException'),
  atMostCharacters('cause', MAX_CAUSE_LENGTH, 'ValidationException'),
];

/** The checks of each operation, by `X-Amz-Target`. */
const CHECKS = new Map<string, readonly RequestCheck[]>([
  ['AWSEvents.PutEvents', [putEventsEntries]],
  ['AWSStepFunctions.StartExecution', [stateMachineArn, executionName, jsonPayload('input', 'InvalidExecutionInput')]],
  ['AWSStepFunctions.DescribeExecution', [executionArn]],
  ['AWSStepFunctions.ListExecutions', [stateMachineArn, pageSize]],
  ['AWSStepFunctions.GetExecutionHistory', [executionArn, pageSize]],
  ['AWSStepFunctions.StopExecution', [executionArn, ...errorAndCause]],
  ['AWSStepFunctions.SendTaskSuccess', [taskToken, jsonPayload('output', 'InvalidOutput')]],
  ['AWSStepFunctions.SendTaskFailure', [taskToken, ...errorAndCause]],
  ['AWSStepFunctions.SendTaskHeartbeat', [taskToken]],
]);

/** Throws the error AWS answers when `input` breaks a limit of the operation `target`; an operation it knows no limits of passes. */
export const checkAwsLimits = (target: string, input: unknown): void => {
  const fields = (typeof input === 'object' && input !== null ? input : {}) as Readonly<Record<string, unknown>>;
  for (const check of CHECKS.get(target) ?? []) check(fields);
};
