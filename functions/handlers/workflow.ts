import { partnerHandlerContext } from '#adapters/partners/known-partners.ts';
import { StepFunctionsWorkflowControl } from '#adapters/workflow-control.ts';
import { systemDeps } from '#application/system-deps.ts';
import { timersFromEnv } from '#application/timers-from-env.ts';
import { runWorkflowTask } from '#application/workflow-tasks.ts';
import { workflowTaskSchema } from '#schemas/workflow-task.ts';
import { readEnv, workflowEnvSchema } from '#shared/env.ts';
import { serviceHandler } from '#shared/service-handler.ts';

const env = readEnv(workflowEnvSchema());
const context = {
  ...partnerHandlerContext(env.DELIVERY_TABLE_NAME),
  deps: systemDeps,
  workflow: new StepFunctionsWorkflowControl(null),
  timers: timersFromEnv(env),
  clock: () => new Date(),
};

/** The workflow's task Lambda: each task state's payload, validated, run through the one write path. */
export const handler = serviceHandler<unknown, Awaited<ReturnType<typeof runWorkflowTask>>>().handler((payload) =>
  runWorkflowTask(workflowTaskSchema.parse(payload), context),
);
