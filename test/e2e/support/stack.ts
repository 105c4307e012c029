import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../../../local/free-port.ts';

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
  output(): string;
  /** The pid of the outbox relay process running now, as the stack last announced it. */
  relayPid(): number;
  /** SIGTERM, as Ctrl-C would; resolves with the exit code once every process it started is gone. */
  stop(): Promise<number | null>;
}

const READY = 'Ctrl-C stops everything';
const OPERATOR_TOKEN = 'e2e-operator-token';

const urlAfter = (output: string, label: string): string => {
  const match = new RegExp(`${label}: (http://\\S+)`).exec(output);
  if (match?.[1] === undefined) throw new Error(`the stack did not print "${label}": ${output}`);
  return match[1];
};

/**
 * Runs `npm start` on spare ports with `env` added (timers, sandbox pace) and waits until it says it is
 * running. The caller stops it; so does the end of this process, whatever the way.
 */
export const startStack = async (env: Record<string, string> = {}): Promise<RunningStack> => {
  const child = spawn('npm', ['start'], {
    env: {
      ...process.env,
      PORT: String(await freePort()),
      AWS_LOCAL_PORT: String(await freePort()),
      DYNAMODB_PORT: String(await freePort()),
      OPERATOR_TOKEN,
      SANDBOX_STEP_MS: '100',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const stop = async (): Promise<number | null> => {
    process.removeListener('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    return exited;
  };

  for (let waited = 0; !output.includes(READY); waited += 100) {
    if (child.exitCode !== null || waited > 90_000) {
      await stop();
      throw new Error(`the stack did not start: ${output}`);
    }
    await sleep(100);
  }
  return {
    apiUrl: urlAfter(output, 'HTTP API'),
    awsUrl: urlAfter(output, 'AWS endpoint'),
    dynamodbUrl: urlAfter(output, 'DynamoDB Local'),
    operatorToken: OPERATOR_TOKEN,
    output: () => output,
    relayPid: () => {
      const pids = [...output.matchAll(/Outbox relay: (?:started again as )?pid (\d+)/g)].map((match) => Number(match[1]));
      const pid = pids.at(-1);
      if (pid === undefined) throw new Error(`the stack named no relay process: ${output}`);
      return pid;
    },
    stop,
  };
};
