/** The runbooks of `docs/runbooks/`, which alarm descriptions point to. */
export const Runbook = {
  REDRIVE_FAILED_EXECUTION: 'docs/runbooks/redrive-failed-execution.md',
  REPLAY_EVENTS_FROM_ARCHIVE: 'docs/runbooks/replay-events-from-archive.md',
  ROTATE_PARTNER_SECRET: 'docs/runbooks/rotate-partner-secret.md',
  DRAIN_DEAD_LETTER_QUEUE: 'docs/runbooks/drain-dead-letter-queue.md',
  INVESTIGATE_STUCK_DELIVERY: 'docs/runbooks/investigate-stuck-delivery.md',
} as const;

/** A runbook's path in the repository. */
export type Runbook = (typeof Runbook)[keyof typeof Runbook];
