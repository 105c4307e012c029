import { randomUUID } from 'node:crypto';
import { PartnerUnavailableError } from '#adapters/partners/partner-errors.ts';
import type { BookingReply, PartnerClient } from '#adapters/partners/partner-gateway.ts';
import type { PartnerWebhook } from '#schemas/partner-webhook.ts';
import type { Delivery } from '#domain/delivery.ts';
import { PartnerStatus } from '#domain/partner-statuses.ts';
import { signatureHeader } from '#shared/partner-signature.ts';
import { wallClock, type ClockTimer, type LocalClock } from './local-clock.ts';

/**
 * The sandbox's scenarios, chosen by the end of the order id (`ord-42-lost`); any other order id gets
 * `delivered`. Each is the partner statuses the sandbox reports, one webhook per step.
 */
export const SANDBOX_SCENARIOS = {
  delivered: [PartnerStatus.PICKED_UP, PartnerStatus.IN_TRANSIT, PartnerStatus.OUT_FOR_DELIVERY, PartnerStatus.DELIVERED],
  'retry': [PartnerStatus.PICKED_UP, PartnerStatus.OUT_FOR_DELIVERY, PartnerStatus.DELIVERY_ATTEMPTED, PartnerStatus.OUT_FOR_DELIVERY, PartnerStatus.DELIVERED],
  'max-attempts': [
    PartnerStatus.PICKED_UP,
    ...[1, 2, 3].flatMap(() => [PartnerStatus.OUT_FOR_DELIVERY, PartnerStatus.DELIVERY_ATTEMPTED]),
  ],
  lost: [PartnerStatus.PICKED_UP, PartnerStatus.IN_TRANSIT, PartnerStatus.LOST],
  damaged: [PartnerStatus.PICKED_UP, PartnerStatus.IN_TRANSIT, PartnerStatus.DAMAGED],
  'return': [PartnerStatus.PICKED_UP, PartnerStatus.IN_TRANSIT, PartnerStatus.RETURN_TO_SENDER, PartnerStatus.RETURNED],
} as const satisfies Record<string, readonly PartnerStatus[]>;

/** A sandbox scenario's name. */
export type SandboxScenario = keyof typeof SANDBOX_SCENARIOS;

/** The scenario an order id asks for. */
export const scenarioOf = (orderId: string): SandboxScenario =>
  (Object.keys(SANDBOX_SCENARIOS) as SandboxScenario[]).find((name) => orderId.endsWith(`-${name}`)) ?? 'delivered';

/** Options of {@link SandboxPartner}. */
export interface SandboxPartnerOptions {
  /** Where the sandbox posts its webhooks: the local API's `/webhooks/sandbox`. */
  readonly webhookUrl: string;
  /** The secret it signs them with (`PARTNER_SECRET_SANDBOX`, default `dev-secret-sandbox`). */
  readonly secret: string;
  /** The time between two steps of a scenario. */
  readonly stepMs: number;
  /**
   * The time its scenarios run on, and its signatures carry.
   * @default the wall clock
   */
  readonly clock?: LocalClock;
}

/** How often a webhook the API did not take is sent again (a 404 means the booking is not recorded yet). */
const WEBHOOK_ATTEMPTS = 6;

/**
 * How the sandbox can misbehave, asked for by words in the order id (`ord-42_dup_drop-retry`):
 * - `dup`: every webhook is sent twice;
 * - `shuffle`: each pair of webhooks is sent in the wrong order (their `occurredAt` stays true);
 * - `late`: every webhook is sent two steps after its event happened;
 * - `drop`: the last webhook is never sent (the reconciliation's `track` call still reports it);
 * - `failbook`: the booking API fails, so the workflow falls over to the next partner.
 */
export const SANDBOX_MISBEHAVIOURS = ['dup', 'shuffle', 'late', 'drop', 'failbook'] as const;

/** A misbehaviour of the sandbox. */
export type SandboxMisbehaviour = (typeof SANDBOX_MISBEHAVIOURS)[number];

/** The misbehaviours an order id asks for. */
export const misbehavioursOf = (orderId: string): ReadonlySet<SandboxMisbehaviour> =>
  new Set(SANDBOX_MISBEHAVIOURS.filter((misbehaviour) => new RegExp(`_${misbehaviour}(?=[_-]|$)`).test(orderId)));

/**
 * When each event of a scenario is sent, in steps after the booking (event `i` happens at step `i + 1`);
 * `undefined` when it never is. Shuffled, the first of each pair is sent half a step after the second.
 */
const sendPlan = (count: number, misbehaviours: ReadonlySet<SandboxMisbehaviour>): (number | undefined)[] =>
  Array.from({ length: count }, (_, index) => {
    if (misbehaviours.has('drop') && index === count - 1) return undefined;
    const overtaken = misbehaviours.has('shuffle') && index % 2 === 0 && index + 1 < count;
    return (overtaken ? index + 2.5 : index + 1) + (misbehaviours.has('late') ? 2 : 0);
  });

/**
 * The `sandbox` partner of the local stack (contract §4): accepts every booking, then drives the
 * delivery through the scenario its order id names, with signed webhooks to the local API, one step
 * every `stepMs`, misbehaving as the order id asks. A cancelled job stops.
 */
export class SandboxPartner implements PartnerClient {
  readonly #timers = new Map<string, ClockTimer[]>();
  /** The events of each job, each with when it happens (what `track` reports once it has). */
  readonly #events = new Map<string, PartnerWebhook[]>();

  readonly #clock: LocalClock;

  constructor(private readonly options: SandboxPartnerOptions) {
    this.#clock = options.clock ?? wallClock;
  }

  book(_partnerId: string, delivery: Delivery): Promise<BookingReply> {
    const misbehaviours = misbehavioursOf(delivery.orderId);
    if (misbehaviours.has('failbook')) return Promise.reject(new PartnerUnavailableError('sandbox', 'HTTP 503 (the sandbox was asked to fail bookings)'));
    const id = randomUUID();
    const jobId = `sbx-${id}`;
    const trackingNumber = `SBX${id.slice(0, 8).toUpperCase()}`;
    const bookedAt = this.#clock.now().getTime();
    const events = SANDBOX_SCENARIOS[scenarioOf(delivery.orderId)].map(
      (status, index): PartnerWebhook => ({ eventId: `sbx-evt-${randomUUID()}`, jobId, status, occurredAt: new Date(bookedAt + (index + 1) * this.options.stepMs).toISOString(), trackingNumber }),
    );
    this.#events.set(jobId, events);
    // One job's webhooks go out one after the other, in the planned order, however long each takes.
    let sending = Promise.resolve();
    const timers = sendPlan(events.length, misbehaviours).flatMap((step, index) => {
      const event = events[index];
      if (step === undefined || event === undefined) return [];
      const timer = this.#clock.setTimer(step * this.options.stepMs, () => {
        sending = sending.then(() => this.#send(event)).then(() => (misbehaviours.has('dup') ? this.#send(event) : undefined));
      });
      return [timer];
    });
    this.#timers.set(jobId, timers);
    return Promise.resolve({ outcome: 'ACCEPTED', jobId, trackingNumber });
  }

  cancel(_partnerId: string, jobId: string): Promise<'CONFIRMED'> {
    for (const timer of this.#timers.get(jobId) ?? []) timer.cancel();
    this.#timers.delete(jobId);
    this.#events.set(jobId, []);
    return Promise.resolve('CONFIRMED');
  }

  /** Takes the request; the scenario goes on as it would. */
  requestReattempt(): Promise<void> {
    return Promise.resolve();
  }

  /** The job's events that have happened so far, sent or not. */
  track(_partnerId: string, jobId: string): Promise<readonly PartnerWebhook[]> {
    const now = this.#clock.now().getTime();
    return Promise.resolve((this.#events.get(jobId) ?? []).filter((event) => Date.parse(event.occurredAt) <= now));
  }

  /** Stops every scenario (for shutdown). */
  stop(): void {
    for (const timers of this.#timers.values()) for (const timer of timers) timer.cancel();
    this.#timers.clear();
  }

  async #send(event: PartnerWebhook): Promise<void> {
    const body = JSON.stringify(event);
    for (let attempt = 1; attempt <= WEBHOOK_ATTEMPTS; attempt += 1) {
      try {
        const response = await fetch(this.options.webhookUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-partner-signature': signatureHeader([this.options.secret], Math.floor(this.#clock.now().getTime() / 1000), body) },
          body,
        });
        if (response.ok) return;
        console.warn(`sandbox: webhook ${event.status} for ${event.jobId} answered ${String(response.status)}: ${await response.text()}`);
        // 404: the booking is not recorded yet; 5xx: the API failed. Anything else will not change.
        if (response.status < 500 && response.status !== 404) return;
      } catch (error) {
        console.warn(`sandbox: webhook ${event.status} for ${event.jobId} failed (attempt ${String(attempt)}): ${String(error)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, attempt * 200));
    }
  }
}
