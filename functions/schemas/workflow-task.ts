import * as z from 'zod/mini';
import { DELIVERY_STATUSES } from '#domain/statuses.ts';

const deliveryId = z.string().check(z.minLength(1));
/** The execution the task runs in (`$$.Execution.Id`), for the logs. */
const executionArn = z.optional(z.string().check(z.minLength(1)));
const taskToken = z.string().check(z.minLength(1));
/** The wait's timeout, also in the payload: the local engine enforces it from there. */
const timeoutSeconds = z.int().check(z.minimum(1));

/** The payload each workflow task state sends to the workflow Lambda (see the state machine's Parameters). */
export const workflowTaskSchema = z.discriminatedUnion('task', [
  /**
   * Books, then waits on its callback like WAIT. Without a callback (executions started on the earlier
   * definition, where a state of its own waited), it books and returns the next step.
   */
  z.object({ task: z.literal('BOOK'), deliveryId, executionArn, taskToken: z.optional(taskToken), timeoutSeconds: z.optional(timeoutSeconds) }),
  z.object({ task: z.literal('TIMER'), deliveryId, executionArn }),
  z.object({ task: z.literal('STALL'), deliveryId, executionArn }),
  z.object({ task: z.literal('CANCEL'), deliveryId, executionArn }),
  z.object({
    task: z.literal('WAIT'),
    deliveryId,
    executionArn,
    status: z.enum(DELIVERY_STATUSES),
    phase: z.string().check(z.minLength(1)),
    taskToken,
    timeoutSeconds,
    /** Also in the payload for the local engine, like the timeout. */
    heartbeatSeconds: z.optional(z.int().check(z.minimum(1))),
  }),
]);

/** A workflow task's payload. */
export type WorkflowTask = z.infer<typeof workflowTaskSchema>;
