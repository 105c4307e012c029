import { randomUUID } from 'node:crypto';
import type { PartnerWebhook } from '#schemas/partner-webhook.ts';
import type { BookingReply, PartnerClient } from './partner-gateway.ts';

/**
 * The `manual` partner of contract §4: accepts every booking synchronously with a new job id and
 * tracking number, confirms every cancellation, takes every reattempt request, and never sends webhooks
 * (people and tests drive it), so it has nothing to report when tracked.
 */
export class ManualPartner implements PartnerClient {
  book(): Promise<BookingReply> {
    const id = randomUUID();
    return Promise.resolve({ outcome: 'ACCEPTED', jobId: `job-${id}`, trackingNumber: `MAN${id.slice(0, 8).toUpperCase()}` });
  }

  cancel(): Promise<'CONFIRMED'> {
    return Promise.resolve('CONFIRMED');
  }

  requestReattempt(): Promise<void> {
    return Promise.resolve();
  }

  track(): Promise<readonly PartnerWebhook[]> {
    return Promise.resolve([]);
  }
}
