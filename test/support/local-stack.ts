import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { freePort } from '../../local/free-port.ts';
import { stopProcess } from '../../local/stop-process.ts';
import { eventually } from './eventually.ts';

/** Where a running local stack answers, as `npm start` printed it. */
export interface StackUrls {
  readonly apiUrl: string;
  readonly awsUrl: string;
  readonly dynamodbUrl: string;
  readonly operatorToken: string;
}

/** A local stack started with `npm start`, as a user starts it. */
export interface RunningStack extends StackUrls {
  /** Everything it printed so far. */
  readonly output: () => string;
  /** The pid of the outbox relay process running now, as the stack last announced it. */
  readonly relayPid: () => number;
  /** The pid of DynamoDB Local, as the stack announced it. */
  readonly dynamodbPid: number;
  /** SIGTERM, as Ctrl-C would; resolves with the exit code once every process it started is gone. */
  readonly stop: () => Promise<number | null>;
  /** The exit code once it has exited by itself, else undefined. */
  readonly exitCode: () => number | undefined;
}

const READY = 'Ctrl-C stops everything';
const OPERATOR_TOKEN = 'e2e-operator-token';

const urlAfter = (output: string, label: string): string => {
  const match = new RegExp(`${label}: (http://\\S+)`).exec(output);
  if (match?.[1] === undefined) throw new Error(`the stack did not print "${label}": ${output}`);
  return match[1];
};

/** `npm start` running as a child process, and everything it printed so far. */
export interface NpmStart {
  readonly child: ChildProcessByStdio<null, Readable, Readable>;
  readonly output: () => string;
  /** Resolves with the exit code when it exits by itself or is stopped. */
  readonly exited: Promise<number | null>;
  /** SIGTERM, as Ctrl-C would (SIGKILL if it has not exited within 20 s); resolves with the exit code. */
  readonly stop: () => Promise<number | null>;
}

/**
 * Runs `npm start` with `args` as a user does, with `env` added. It is stopped when this process exits,
 * whatever the way, if the caller has not stopped it before.
 */
export const runNpmStart = (env: Record<string, string>, args: readonly string[] = []): NpmStart => {
  const child = spawn('npm', ['start', ...(args.length > 0 ? ['--', ...args] : [])], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const append = (chunk: Buffer): void => {
    output += chunk.toString();
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  const killOnExit = (): void => {
    child.kill('SIGTERM');
  };
  process.once('exit', killOnExit);
  const exited = once(child, 'exit').then(([code]) => {
    process.removeListener('exit', killOnExit);
    return code as number | null;
  });
  return {
    child,
    output: () => output,
    exited,
    stop: async () => {
      process.removeListener('exit', killOnExit);
      await stopProcess(child, 20_000);
      return exited;
    },
  };
};

/**
 * Runs `npm start` on spare ports with `env` added (timers, sandbox pace) and waits until it says it is
 * running. The caller stops it; so does the end of this process, whatever the way.
 */
export const startStack = async (env: Record<string, string> = {}): Promise<RunningStack> => {
  const started = runNpmStart({
    PORT: String(await freePort()),
    AWS_LOCAL_PORT: String(await freePort()),
    DYNAMODB_PORT: String(await freePort()),
    OPERATOR_TOKEN,
    SANDBOX_STEP_MS: '100',
    ...env,
  });
  try {
    await eventually('the stack to start', () => {
      if (started.child.exitCode !== null) throw new Error(`the stack exited: ${started.output()}`);
      return started.output().includes(READY) ? true : undefined;
    }, 90_000);
  } catch (error) {
    await started.stop();
    throw error;
  }
  const output = started.output();
  return {
    apiUrl: urlAfter(output, 'HTTP API'),
    awsUrl: urlAfter(output, 'AWS endpoint'),
    dynamodbUrl: urlAfter(output, 'DynamoDB Local'),
    dynamodbPid: Number(/DynamoDB Local: \S+ \(in memory, pid (\d+)\)/.exec(output)?.[1] ?? -1),
    operatorToken: OPERATOR_TOKEN,
    output: started.output,
    relayPid: () => {
      const pids = [...started.output().matchAll(/Outbox relay: (?:started again as )?pid (\d+)/g)].map((match) => Number(match[1]));
      const pid = pids.at(-1);
      if (pid === undefined) throw new Error(`the stack named no relay process: ${started.output()}`);
      return pid;
    },
    stop: started.stop,
    exitCode: () => started.child.exitCode ?? undefined,
  };
};
