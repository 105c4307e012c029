import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
  TaskDoesNotExist,
  ExecutionAlreadyExists,
} from '@aws-sdk/client-sfn';
import { describe, expect, it, onTestFinished } from 'vitest';
import { StepFunctionsWorkflowInspection } from '#adapters/workflow-inspection.ts';
import { workflowOnFreshTable } from '#test/support/workflow-harness.ts';
import { startAwsEndpoint } from '../../local/aws-endpoint.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/dynamodb-local.ts';
import { freePort } from '../../local/free-port.ts';
import { LocalEventBus } from '../../local/local-event-bus.ts';
import { LOCAL_STATE_MACHINE_ARN } from '../../local/local-workflow.ts';
import { stepFunctionsOperations } from '../../local/step-functions-api.ts';
import { loadDefinition } from '../../statemachine/definition.ts';

/** The local engine over a fresh table, its Step Functions API on a local endpoint, and the real SFN client pointed at it. */
const sfnOverTheLocalEngine = async () => {
  const harness = await workflowOnFreshTable();
  const definition = loadDefinition({ WorkflowFunctionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:delivery-workflow' }) as {
    States: Record<string, { Type: string }>;
  };
  const endpoint = await startAwsEndpoint({
    port: await freePort(),
    bus: new LocalEventBus(),
    operations: stepFunctionsOperations(harness.workflow, LOCAL_STATE_MACHINE_ARN, definition),
  });
  onTestFinished(() => endpoint.close());
  return { harness, sfn: new SFNClient({ endpoint: endpoint.url, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS }) };
};

describe('the Step Functions API of the local endpoint, through the real SFN client', () => {
  it('describes, lists, tells the history of and stops the executions the local engine runs', async () => {
    const { harness, sfn } = await sfnOverTheLocalEngine();

    const deliveryId = await harness.create();
    const jobId = (await harness.deliveryWhere(deliveryId, 'a booking', (d) => d.partner?.jobId != null)).partner?.jobId ?? '';
    await harness.parkedIn(deliveryId, 'Book a partner and wait for pickup');
    await harness.send(deliveryId, harness.scan('PICKED_UP', jobId));
    await harness.parkedIn(deliveryId, 'Wait for the partner to deliver');
    const executionArn = harness.workflow.execution(deliveryId)?.executionArn ?? '';
    const input = JSON.stringify(harness.workflow.execution(deliveryId)?.input);
    expect(JSON.parse(input)).toMatchObject({ deliveryId, status: 'PENDING', wait: { phase: 'BOOKING' } });

    expect(await sfn.send(new DescribeExecutionCommand({ executionArn }))).toMatchObject({
      executionArn,
      stateMachineArn: LOCAL_STATE_MACHINE_ARN,
      name: deliveryId,
      status: 'RUNNING',
      input,
      startDate: expect.any(Date) as Date,
    });
    const history = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    expect(history.events?.filter((event) => event.type === 'TaskStateEntered').map((event) => event.stateEnteredEventDetails?.name)).toEqual([
      'Book a partner and wait for pickup',
      'Wait for the partner to deliver',
    ]);
    expect((await sfn.send(new ListExecutionsCommand({ stateMachineArn: LOCAL_STATE_MACHINE_ARN, statusFilter: 'RUNNING' }))).executions?.map((e) => e.name)).toEqual([deliveryId]);

    const latest = await sfn.send(new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 2 }));
    expect(latest.events?.map((event) => event.id)).toEqual([history.events?.at(-1)?.id, history.events?.at(-2)?.id]);
    const rest = await sfn.send(new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 2, nextToken: latest.nextToken }));
    expect(rest.events?.map((event) => event.id)).toEqual([history.events?.at(-3)?.id, history.events?.at(-4)?.id]);
    await expect(sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1001 }))).rejects.toMatchObject({ name: 'ValidationException' });
    expect(await new StepFunctionsWorkflowInspection(sfn).describe(executionArn)).toMatchObject({
      executionArn,
      status: 'RUNNING',
      currentState: 'Wait for the partner to deliver',
      stoppedAt: null,
    });
    expect(await new StepFunctionsWorkflowInspection(sfn).describe(`${executionArn}-none`)).toBeNull();

    const again = await sfn.send(new StartExecutionCommand({ stateMachineArn: LOCAL_STATE_MACHINE_ARN, name: deliveryId, input }));
    expect(again.executionArn).toBe(executionArn);
    await expect(
      sfn.send(new StartExecutionCommand({ stateMachineArn: LOCAL_STATE_MACHINE_ARN, name: deliveryId, input: JSON.stringify({ deliveryId: 'dlv-other' }) })),
    ).rejects.toBeInstanceOf(ExecutionAlreadyExists);
    await expect(sfn.send(new SendTaskHeartbeatCommand({ taskToken: 'no-such-token' }))).rejects.toBeInstanceOf(TaskDoesNotExist);
    await expect(
      sfn.send(new StartExecutionCommand({ stateMachineArn: LOCAL_STATE_MACHINE_ARN, name: 'dlv-no-timeout', input: JSON.stringify({ deliveryId: 'dlv-no-timeout' }) })),
      'the first state reads its timeout from the input',
    ).rejects.toMatchObject({ name: 'ValidationException' });
    expect(harness.workflow.execution('dlv-no-timeout')).toBeUndefined();

    await sfn.send(new StopExecutionCommand({ executionArn }));
    await harness.workflow.execution(deliveryId)?.done;
    expect((await sfn.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('ABORTED');
  });

  it('refuses what Step Functions refuses, with its errors, before anything runs: payloads over 256 KiB or not JSON, task tokens over 2048 characters, names it does not take, an error or cause too long', async () => {
    const { harness, sfn } = await sfnOverTheLocalEngine();
    const deliveryId = await harness.create();
    await harness.parkedIn(deliveryId, 'Book a partner and wait for pickup');
    const taskToken = String(await harness.storedToken(deliveryId));
    const executionArn = harness.workflow.execution(deliveryId)?.executionArn ?? '';
    const LIMIT = 256 * 1024;
    /** JSON of exactly `bytes` UTF-8 bytes, made of two-byte characters, so that it is fewer characters than bytes. */
    const jsonOf = (bytes: number) => `"${'é'.repeat(Math.floor((bytes - 2) / 2))}${'x'.repeat((bytes - 2) % 2)}"`;
    const start = (name: string, input: string) => sfn.send(new StartExecutionCommand({ stateMachineArn: LOCAL_STATE_MACHINE_ARN, name, input }));

    const refusals: [string, Promise<unknown>][] = [
      ['InvalidExecutionInput', start('dlv-big-input', jsonOf(LIMIT + 1))],
      ['InvalidExecutionInput', start('dlv-not-json', '{"deliveryId":')],
      ['InvalidName', start('x'.repeat(81), '{}')],
      ['InvalidName', start('dlv with spaces', '{}')],
      ['InvalidArn', sfn.send(new StartExecutionCommand({ stateMachineArn: `arn:${'x'.repeat(256)}`, name: 'dlv-1', input: '{}' }))],
      ['InvalidArn', sfn.send(new DescribeExecutionCommand({ executionArn: `${executionArn}${'x'.repeat(256)}` }))],
      ['InvalidOutput', sfn.send(new SendTaskSuccessCommand({ taskToken, output: jsonOf(LIMIT + 1) }))],
      ['InvalidOutput', sfn.send(new SendTaskSuccessCommand({ taskToken, output: 'not json' }))],
      ['InvalidToken', sfn.send(new SendTaskSuccessCommand({ taskToken: 't'.repeat(2049), output: '{}' }))],
      ['InvalidToken', sfn.send(new SendTaskHeartbeatCommand({ taskToken: 't'.repeat(2049) }))],
      ['InvalidToken', sfn.send(new SendTaskFailureCommand({ taskToken: 't'.repeat(2049) }))],
      ['ValidationException', sfn.send(new SendTaskFailureCommand({ taskToken, error: 'e'.repeat(257) }))],
      ['ValidationException', sfn.send(new SendTaskFailureCommand({ taskToken, cause: 'c'.repeat(32_769) }))],
      ['ValidationException', sfn.send(new StopExecutionCommand({ executionArn, cause: 'c'.repeat(32_769) }))],
      ['ValidationException', sfn.send(new ListExecutionsCommand({ stateMachineArn: LOCAL_STATE_MACHINE_ARN, maxResults: 1001 }))],
    ];
    const answered = await Promise.all(refusals.map(([, call]) => call.then(() => 'accepted', (error: unknown) => (error as Error).name)));
    expect(answered).toEqual(refusals.map(([expected]) => expected));

    expect(harness.workflow.execution(deliveryId)?.status, 'the waiting task was neither resumed, failed nor stopped').toBe('RUNNING');
    expect(harness.workflow.isWaiting(taskToken)).toBe(true);
    await expect(sfn.send(new SendTaskSuccessCommand({ taskToken: 't'.repeat(2048), output: jsonOf(LIMIT) })), 'at the limits, the call gets through').rejects.toBeInstanceOf(TaskDoesNotExist);
  });
});
