import type { CreateDeliveryRequest } from '#schemas/create-delivery.ts';
import type { PartnerEventInput } from './partner-event.ts';

/** What an operator may ask of a delivery (contract §3, `POST /deliveries/{id}/actions`). */
export const OperatorAction = {
  HOLD: 'HOLD',
  RESUME: 'RESUME',
  REATTEMPT: 'REATTEMPT',
  REASSIGN: 'REASSIGN',
  RETURN_TO_SENDER: 'RETURN_TO_SENDER',
  CONFIRM_RETURNED: 'CONFIRM_RETURNED',
  DECLARE_LOST: 'DECLARE_LOST',
  WRITE_OFF: 'WRITE_OFF',
  CANCEL: 'CANCEL',
} as const;

/** An operator action. */
export type OperatorAction = (typeof OperatorAction)[keyof typeof OperatorAction];

/** All operator actions. */
export const OPERATOR_ACTIONS = Object.values(OperatorAction) as readonly OperatorAction[];

/** The timers the workflow fires (contract §2, timer rows). */
export const TimerKind = {
  PICKUP_DEADLINE: 'PICKUP_DEADLINE',
  STALL: 'STALL',
  CANCEL_CONFIRMATION: 'CANCEL_CONFIRMATION',
  SLA: 'SLA',
} as const;

/** A timer. */
export type TimerKind = (typeof TimerKind)[keyof typeof TimerKind];

/** All timers. */
export const TIMER_KINDS = Object.values(TimerKind) as readonly TimerKind[];

/** Every command type `decide` takes. */
export const CommandType = {
  CREATE: 'CREATE',
  DISPATCH: 'DISPATCH',
  RECORD_BOOKING: 'RECORD_BOOKING',
  RECORD_BOOKING_FAILURE: 'RECORD_BOOKING_FAILURE',
  APPLY_PARTNER_EVENT: 'APPLY_PARTNER_EVENT',
  CANCEL: 'CANCEL',
  RECORD_CANCELLATION: 'RECORD_CANCELLATION',
  OPERATOR_ACTION: 'OPERATOR_ACTION',
  FIRE_TIMER: 'FIRE_TIMER',
} as const;

/** A command type. */
export type CommandType = (typeof CommandType)[keyof typeof CommandType];

interface CommandBase {
  /** Identifies the command; becomes the `causationId` of its events. */
  readonly commandId: string;
}

/** Create a delivery (API or `OrderPaid`). */
export interface CreateDelivery extends CommandBase {
  readonly type: typeof CommandType.CREATE;
  readonly request: CreateDeliveryRequest;
}

/** The workflow starts dispatching to the partners the routing rules chose, best first. */
export interface Dispatch extends CommandBase {
  readonly type: typeof CommandType.DISPATCH;
  readonly candidates: readonly [string, ...string[]];
}

/**
 * The partner's booking API took the booking: `ACCEPTED` confirms it; `REQUESTED` opens a job
 * whose acceptance the partner confirms later by webhook.
 */
export interface RecordBooking extends CommandBase {
  readonly type: typeof CommandType.RECORD_BOOKING;
  readonly partnerId: string;
  readonly outcome: 'ACCEPTED' | 'REQUESTED';
  readonly jobId: string;
  readonly trackingNumber: string | null;
}

/** The partner's booking API refused, or kept failing after retries. */
export interface RecordBookingFailure extends CommandBase {
  readonly type: typeof CommandType.RECORD_BOOKING_FAILURE;
  readonly partnerId: string;
  readonly reason: string;
}

/** A partner status update (webhook, or a tracking poll); `commandId` is the partner's event id. */
export interface ApplyPartnerEvent extends CommandBase {
  readonly type: typeof CommandType.APPLY_PARTNER_EVENT;
  readonly event: PartnerEventInput;
}

/** The order service (or an operator) cancels. */
export interface CancelDelivery extends CommandBase {
  readonly type: typeof CommandType.CANCEL;
  readonly source: 'CUSTOMER' | 'OPERATOR';
  readonly actor: string | null;
  readonly reason: string;
}

/** The partner's cancel API answered. */
export interface RecordCancellation extends CommandBase {
  readonly type: typeof CommandType.RECORD_CANCELLATION;
  readonly outcome: 'CONFIRMED' | 'REJECTED';
}

/** An operator resolves or escalates. */
export interface ApplyOperatorAction extends CommandBase {
  readonly type: typeof CommandType.OPERATOR_ACTION;
  readonly action: OperatorAction;
  readonly actor: string;
  readonly reason: string;
  readonly partnerId?: string | undefined;
}

/** A workflow timer expired. */
export interface FireTimer extends CommandBase {
  readonly type: typeof CommandType.FIRE_TIMER;
  readonly timer: TimerKind;
}

/** Anything that may change a delivery. */
export type Command =
  | CreateDelivery
  | Dispatch
  | RecordBooking
  | RecordBookingFailure
  | ApplyPartnerEvent
  | CancelDelivery
  | RecordCancellation
  | ApplyOperatorAction
  | FireTimer;
