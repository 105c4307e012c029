import type { Duration } from 'aws-cdk-lib';

/** The lifecycle timers of contract §7, as deployed. Unset ones take the handlers' defaults. */
export interface TimerSettings {
  /** How long a booked partner has to pick the parcel up. */
  readonly pickupDeadline?: Duration;
  /** How long partner silence may last before a delivery is reported as stalled. */
  readonly stallThreshold?: Duration;
  /** How long a requested cancellation may wait for the partner's confirmation. */
  readonly cancelConfirm?: Duration;
}

/** The environment variables `timersEnvSchema` reads for `timers`. */
export const timerEnvironment = (timers: TimerSettings): Record<string, string> => {
  const environment: Record<string, string> = {};
  if (timers.pickupDeadline) environment['PICKUP_DEADLINE_SECONDS'] = String(timers.pickupDeadline.toSeconds());
  if (timers.stallThreshold) environment['STALL_THRESHOLD_SECONDS'] = String(timers.stallThreshold.toSeconds());
  if (timers.cancelConfirm) environment['CANCEL_CONFIRM_SECONDS'] = String(timers.cancelConfirm.toSeconds());
  return environment;
};
