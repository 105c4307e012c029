import type { WorkflowInspection } from '#adapters/workflow-inspection.ts';

/** For API tests that run no workflow: no execution has started. */
export const noWorkflowsStarted: WorkflowInspection = { describe: () => Promise.resolve(null) };
