import { onTestFinished, vi } from 'vitest';
import { logger } from '#shared/logger.ts';

/** A captured log line, parsed. */
export type LogLine = Record<string, unknown>;

/**
 * Turns the service's logs on at `level` (INFO unless told) and collects the lines written, to stdout and
 * stderr, from now until `stop()`. The logger's per-invocation sampling refresh is held, since it restores
 * the level of the environment (SILENT in the tests) on every invocation after the first. Stopped at the
 * latest when the test ends.
 */
export const captureLogs = (level: 'DEBUG' | 'INFO' = 'INFO'): { readonly lines: string[]; readonly parsed: () => LogLine[]; readonly stop: () => void } => {
  const lines: string[] = [];
  logger.setLogLevel(level);
  const refresh = vi.spyOn(logger, 'refreshSampleRateCalculation').mockImplementation(() => undefined);
  // Powertools writes INFO and DEBUG to stdout, WARN and ERROR to stderr.
  const capture = (chunk: string | Uint8Array): boolean => {
    lines.push(chunk.toString());
    return true;
  };
  const writes = [vi.spyOn(process.stdout, 'write').mockImplementation(capture), vi.spyOn(process.stderr, 'write').mockImplementation(capture)];
  const stop = (): void => {
    for (const write of writes) write.mockRestore();
    refresh.mockRestore();
    logger.setLogLevel('SILENT');
  };
  onTestFinished(stop);
  return { lines, parsed: () => lines.map((line) => JSON.parse(line) as LogLine), stop };
};
