import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { StepFunctionsWorkflowControl } from '#adapters/workflow-control.ts';
import { timersFromEnv } from '#application/timers-from-env.ts';
import { notifyWorkflows } from '#application/workflow-notifier.ts';
import { notifierEnvSchema, readEnv } from '#shared/env.ts';
import { serviceHandler } from '#shared/service-handler.ts';

const env = readEnv(notifierEnvSchema());
const context = {
  workflow: new StepFunctionsWorkflowControl(env.STATE_MACHINE_ARN),
  timers: timersFromEnv(env),
  clock: () => new Date(),
  stateMachineArn: env.STATE_MACHINE_ARN,
};

/** The table's stream → start, resume and heartbeat the delivery workflows. */
export const handler = serviceHandler<DynamoDBStreamEvent, DynamoDBBatchResponse>().handler((event) => notifyWorkflows(event.Records, context));
