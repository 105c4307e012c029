import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';

/** Whether `child` has exited, by itself or by a signal. */
export const hasExited = (child: ChildProcess): boolean => child.exitCode !== null || child.signalCode !== null;

/** Asks `child` to stop (SIGTERM), kills it if it has not within `graceMs`, and waits until it has exited. */
export const stopProcess = async (child: ChildProcess, graceMs = 5000): Promise<void> => {
  if (hasExited(child)) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
};
