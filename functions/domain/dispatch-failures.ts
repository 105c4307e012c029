/** Why a booking did not stick. */
export const DispatchFailure = {
  /** The partner refused the booking (booking reply or REJECTED webhook). */
  REJECTED: 'REJECTED',
  /** The booking API kept failing after retries. */
  BOOKING_FAILED: 'BOOKING_FAILED',
  /** The partner cancelled the job unasked. */
  DROPPED: 'DROPPED',
} as const;

/** A dispatch failure kind. */
export type DispatchFailure = (typeof DispatchFailure)[keyof typeof DispatchFailure];
