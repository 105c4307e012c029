import type * as z from 'zod/mini';
import type { Delivery } from '#domain/delivery.ts';
import { bookingAcceptedSchema, bookingRefusedSchema, cancelReplySchema, trackReplySchema } from '#schemas/partner-api.ts';
import type { PartnerWebhook } from '#schemas/partner-webhook.ts';
import { issuesText } from '#shared/field-issues.ts';
import { logger } from '#shared/logger.ts';
import { MetricUnit, recordMetric } from '#shared/metrics.ts';
import { signatureHeader } from '#shared/partner-signature.ts';
import { PartnerProtocolError, PartnerUnavailableError } from './partner-errors.ts';
import type { BookingReply, PartnerClient } from './partner-gateway.ts';
import { DEFAULT_RETRY_POLICY, withRetries, type RetryDeps, type RetryPolicy } from './retry-policy.ts';

/** How to reach one partner's booking API. */
export interface HttpPartnerOptions {
  readonly partnerId: string;
  /** The API's base URL, e.g. `https://api.partner.example/v1`. */
  readonly baseUrl: string;
  /** The secret our requests are signed with, as the partner signs its webhooks (`X-Partner-Signature`). */
  readonly signingSecret: () => Promise<string>;
  /**
   * How long one attempt may take, answer body included.
   * @default 3000
   */
  readonly timeoutMs?: number;
  /** @default {@link DEFAULT_RETRY_POLICY} */
  readonly retry?: RetryPolicy;
  readonly retryDeps?: RetryDeps;
  /** @default the system clock */
  readonly clock?: () => Date;
}

/** A partner's answer to one attempt: its status and body text. */
interface Answer {
  readonly status: number;
  readonly text: string;
}

/** Statuses that say "try again later". */
const isTransient = (status: number): boolean => status >= 500 || status === 429 || status === 408;

/**
 * The booking API of a delivery partner over HTTP (README, "Partner API"): every request signed,
 * each attempt bounded by a timeout, timeouts, dropped connections, 5xx and 429 retried with jittered
 * backoff (bookings carry an Idempotency-Key, so a retried booking is one booking), and every answer
 * validated: anything else is a {@link PartnerProtocolError}, never guessed at.
 */
export class HttpPartnerClient implements PartnerClient {
  constructor(private readonly options: HttpPartnerOptions) {}

  async book(_partnerId: string, delivery: Delivery): Promise<BookingReply> {
    const { request } = delivery;
    const answer = await this.#call('POST', '/bookings', {
      body: {
        reference: delivery.deliveryId,
        orderId: delivery.orderId,
        recipient: request.customer,
        address: request.address,
        items: request.items,
        promisedBy: request.promisedBy ?? null,
      },
      idempotencyKey: `book-${delivery.deliveryId}-v${String(delivery.version)}`,
    });
    if (answer.status === 409 || answer.status === 422) return { outcome: 'REFUSED', reason: this.#parse(answer, bookingRefusedSchema).reason };
    const accepted = this.#parse(this.#expect(answer, [200, 201]), bookingAcceptedSchema);
    return { outcome: accepted.status, jobId: accepted.jobId, trackingNumber: accepted.trackingNumber ?? null };
  }

  async cancel(_partnerId: string, jobId: string): Promise<'CONFIRMED' | 'REJECTED'> {
    const answer = await this.#call('POST', `/bookings/${encodeURIComponent(jobId)}/cancel`, { body: {}, idempotencyKey: `cancel-${jobId}` });
    return this.#parse(this.#expect(answer, [200]), cancelReplySchema).result;
  }

  async requestReattempt(_partnerId: string, jobId: string, requestId: string): Promise<void> {
    const answer = await this.#call('POST', `/bookings/${encodeURIComponent(jobId)}/reattempt`, { body: {}, idempotencyKey: `reattempt-${requestId}` });
    this.#expect(answer, [200, 202, 204]);
  }

  /** The job's events; none when the partner no longer knows the job (404), which is an answer, not a failure. */
  async track(_partnerId: string, jobId: string): Promise<readonly PartnerWebhook[]> {
    const answer = await this.#call('GET', `/bookings/${encodeURIComponent(jobId)}/events`, {});
    if (answer.status === 404) {
      logger.warn('partner does not know the job it is asked to track', { partnerId: this.options.partnerId, jobId });
      return [];
    }
    return this.#parse(this.#expect(answer, [200]), trackReplySchema).events;
  }

  #expect(answer: Answer, statuses: readonly number[]): Answer {
    if (!statuses.includes(answer.status)) throw new PartnerProtocolError(this.options.partnerId, `HTTP ${String(answer.status)}: ${answer.text.slice(0, 200)}`);
    return answer;
  }

  #parse<S extends z.ZodMiniType>(answer: Answer, schema: S): z.infer<S> {
    let json: unknown;
    try {
      json = JSON.parse(answer.text);
    } catch {
      throw new PartnerProtocolError(this.options.partnerId, `HTTP ${String(answer.status)} with a body that is not JSON`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new PartnerProtocolError(this.options.partnerId, `HTTP ${String(answer.status)} with an unexpected body: ${issuesText(parsed.error)}`);
    return parsed.data;
  }

  /** One request, tried again while the partner is unavailable; the last answer that was not transient. */
  async #call(method: 'GET' | 'POST', path: string, options: { body?: unknown; idempotencyKey?: string }): Promise<Answer> {
    const { partnerId, timeoutMs = 3_000, clock = () => new Date() } = this.options;
    const raw = options.body === undefined ? '' : JSON.stringify(options.body);
    const url = `${this.options.baseUrl.replace(/\/$/, '')}${path}`;
    return withRetries(
      async (attempt) => {
        const headers: Record<string, string> = {
          accept: 'application/json',
          'x-partner-signature': signatureHeader([await this.options.signingSecret()], Math.floor(clock().getTime() / 1000), raw),
          ...(raw === '' ? {} : { 'content-type': 'application/json' }),
          ...(options.idempotencyKey === undefined ? {} : { 'idempotency-key': options.idempotencyKey }),
        };
        const started = clock().getTime();
        try {
          const response = await fetch(url, { method, headers, ...(raw === '' ? {} : { body: raw }), signal: AbortSignal.timeout(timeoutMs) });
          const text = await response.text();
          recordMetric('PartnerCallLatency', { partnerId }, clock().getTime() - started, MetricUnit.Milliseconds);
          if (isTransient(response.status)) throw new PartnerUnavailableError(partnerId, `HTTP ${String(response.status)}`);
          return { status: response.status, text };
        } catch (error) {
          recordMetric('PartnerCallErrors', { partnerId });
          const unavailable =
            error instanceof PartnerUnavailableError
              ? error
              : new PartnerUnavailableError(partnerId, error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${String(timeoutMs)} ms` : `connection failed (${String(error)})`, {
                  cause: error,
                });
          logger.warn('partner call failed', { partnerId, method, path: path.split('/').slice(0, 2).join('/'), attempt, error: unavailable.message });
          throw unavailable;
        }
      },
      (error) => error instanceof PartnerUnavailableError,
      this.options.retry ?? DEFAULT_RETRY_POLICY,
      this.options.retryDeps,
    );
  }
}
