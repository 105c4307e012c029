import { randomUUID } from 'node:crypto';
import type { Command, OperatorAction } from '#domain/index.ts';
import type { CreateDeliveryRequest } from '#schemas/create-delivery.ts';

/** One step of a scripted lifecycle: a label for the terminal and the command it sends. */
export interface ScriptStep {
  readonly label: string;
  readonly command: Command;
  /** The id repeats are recognised by (webhooks: partner and event id). */
  readonly idempotencyKey?: string;
}

/** A named lifecycle, from create to a terminal status. */
export interface Script {
  readonly name: string;
  readonly steps: readonly ScriptStep[];
}

const order = (orderId: string, now: Date): CreateDeliveryRequest => ({
  orderId,
  customer: { name: 'Ada Lovelace', email: 'ada@example.com' },
  address: { line1: '12 Analytical St', city: 'London', postalCode: 'N1 9GU', country: 'GB' },
  items: [{ sku: '978-0262033848', title: 'Introduction to Algorithms', quantity: 1 }],
  promisedBy: new Date(now.getTime() + 3 * 24 * 3600 * 1000).toISOString(),
});

const id = (prefix: string): string => `${prefix}-${randomUUID()}`;

/** Builds the steps of one delivery, with partner events timed one minute apart from `now`. */
class ScriptBuilder {
  readonly #jobId = `job-${randomUUID().slice(0, 8)}`;
  readonly #steps: ScriptStep[] = [];
  #minute = 0;

  constructor(
    private readonly name: string,
    private readonly now: Date,
  ) {}

  create(): this {
    const request = order(`ord-${randomUUID().slice(0, 8)}`, this.now);
    return this.#add({ label: 'create', command: { type: 'CREATE', commandId: id('cmd'), request } });
  }

  dispatch(): this {
    const jobId = this.#jobId;
    this.#add({ label: 'workflow dispatch', command: { type: 'DISPATCH', commandId: id('cmd'), candidates: ['manual', 'sandbox'] } });
    return this.#add({
      label: 'booking reply ACCEPTED',
      command: { type: 'RECORD_BOOKING', commandId: id('cmd'), partnerId: 'manual', outcome: 'ACCEPTED', jobId, trackingNumber: `TRK${jobId}` },
    });
  }

  partner(status: string, options: { eventId?: string; minutesAgo?: number; label?: string } = {}): this {
    this.#minute += 1;
    const eventId = options.eventId ?? id('evt');
    const offset = options.minutesAgo === undefined ? this.#minute : -options.minutesAgo;
    const occurredAt = new Date(this.now.getTime() + offset * 60_000).toISOString();
    return this.#add({
      label: options.label ?? `partner ${status}`,
      command: { type: 'APPLY_PARTNER_EVENT', commandId: eventId, event: { partnerId: 'manual', eventId, jobId: this.#jobId, status, occurredAt } },
      idempotencyKey: `webhook#manual#${eventId}`,
    });
  }

  /** The courier goes out and cannot deliver. */
  failedAttempt(): this {
    return this.partner('OUT_FOR_DELIVERY').partner('DELIVERY_ATTEMPTED');
  }

  operator(action: OperatorAction, reason: string): this {
    return this.#add({ label: `operator ${action}`, command: { type: 'OPERATOR_ACTION', commandId: id('cmd'), action, actor: 'op-demo', reason } });
  }

  cancel(): this {
    const command: Command = { type: 'CANCEL', commandId: id('cmd'), source: 'CUSTOMER', actor: null, reason: 'order cancelled' };
    return this.#add({ label: 'order service cancels', command });
  }

  build(): Script {
    return { name: this.name, steps: this.#steps };
  }

  #add(step: ScriptStep): this {
    this.#steps.push(step);
    return this;
  }
}

/** The lifecycles `npm start` plays against DynamoDB Local. */
export const scriptedLifecycles = (now: Date): Script[] => [
  new ScriptBuilder('Happy path, with a duplicate, a late and a post-delivery webhook', now)
    .create()
    .dispatch()
    .partner('PICKED_UP', { eventId: 'evt-pickup' })
    .partner('PICKED_UP', { eventId: 'evt-pickup', label: 'partner PICKED_UP again (same eventId)' })
    .partner('OUT_FOR_DELIVERY')
    .partner('IN_TRANSIT', { minutesAgo: 30, label: 'partner IN_TRANSIT from 30 minutes ago' })
    .partner('DELIVERED')
    .partner('OUT_FOR_DELIVERY', { label: 'partner OUT_FOR_DELIVERY after delivery' })
    .build(),
  new ScriptBuilder('One failed attempt, then delivered', now)
    .create()
    .dispatch()
    .partner('PICKED_UP')
    .failedAttempt()
    .partner('OUT_FOR_DELIVERY')
    .partner('DELIVERED')
    .build(),
  new ScriptBuilder('Max attempts, operator returns it to the sender', now)
    .create()
    .dispatch()
    .partner('PICKED_UP')
    .failedAttempt()
    .failedAttempt()
    .failedAttempt()
    .operator('RETURN_TO_SENDER', 'customer unreachable after three attempts')
    .operator('CONFIRM_RETURNED', 'scanned in at the warehouse')
    .build(),
  new ScriptBuilder('Cancelled before pickup', now).create().dispatch().cancel().partner('CANCELLED').build(),
];
