import type { Delivery } from '#domain/delivery.ts';
import type { PartnerWebhook } from '#schemas/partner-webhook.ts';
import type { BookingReply, PartnerClient, PartnerGateway } from './partner-gateway.ts';

/** Routes each call to the partner it names; a partner with no client is a failure, never a silent success. */
export class PartnerDirectory implements PartnerGateway {
  constructor(private readonly partners: Readonly<Record<string, PartnerClient>>) {}

  /** The partners this directory can reach, in the order they were configured. */
  get partnerIds(): string[] {
    return Object.keys(this.partners);
  }

  book(partnerId: string, delivery: Delivery): Promise<BookingReply> {
    return this.#partner(partnerId).book(partnerId, delivery);
  }

  cancel(partnerId: string, jobId: string): Promise<'CONFIRMED' | 'REJECTED'> {
    return this.#partner(partnerId).cancel(partnerId, jobId);
  }

  requestReattempt(partnerId: string, jobId: string, requestId: string): Promise<void> {
    return this.#partner(partnerId).requestReattempt(partnerId, jobId, requestId);
  }

  track(partnerId: string, jobId: string): Promise<readonly PartnerWebhook[]> {
    return this.#partner(partnerId).track(partnerId, jobId);
  }

  #partner(partnerId: string): PartnerClient {
    const partner = this.partners[partnerId];
    if (!partner) throw new Error(`no client for partner ${partnerId}`);
    return partner;
  }
}
