import * as z from 'zod';
import { DELIVERY_STATUSES } from '#domain/statuses.ts';

const deliveryId = z.string().min(1);
/** The execution the task runs in (`$$.Execution.Id`), for the logs. */
const executionArn = z.string().min(1).optional();

/** The payload each workflow task state sends to the workflow Lambda (see the state machine's Parameters). */
export const workflowTaskSchema = z.discriminatedUnion('task', [
  z.object({ task: z.literal('BOOK'), deliveryId, executionArn }),
  z.object({ task: z.literal('TIMER'), deliveryId, executionArn }),
  z.object({ task: z.literal('STALL'), deliveryId, executionArn }),
  z.object({ task: z.literal('CANCEL'), deliveryId, executionArn }),
  z.object({
    task: z.literal('WAIT'),
    deliveryId,
    executionArn,
    status: z.enum(DELIVERY_STATUSES),
    phase: z.string().min(1),
    taskToken: z.string().min(1),
    /** The wait's timeout and heartbeat, also in the payload: the local engine enforces them from there. */
    timeoutSeconds: z.int().min(1),
    heartbeatSeconds: z.int().min(1).optional(),
  }),
]);

/** A workflow task's payload. */
export type WorkflowTask = z.infer<typeof workflowTaskSchema>;
