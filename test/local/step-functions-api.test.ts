import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  SendTaskHeartbeatCommand,
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

describe('the Step Functions API of the local endpoint, through the real SFN client', () => {
  it('describes, lists, tells the history of and stops the executions the local engine runs', async () => {
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
    const sfn = new SFNClient({ endpoint: endpoint.url, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });

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
});
