import type { CommandType } from './commands.ts';
import type { DeliveryStatus } from './statuses.ts';

/** Why `decide` refused a command; the edge maps each code to an HTTP status. */
export const RefusalCode = {
  /** The transition table has no row for this command in this status (409). */
  TRANSITION_NOT_ALLOWED: 'TRANSITION_NOT_ALLOWED',
  /** A create for a delivery that already exists. */
  ALREADY_EXISTS: 'ALREADY_EXISTS',
  /** A command for a delivery that does not exist (404). */
  NOT_FOUND: 'NOT_FOUND',
  /** A partner event for a job this delivery never had (404). */
  UNKNOWN_JOB: 'UNKNOWN_JOB',
} as const;

/** A refusal code. */
export type RefusalCode = (typeof RefusalCode)[keyof typeof RefusalCode];

/** A command `decide` refused; nothing changes. */
export interface Refusal {
  readonly code: RefusalCode;
  readonly message: string;
  readonly command: CommandType;
  /** The delivery's status when the command was refused; null when there is no delivery. */
  readonly status: DeliveryStatus | null;
}

/** Builds a refusal. */
export const refuse = (
  code: RefusalCode,
  command: CommandType,
  status: DeliveryStatus | null,
  message: string,
): Refusal => ({ code, command, status, message });

/** Refuses a command the transition table does not allow in `status`. */
export const notAllowed = (command: CommandType, status: DeliveryStatus, what: string): Refusal =>
  refuse(RefusalCode.TRANSITION_NOT_ALLOWED, command, status, `${what} is not allowed while the delivery is ${status}`);
