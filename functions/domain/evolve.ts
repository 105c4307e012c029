import type { DomainEvent } from '#schemas/event-envelope.ts';
import type { Delivery } from './delivery.ts';
import { DeliveryEventType } from './event-types.ts';
import type { PartnerEventRecorded } from './partner-event.ts';
import { PartnerStatus } from './partner-statuses.ts';
import { DeliveryStatus } from './statuses.ts';

/** Everything that changes a delivery's state: its domain events and the partner events on its timeline. */
export type DeliveryFact = DomainEvent | PartnerEventRecorded;

/** Thrown when facts arrive that no decision could have produced (a corrupt history). */
export class InvalidHistoryError extends Error {
  override readonly name = 'InvalidHistoryError';
}

const created = (event: Extract<DomainEvent, { type: 'DeliveryCreated' }>): Delivery => ({
  deliveryId: event.deliveryId,
  orderId: event.orderId,
  status: event.toStatus,
  statusSince: event.recordedAt,
  holdReason: null,
  heldFrom: null,
  attemptCount: 0,
  maxAttempts: event.data.maxAttempts,
  partner: null,
  candidates: [],
  triedPartners: [],
  jobs: [],
  partnerHighWater: null,
  milestone: null,
  lastPartnerActivityAt: null,
  promisedBy: event.data.request.promisedBy ?? null,
  slaBreached: false,
  request: event.data.request,
  lastSequence: event.sequence,
  version: 0,
  createdAt: event.recordedAt,
  updatedAt: event.recordedAt,
});

const withStatus = (state: Delivery, status: DeliveryStatus, at: string): Delivery => ({
  ...state,
  status,
  statusSince: status === state.status ? state.statusSince : at,
  ...(status === DeliveryStatus.ON_HOLD ? {} : { holdReason: null, heldFrom: null }),
  updatedAt: at,
});

const recordPartnerEvent = (state: Delivery, fact: PartnerEventRecorded): Delivery => ({
  ...withStatus(state, fact.statusAfter ?? state.status, fact.recordedAt),
  lastPartnerActivityAt: fact.currentJob ? fact.recordedAt : state.lastPartnerActivityAt,
  partnerHighWater: fact.newest ? fact.occurredAt : state.partnerHighWater,
  milestone: fact.milestone ? { status: fact.status as PartnerStatus, occurredAt: fact.occurredAt } : state.milestone,
});

/** The fields every domain event sets: status, partner, sequence, known jobs. */
const applyEnvelope = (state: Delivery, event: DomainEvent): Delivery => {
  const partner = event.partner;
  const newJob =
    partner?.jobId != null && !state.jobs.some((j) => j.jobId === partner.jobId && j.partnerId === partner.id)
      ? [{ partnerId: partner.id, jobId: partner.jobId }]
      : [];
  return {
    ...withStatus(state, event.toStatus, event.recordedAt),
    partner,
    jobs: [...state.jobs, ...newJob],
    lastSequence: event.sequence,
  };
};

const forgetJob = { milestone: null, partnerHighWater: null } as const;

const applyEvent = (state: Delivery, event: DomainEvent): Delivery => {
  if (event.sequence !== state.lastSequence + 1) {
    throw new InvalidHistoryError(`event ${event.eventId} has sequence ${event.sequence} after ${state.lastSequence}`);
  }
  const next = applyEnvelope(state, event);
  switch (event.type) {
    case DeliveryEventType.DeliveryDispatchRequested:
      return { ...next, candidates: event.data.candidates };
    case DeliveryEventType.DeliveryPartnerAssigned:
      return { ...next, milestone: state.milestone ?? { status: PartnerStatus.ACCEPTED, occurredAt: event.occurredAt } };
    case DeliveryEventType.DeliveryDispatchFailed:
      return { ...next, ...forgetJob, triedPartners: [...state.triedPartners, event.data.failedPartnerId] };
    case DeliveryEventType.DeliveryPartnerReassigned:
      return { ...next, ...forgetJob, triedPartners: [] };
    case DeliveryEventType.DeliveryPutOnHold:
      return {
        ...next,
        holdReason: event.data.holdReason,
        heldFrom: event.fromStatus === DeliveryStatus.ON_HOLD ? state.heldFrom : event.fromStatus,
      };
    case DeliveryEventType.DeliveryHoldReleased:
      return {
        ...next,
        maxAttempts: event.data.maxAttempts,
        triedPartners: event.toStatus === DeliveryStatus.DISPATCHING ? [] : state.triedPartners,
      };
    case DeliveryEventType.DeliveryAttemptFailed:
      return { ...next, attemptCount: event.data.attemptCount };
    case DeliveryEventType.DeliverySlaBreached:
      return { ...next, slaBreached: true };
    case DeliveryEventType.DeliveryCreated:
      throw new InvalidHistoryError(`delivery ${state.deliveryId} is created twice`);
    case DeliveryEventType.DeliveryHandedOver:
    case DeliveryEventType.DeliveryOutForDelivery:
    case DeliveryEventType.DeliveryAvailableForPickup:
    case DeliveryEventType.DeliveryDelivered:
    case DeliveryEventType.DeliveryDelayed:
    case DeliveryEventType.DeliveryReturnInitiated:
    case DeliveryEventType.DeliveryReturned:
    case DeliveryEventType.DeliveryLost:
    case DeliveryEventType.DeliveryCancellationRequested:
    case DeliveryEventType.DeliveryCancellationRejected:
    case DeliveryEventType.DeliveryCancelled:
    case DeliveryEventType.DeliveryFailed:
    case DeliveryEventType.DeliveryAnomalyDetected:
      return next;
  }
};

/**
 * The state after `fact`. Pure and total over every history `decide` can produce; `version` is the
 * repository's and is left as it is.
 */
export const evolve = (state: Delivery | null, fact: DeliveryFact): Delivery => {
  if (state === null) {
    if (fact.type !== DeliveryEventType.DeliveryCreated) throw new InvalidHistoryError(`history starts with ${fact.type}`);
    return created(fact);
  }
  return fact.type === 'PartnerEventRecorded' ? recordPartnerEvent(state, fact) : applyEvent(state, fact);
};
