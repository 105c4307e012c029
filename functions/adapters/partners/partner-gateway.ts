import type { Delivery } from '#domain/delivery.ts';

/** What a partner's booking API answered. */
export type BookingReply =
  | { readonly outcome: 'ACCEPTED' | 'REQUESTED'; readonly jobId: string; readonly trackingNumber: string | null }
  | { readonly outcome: 'REFUSED'; readonly reason: string };

/** One interface over every delivery partner (issue 5 adds the HTTP clients, failover and circuit breakers). */
export interface PartnerGateway {
  /** Books `delivery` with `partnerId`; a refusal is an answer, a failure throws. */
  book(partnerId: string, delivery: Delivery): Promise<BookingReply>;
  /** Asks `partnerId` to cancel `jobId`. */
  cancel(partnerId: string, jobId: string): Promise<'CONFIRMED' | 'REJECTED'>;
}
