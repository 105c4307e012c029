import { randomUUID } from 'node:crypto';
import type { BookingReply, PartnerGateway } from './partner-gateway.ts';

/**
 * The `manual` partner of contract §4: accepts every booking synchronously with a new job id and
 * tracking number, confirms every cancellation, and never sends webhooks (people and tests drive it).
 */
export class ManualPartner implements Pick<PartnerGateway, 'book' | 'cancel'> {
  book(): Promise<BookingReply> {
    const id = randomUUID();
    return Promise.resolve({ outcome: 'ACCEPTED', jobId: `job-${id}`, trackingNumber: `MAN${id.slice(0, 8).toUpperCase()}` });
  }

  cancel(): Promise<'CONFIRMED'> {
    return Promise.resolve('CONFIRMED');
  }
}
