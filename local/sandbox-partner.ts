import { randomUUID } from 'node:crypto';
import type { BookingReply, PartnerClient } from '#adapters/partners/partner-gateway.ts';
import type { PartnerWebhook } from '#schemas/partner-webhook.ts';
import type { Delivery } from '#domain/delivery.ts';
import { PartnerStatus } from '#domain/partner-statuses.ts';
import { signatureHeader } from '#shared/partner-signature.ts';

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
}

/** How often a webhook the API did not take is sent again. */
const WEBHOOK_ATTEMPTS = 3;

/**
 * The `sandbox` partner of the local stack (contract §4): accepts every booking, then drives the
 * delivery through the scenario its order id names, with signed webhooks to the local API, one step
 * every `stepMs`. A cancelled job stops.
 */
export class SandboxPartner implements PartnerClient {
  readonly #timers = new Map<string, NodeJS.Timeout>();
  /** The events of each job so far, as its webhooks carried them (what `track` reports). */
  readonly #events = new Map<string, PartnerWebhook[]>();

  constructor(private readonly options: SandboxPartnerOptions) {}

  book(_partnerId: string, delivery: Delivery): Promise<BookingReply> {
    const id = randomUUID();
    const jobId = `sbx-${id}`;
    const trackingNumber = `SBX${id.slice(0, 8).toUpperCase()}`;
    this.#play(jobId, trackingNumber, SANDBOX_SCENARIOS[scenarioOf(delivery.orderId)], 0);
    return Promise.resolve({ outcome: 'ACCEPTED', jobId, trackingNumber });
  }

  cancel(_partnerId: string, jobId: string): Promise<'CONFIRMED'> {
    clearTimeout(this.#timers.get(jobId));
    this.#timers.delete(jobId);
    return Promise.resolve('CONFIRMED');
  }

  /** Takes the request; the scenario goes on as it would. */
  requestReattempt(): Promise<void> {
    return Promise.resolve();
  }

  track(_partnerId: string, jobId: string): Promise<readonly PartnerWebhook[]> {
    return Promise.resolve([...(this.#events.get(jobId) ?? [])]);
  }

  /** Stops every scenario (for shutdown). */
  stop(): void {
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }

  #play(jobId: string, trackingNumber: string, steps: readonly PartnerStatus[], index: number): void {
    const status = steps[index];
    if (status === undefined) {
      this.#timers.delete(jobId);
      return;
    }
    const timer = setTimeout(() => {
      void this.#send(jobId, trackingNumber, status).then(() => {
        if (this.#timers.get(jobId) === timer) this.#play(jobId, trackingNumber, steps, index + 1);
      });
    }, this.options.stepMs);
    timer.unref();
    this.#timers.set(jobId, timer);
  }

  async #send(jobId: string, trackingNumber: string, status: PartnerStatus): Promise<void> {
    const event: PartnerWebhook = { eventId: `sbx-evt-${randomUUID()}`, jobId, status, occurredAt: new Date().toISOString(), trackingNumber };
    this.#events.set(jobId, [...(this.#events.get(jobId) ?? []), event]);
    const body = JSON.stringify(event);
    for (let attempt = 1; attempt <= WEBHOOK_ATTEMPTS; attempt += 1) {
      try {
        const response = await fetch(this.options.webhookUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-partner-signature': signatureHeader([this.options.secret], Math.floor(Date.now() / 1000), body) },
          body,
        });
        if (response.ok) return;
        console.warn(`sandbox: webhook ${status} for ${jobId} answered ${String(response.status)}: ${await response.text()}`);
        // 404: the booking is not recorded yet; 5xx: the API failed. Anything else will not change.
        if (response.status < 500 && response.status !== 404) return;
      } catch (error) {
        console.warn(`sandbox: webhook ${status} for ${jobId} failed (attempt ${String(attempt)}): ${String(error)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, attempt * 200));
    }
  }
}
