import { ExecutionAlreadyExists, InvalidToken, SendTaskHeartbeatCommand, SendTaskSuccessCommand, SFNClient, StartExecutionCommand, TaskDoesNotExist, TaskTimedOut } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { StepFunctionsWorkflowControl } from '#adapters/workflow-control.ts';

const client = new SFNClient({ region: 'eu-west-1' });
const mock = mockClient(client);
afterEach(() => mock.reset());

const ARN = 'arn:aws:states:eu-west-1:000000000000:stateMachine:DeliveryLifecycle';
const INPUT = { deliveryId: 'dlv-1', wait: { timeoutSeconds: 60 } };
const throttled = () => Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });

describe('workflow control over the Step Functions API', () => {
  it('starts an execution named by the delivery, and takes a second start of it as done', async () => {
    const control = new StepFunctionsWorkflowControl(ARN, client);
    mock.on(StartExecutionCommand).resolvesOnce({ executionArn: 'x', startDate: new Date(0) }).rejectsOnce(new ExecutionAlreadyExists({ message: 'exists', $metadata: {} }));
    await control.start(INPUT);
    await control.start(INPUT);
    expect(mock.commandCalls(StartExecutionCommand).map((call) => call.args[0].input)).toEqual([
      { stateMachineArn: ARN, name: 'dlv-1', input: JSON.stringify(INPUT) },
      { stateMachineArn: ARN, name: 'dlv-1', input: JSON.stringify(INPUT) },
    ]);
  });

  it('passes on any other failure to start, and refuses to start without a state machine', async () => {
    mock.on(StartExecutionCommand).rejects(throttled());
    await expect(new StepFunctionsWorkflowControl(ARN, client).start(INPUT)).rejects.toThrow('Rate exceeded');
    await expect(new StepFunctionsWorkflowControl(null, client).start(INPUT)).rejects.toThrow('no state machine is configured');
  });

  it.each([
    ['TaskDoesNotExist', new TaskDoesNotExist({ message: 'gone', $metadata: {} })],
    ['TaskTimedOut', new TaskTimedOut({ message: 'timed out', $metadata: {} })],
    ['InvalidToken', new InvalidToken({ message: 'invalid', $metadata: {} })],
  ])('takes %s, a callback that is gone, as nothing to resume or keep alive', async (_name, gone) => {
    const control = new StepFunctionsWorkflowControl(null, client);
    mock.on(SendTaskSuccessCommand).rejects(gone);
    mock.on(SendTaskHeartbeatCommand).rejects(gone);
    await expect(control.resume('token-1', { status: 'IN_TRANSIT' })).resolves.toBeUndefined();
    await expect(control.heartbeat('token-1')).resolves.toBeUndefined();
    expect(mock.commandCalls(SendTaskSuccessCommand)[0]?.args[0].input).toEqual({ taskToken: 'token-1', output: '{"status":"IN_TRANSIT"}' });
  });

  it('passes on any other failure to resume or keep a callback alive, to be retried', async () => {
    const control = new StepFunctionsWorkflowControl(null, client);
    mock.on(SendTaskSuccessCommand).rejects(throttled());
    mock.on(SendTaskHeartbeatCommand).rejects(throttled());
    await expect(control.resume('token-1', {})).rejects.toThrow('Rate exceeded');
    await expect(control.heartbeat('token-1')).rejects.toThrow('Rate exceeded');
  });
});
