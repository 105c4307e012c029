import type {
  ApplyOperatorAction,
  ApplyPartnerEvent,
  CancelDelivery,
  CreateDelivery,
  Dispatch,
  FireTimer,
  OperatorAction,
  RecordBooking,
  RecordBookingFailure,
  RecordCancellation,
  TimerKind,
} from '#domain/index.ts';
import type { CreateDeliveryRequest } from '#schemas/create-delivery.ts';
import { FAR_FUTURE_PROMISE } from './fixture-dates.ts';

let counter = 0;
const nextId = (prefix: string): string => `${prefix}-${String(++counter).padStart(5, '0')}`;

/** Partner `occurredAt` values increase with every event built, so later-built events are newer. */
let partnerClock = Date.parse('2026-11-25T08:00:00.000Z');
const nextPartnerTime = (): string => new Date((partnerClock += 60_000)).toISOString();

/** A valid create request, as the contract's example. */
export const createRequest = (overrides: Partial<CreateDeliveryRequest> = {}): CreateDeliveryRequest => ({
  orderId: `ord-${String(++counter)}`,
  customer: { name: 'Ada Lovelace', email: 'ada@example.com', phone: '+441234567890' },
  address: { line1: '12 Analytical St', line2: 'Flat 2', city: 'London', postalCode: 'N1 9GU', country: 'GB' },
  items: [{ sku: '978-0262033848', title: 'Introduction to Algorithms', quantity: 1 }],
  promisedBy: FAR_FUTURE_PROMISE,
  partnerId: 'manual',
  ...overrides,
});

/** Create (API or OrderPaid). */
export const create = (overrides: Partial<CreateDeliveryRequest> = {}): CreateDelivery => ({
  type: 'CREATE',
  commandId: nextId('cmd'),
  request: createRequest(overrides),
});

/** The workflow dispatches to these partners, best first. */
export const dispatch = (...candidates: [string, ...string[]]): Dispatch => ({
  type: 'DISPATCH',
  commandId: nextId('cmd'),
  candidates,
});

/** The booking API accepted (or, with `REQUESTED`, opened a job to confirm by webhook). */
export const booking = (
  partnerId = 'manual',
  jobId = 'job-1',
  outcome: RecordBooking['outcome'] = 'ACCEPTED',
): RecordBooking => ({
  type: 'RECORD_BOOKING',
  commandId: nextId('cmd'),
  partnerId,
  outcome,
  jobId,
  trackingNumber: `trk-${jobId}`,
});

/** The booking API refused or kept failing. */
export const bookingFailure = (partnerId = 'manual', reason = 'no capacity'): RecordBookingFailure => ({
  type: 'RECORD_BOOKING_FAILURE',
  commandId: nextId('cmd'),
  partnerId,
  reason,
});

/** Options of a partner event; defaults: partner `manual`, job `job-1`, a fresh event id, a newer time. */
export interface PartnerEventOptions {
  partnerId?: string;
  jobId?: string;
  eventId?: string;
  occurredAt?: string;
  reason?: string;
  actionRequired?: boolean;
  trackingNumber?: string;
}

/** A partner status update (canonical webhook). */
export const partner = (status: string, options: PartnerEventOptions = {}): ApplyPartnerEvent => {
  const eventId = options.eventId ?? nextId('pevt');
  return {
    type: 'APPLY_PARTNER_EVENT',
    commandId: eventId,
    event: {
      partnerId: options.partnerId ?? 'manual',
      eventId,
      jobId: options.jobId ?? 'job-1',
      status,
      occurredAt: options.occurredAt ?? nextPartnerTime(),
      reason: options.reason ?? null,
      actionRequired: options.actionRequired ?? false,
      trackingNumber: options.trackingNumber ?? null,
    },
  };
};

/** The order service cancels. */
export const cancel = (reason = 'customer changed their mind'): CancelDelivery => ({
  type: 'CANCEL',
  commandId: nextId('cmd'),
  source: 'CUSTOMER',
  actor: null,
  reason,
});

/** The partner's cancel API answered. */
export const cancellationReply = (outcome: RecordCancellation['outcome'] = 'CONFIRMED'): RecordCancellation => ({
  type: 'RECORD_CANCELLATION',
  commandId: nextId('cmd'),
  outcome,
});

/** An operator action, by `op-ada`. */
export const operator = (action: OperatorAction, partnerId?: string, reason = 'checked with the courier'): ApplyOperatorAction => ({
  type: 'OPERATOR_ACTION',
  commandId: nextId('cmd'),
  action,
  actor: 'op-ada',
  reason,
  ...(partnerId === undefined ? {} : { partnerId }),
});

/** A workflow timer fires. */
export const timer = (kind: TimerKind): FireTimer => ({ type: 'FIRE_TIMER', commandId: nextId('tmr'), timer: kind });
