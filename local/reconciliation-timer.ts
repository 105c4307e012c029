import type { ReconciliationReport } from '#application/reconciliation.ts';

/** A running timer. */
export interface ReconciliationTimer {
  /** Stops the timer, after the run in hand if any. */
  stop(): Promise<void>;
}

/**
 * The local stand-in for the reconciliation's schedule: runs `reconcile` every `intervalMs`, one run at a
 * time, and says what a run did when it did anything.
 */
export const startReconciliationTimer = (reconcile: () => Promise<ReconciliationReport>, intervalMs: number): ReconciliationTimer => {
  let running: Promise<void> = Promise.resolve();
  const tick = (): void => {
    running = reconcile()
      .then((report) => {
        if (report.tracked > 0) console.log(`reconciliation: asked about ${String(report.tracked)} deliveries; ${String(report.applied)} events applied, ${String(report.recorded)} recorded, ${String(report.known)} known, ${String(report.failed)} partners unreachable`);
      })
      .catch((error: unknown) => {
        console.error('reconciliation failed; the next run tries again', error);
      });
  };
  const timer = setInterval(() => {
    void running.then(tick);
  }, intervalMs);
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
};
