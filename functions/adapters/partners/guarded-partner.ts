import type { Delivery } from '#domain/delivery.ts';
import type { PartnerWebhook } from '#schemas/partner-webhook.ts';
import type { CircuitBreaker } from './circuit-breaker.ts';
import { PartnerProtocolError, PartnerUnavailableError } from './partner-errors.ts';
import type { BookingReply, PartnerClient } from './partner-gateway.ts';

/** A partner that could not be reached or broke its API counts against its circuit; a refusal is an answer. */
const isPartnerFailure = (error: unknown): boolean => error instanceof PartnerUnavailableError || error instanceof PartnerProtocolError;

/** Tracking, which the reconciliation calls for old jobs, opens the circuit only when the partner cannot be reached. */
const isUnavailable = (error: unknown): boolean => error instanceof PartnerUnavailableError;

/** A partner client whose every call goes through the partner's circuit breaker. */
export class GuardedPartner implements PartnerClient {
  constructor(
    private readonly client: PartnerClient,
    private readonly breaker: CircuitBreaker,
  ) {}

  book(partnerId: string, delivery: Delivery): Promise<BookingReply> {
    return this.breaker.run(partnerId, () => this.client.book(partnerId, delivery), isPartnerFailure);
  }

  cancel(partnerId: string, jobId: string): Promise<'CONFIRMED' | 'REJECTED'> {
    return this.breaker.run(partnerId, () => this.client.cancel(partnerId, jobId), isPartnerFailure);
  }

  requestReattempt(partnerId: string, jobId: string, requestId: string): Promise<void> {
    return this.breaker.run(partnerId, () => this.client.requestReattempt(partnerId, jobId, requestId), isPartnerFailure);
  }

  track(partnerId: string, jobId: string): Promise<readonly PartnerWebhook[]> {
    return this.breaker.run(partnerId, () => this.client.track(partnerId, jobId), isUnavailable);
  }
}
