import { DeliveryEventType } from '#domain/event-types.ts';
import type { DomainEvent } from '#schemas/event-envelope.ts';

/** Events that show a booking was tried: every reassignment before one has had its old job cancelled. */
const BOOKING_EVENTS: ReadonlySet<string> = new Set([
  DeliveryEventType.DeliveryPartnerAssigned,
  DeliveryEventType.DeliveryDispatchRequested,
  DeliveryEventType.DeliveryDispatchFailed,
]);

/** The jobs operators reassigned away from since the last booking attempt, newest first. */
export const reassignedJobs = (events: readonly DomainEvent[]): { id: string; jobId: string }[] => {
  const jobs: { id: string; jobId: string }[] = [];
  for (const event of [...events].reverse()) {
    if (BOOKING_EVENTS.has(event.type)) break;
    if (event.type === DeliveryEventType.DeliveryPartnerReassigned && event.data.fromPartner?.jobId != null) {
      jobs.push({ id: event.data.fromPartner.id, jobId: event.data.fromPartner.jobId });
    }
  }
  return jobs;
};
