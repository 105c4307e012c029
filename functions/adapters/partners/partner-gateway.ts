import type { Delivery } from '#domain/delivery.ts';
import type { PartnerWebhook } from '#schemas/partner-webhook.ts';

/** What a partner's booking API answered. */
export type BookingReply =
  | { readonly outcome: 'ACCEPTED' | 'REQUESTED'; readonly jobId: string; readonly trackingNumber: string | null }
  | { readonly outcome: 'REFUSED'; readonly reason: string };

/** One interface over every delivery partner: each call names the partner it is for. */
export interface PartnerGateway {
  /** Books `delivery` with `partnerId`; a refusal is an answer, a failure throws. */
  book(partnerId: string, delivery: Delivery): Promise<BookingReply>;
  /** Asks `partnerId` to cancel `jobId`. */
  cancel(partnerId: string, jobId: string): Promise<'CONFIRMED' | 'REJECTED'>;
  /** Asks `partnerId` to try delivering `jobId` again; `requestId` is the same for every retry of one request. */
  requestReattempt(partnerId: string, jobId: string, requestId: string): Promise<void>;
  /** The status events `partnerId` has for `jobId`, as its webhooks would carry them. */
  track(partnerId: string, jobId: string): Promise<readonly PartnerWebhook[]>;
}

/** The client of one partner: the gateway's calls, for the partner it was made for. */
export type PartnerClient = PartnerGateway;
