import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { stopProcess } from './stop-process.ts';

/** What {@link startRelayProcess} needs to point the relay at the local stack. */
export interface RelayProcessOptions {
  readonly dynamodbEndpoint: string;
  /** The local AWS endpoint that takes `PutEvents`. */
  readonly eventBridgeEndpoint: string;
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly tableName: string;
  readonly busName: string;
  /**
   * Told each time a relay process is ready, with its pid and whether it replaces one that died.
   * @default nothing
   */
  readonly onReady?: (pid: number, restarted: boolean) => void;
  /**
   * The pause before a relay that died is started again.
   * @default 500
   */
  readonly restartDelayMs?: number;
}

/** The relay running as a supervised process. */
export interface RelayProcess {
  /** The pid of the relay process running now. */
  readonly pid: number;
  /** Stops the relay and waits for it to exit; a stopped relay is not started again. */
  stop(): Promise<void>;
}

const WORKER = fileURLToPath(new URL('relay-worker.ts', import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/**
 * Starts the outbox relay ({@link WORKER}) as a process of its own and starts it again whenever it dies,
 * so that it can be killed between a commit and its publication and resume from its checkpoint, as
 * Lambda's event source mapping does with a relay that failed. Resolves once the first relay is ready.
 */
export const startRelayProcess = async (options: RelayProcessOptions): Promise<RelayProcess> => {
  const env = {
    ...process.env,
    AWS_REGION: options.region,
    AWS_ACCESS_KEY_ID: options.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: options.credentials.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: options.dynamodbEndpoint,
    AWS_ENDPOINT_URL_DYNAMODB_STREAMS: options.dynamodbEndpoint,
    AWS_ENDPOINT_URL_EVENTBRIDGE: options.eventBridgeEndpoint,
    DELIVERY_TABLE_NAME: options.tableName,
    EVENT_BUS_NAME: options.busName,
  };
  const state = { stopping: false, child: undefined as ChildProcess | undefined };

  const launch = async (restarted: boolean): Promise<void> => {
    const child = spawn(process.execPath, ['--import', TSX, WORKER], { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    state.child = child;
    const exited = once(child, 'exit');
    const ready = once(child, 'message');
    const first = await Promise.race([ready.then(() => 'ready' as const), exited.then(() => 'exited' as const)]);
    if (first === 'exited') throw new Error(`the outbox relay exited before it was ready (exit code ${String(child.exitCode)}, signal ${String(child.signalCode)})`);
    options.onReady?.(child.pid ?? -1, restarted);
    void exited.then(() => {
      if (state.stopping) return;
      console.error(`outbox relay (pid ${String(child.pid)}) died (${String(child.signalCode ?? child.exitCode)}); starting it again, from its checkpoint`);
      relaunch();
    });
  };

  const relaunch = (): void => {
    setTimeout(() => {
      if (state.stopping) return;
      launch(true).catch((error: unknown) => {
        if (state.stopping) return;
        console.error('outbox relay: could not start it again; trying again', error);
        relaunch();
      });
    }, options.restartDelayMs ?? 500);
  };

  await launch(false);
  return {
    get pid() {
      return state.child?.pid ?? -1;
    },
    stop: async () => {
      state.stopping = true;
      if (state.child !== undefined) await stopProcess(state.child);
    },
  };
};
