import { logger } from '#shared/logger.ts';
import { Counters } from './counters.ts';

/** Totals kept by {@link captureServiceLogs}. */
export const LogCounter = { BYTES: 'logBytes', LINES: 'logLines' } as const;

/** The service's log lines, counted while captured. */
export interface ServiceLogs {
  readonly counters: Counters;
  /** Puts stdout and the logger back as they were. */
  restore(): void;
}

/**
 * Turns the service's logger to INFO, the level CDK deploys (cdk/constructs/service-function.ts), and
 * counts what the handlers running in this process write to stdout (their JSON log lines and EMF
 * metrics, which CloudWatch Logs ingests in AWS) instead of printing it, so that `--json` keeps stdout
 * clean. The logger's per-invocation sampling refresh is held, since it would restore the level of the
 * environment.
 */
export const captureServiceLogs = (): ServiceLogs => {
  const counters = new Counters();
  const level = logger.getLevelName();
  const write = Object.getOwnPropertyDescriptor(process.stdout, 'write');
  logger.setLogLevel('INFO');
  Object.defineProperty(logger, 'refreshSampleRateCalculation', { value: () => undefined, configurable: true, writable: true });
  Object.defineProperty(process.stdout, 'write', {
    configurable: true,
    writable: true,
    value: (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
      counters.add(LogCounter.BYTES, typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength);
      counters.add(LogCounter.LINES);
      const callback = rest.find((argument) => typeof argument === 'function') as (() => void) | undefined;
      callback?.();
      return true;
    },
  });
  return {
    counters,
    restore: () => {
      if (write === undefined) Reflect.deleteProperty(process.stdout, 'write');
      else Object.defineProperty(process.stdout, 'write', write);
      Reflect.deleteProperty(logger, 'refreshSampleRateCalculation');
      logger.setLogLevel(level);
    },
  };
};
