/**
 * Stops what a global setup started when the test run is interrupted (SIGINT, SIGTERM), then lets the
 * signal end the run. Returns the function that forgets the handlers, for the teardown.
 */
export const stopOnSignals = (stop: () => Promise<unknown>): (() => void) => {
  const onSignal = (signal: NodeJS.Signals): void => {
    void stop().finally(() => process.kill(process.pid, signal));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return () => {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  };
};
