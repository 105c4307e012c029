import { newOrder, partnerEvent, type Reply, type StackClient } from '#test/e2e/support/client.ts';

/** The delivery a lifecycle drives: its id once created, its job once booked. */
export interface DrivenDelivery {
  deliveryId: string;
  jobId: string;
}

/** One call a lifecycle makes through the API, and the status the delivery reaches after it. */
export interface Step {
  readonly label: string;
  /** The Lambda behind the route: the API handler or the webhook handler. */
  readonly handler: 'api' | 'webhook';
  readonly send: (stack: StackClient, delivery: DrivenDelivery) => Promise<Reply>;
  /** The HTTP status the call must answer. */
  readonly answers: number;
  /** The delivery's status once the call and the workflow's reaction to it are done. */
  readonly reaches: string;
}

/** A lifecycle: its key in `--json`, its name in the report, its calls. */
export interface Lifecycle {
  readonly id: string;
  readonly title: string;
  readonly steps: readonly Step[];
}

const create: Step = { label: 'create', handler: 'api', send: (stack) => stack.create(newOrder({ partnerId: 'manual' })), answers: 201, reaches: 'AWAITING_PICKUP' };

/** A signed webhook of the manual partner reporting `status` for the delivery's job, happening now. */
const scan = (status: string, reaches: string, extra: Record<string, unknown> = {}): Step => ({
  label: status,
  handler: 'webhook',
  send: (stack, delivery) => stack.webhook('manual', partnerEvent(delivery.jobId, status, extra)),
  answers: 200,
  reaches,
});

const operator = (action: string, reaches: string): Step => ({
  label: `operator ${action}`,
  handler: 'api',
  send: (stack, delivery) => stack.act(delivery.deliveryId, action, 'benchmark'),
  answers: 202,
  reaches,
});

const failedAttempt = (reaches: string): Step[] => [
  scan('OUT_FOR_DELIVERY', 'OUT_FOR_DELIVERY'),
  scan('DELIVERY_ATTEMPTED', reaches, { reason: 'RECIPIENT_UNAVAILABLE' }),
];

/** The four lifecycles of issue 7, each through the HTTP API, signed webhooks and operator actions. */
export const LIFECYCLES: readonly Lifecycle[] = [
  {
    id: 'happyPath',
    title: 'Happy path (create → booked → PICKED_UP → OUT_FOR_DELIVERY → DELIVERED)',
    steps: [create, scan('PICKED_UP', 'IN_TRANSIT'), scan('OUT_FOR_DELIVERY', 'OUT_FOR_DELIVERY'), scan('DELIVERED', 'DELIVERED')],
  },
  {
    id: 'oneFailedAttempt',
    title: 'One failed attempt, then delivered',
    steps: [create, scan('PICKED_UP', 'IN_TRANSIT'), ...failedAttempt('ATTEMPT_FAILED'), scan('OUT_FOR_DELIVERY', 'OUT_FOR_DELIVERY'), scan('DELIVERED', 'DELIVERED')],
  },
  {
    id: 'maxAttemptsThenReturn',
    title: 'Three failed attempts (ON_HOLD), then RETURN_TO_SENDER and CONFIRM_RETURNED by an operator',
    steps: [
      create,
      scan('PICKED_UP', 'IN_TRANSIT'),
      ...failedAttempt('ATTEMPT_FAILED'),
      ...failedAttempt('ATTEMPT_FAILED'),
      ...failedAttempt('ON_HOLD'),
      operator('RETURN_TO_SENDER', 'RETURNING'),
      operator('CONFIRM_RETURNED', 'RETURNED'),
    ],
  },
  {
    id: 'cancelBeforePickup',
    title: 'Cancelled before pickup',
    steps: [create, { label: 'cancel', handler: 'api', send: (stack, delivery) => stack.cancel(delivery.deliveryId), answers: 202, reaches: 'CANCELLED' }],
  },
];
