import type { ReconciliationReport } from '#application/reconciliation.ts';
import type { ClockTimer, LocalClock } from './local-clock.ts';

/** A running timer. */
export interface ReconciliationTimer {
  /** Stops the timer, after the run in hand if any; no run starts afterwards. */
  stop(): Promise<void>;
}

const say = (report: ReconciliationReport): void => {
  if (report.tracked === 0) return;
  console.log(
    `reconciliation: asked about ${String(report.tracked)} deliveries; ${String(report.applied)} events applied, ${String(report.recorded)} recorded, ${String(report.known)} known, ${String(report.failed)} partners unreachable`,
  );
};

/**
 * The local stand-in for the reconciliation's schedule: runs `reconcile` `intervalMs` after the previous
 * run ended on `clock` (so runs never overlap), and says what a run did when it did anything.
 */
export const startReconciliationTimer = (reconcile: () => Promise<ReconciliationReport>, intervalMs: number, clock: LocalClock): ReconciliationTimer => {
  const state: { stopped: boolean; running: Promise<void>; timer?: ClockTimer } = { stopped: false, running: Promise.resolve() };
  const schedule = (): void => {
    state.timer = clock.setTimer(intervalMs, () => {
      state.running = reconcile()
        .then(say)
        .catch((error: unknown) => {
          console.error('reconciliation failed; the next run tries again', error);
        })
        .finally(() => {
          if (!state.stopped) schedule();
        });
    });
  };
  schedule();
  return {
    stop: async () => {
      state.stopped = true;
      state.timer?.cancel();
      await state.running;
    },
  };
};
