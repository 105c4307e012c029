import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { PartHealth } from './stack-health.ts';
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
  /** The state machine whose executions the relay's log lines name. */
  readonly stateMachineArn: string;
  /**
   * Told each time a relay process is ready, with its pid and whether it replaces one that died.
   * @default nothing
   */
  readonly onReady?: (pid: number, restarted: boolean) => void;
  /**
   * The pause before a relay that died is started again; it doubles while relays keep dying young.
   * @default 500
   */
  readonly restartDelayMs?: number;
  /**
   * Told when relays kept dying young and no more will be started, with the reason.
   * @default nothing
   */
  readonly onGiveUp?: (reason: string) => void;
}

/** The relay running as a supervised process. */
export interface RelayProcess {
  /** The pid of the relay process running now. */
  readonly pid: number;
  /** Up while a relay runs; down, and why, from its death until another is ready, or for good once the supervisor gave up. */
  health(): PartHealth;
  /** Stops the relay and waits for it to exit; a stopped relay is not started again. */
  stop(): Promise<void>;
}

const WORKER = fileURLToPath(new URL('relay-worker.ts', import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** How long a relay may take to say it is ready. */
const READY_TIMEOUT_MS = 30_000;
/** A relay that ran this long before it died was working: the next one starts without delay growing. */
const STABLE_RUN_MS = 10_000;
/** The longest pause between two starts. */
const MAX_RESTART_DELAY_MS = 10_000;
/** Short-lived relays in a row after which the supervisor gives up. */
const MAX_SHORT_RUNS = 8;

/** Waits until `child` says it is ready; kills it and fails if it exits or stays silent first. */
const readyOrFail = async (child: ChildProcess): Promise<void> => {
  const timeout = AbortSignal.timeout(READY_TIMEOUT_MS);
  const first = await Promise.race([
    once(child, 'message', { signal: timeout }).then(
      () => 'ready' as const,
      () => 'silent' as const,
    ),
    once(child, 'exit').then(() => 'exited' as const),
  ]);
  if (first === 'ready') return;
  await stopProcess(child);
  throw new Error(
    first === 'silent'
      ? `the outbox relay did not get ready within ${String(READY_TIMEOUT_MS / 1000)} s`
      : `the outbox relay exited before it was ready (exit code ${String(child.exitCode)}, signal ${String(child.signalCode)})`,
  );
};

/**
 * Starts the outbox relay ({@link WORKER}) as a process of its own and starts it again whenever it dies,
 * so that it can be killed between a commit and its publication and resume from its checkpoint, as
 * Lambda's event source mapping does with a relay that failed. A relay that keeps dying young is started
 * again after longer and longer pauses, until the supervisor gives up and says so through `onGiveUp`.
 * Resolves once the first relay is ready.
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
    STATE_MACHINE_ARN: options.stateMachineArn,
  };
  const state = { stopping: false, shortRuns: 0, child: undefined as ChildProcess | undefined, down: undefined as string | undefined };

  const launch = async (restarted: boolean): Promise<void> => {
    const child = spawn(process.execPath, ['--import', TSX, WORKER], { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    state.child = child;
    await readyOrFail(child);
    const readyAt = Date.now();
    state.down = undefined;
    options.onReady?.(child.pid ?? -1, restarted);
    void once(child, 'exit').then(() => {
      if (state.stopping) return;
      state.shortRuns = Date.now() - readyAt < STABLE_RUN_MS ? state.shortRuns + 1 : 0;
      state.down = `the outbox relay (pid ${String(child.pid)}) died (${String(child.signalCode ?? child.exitCode)}); starting it again, from its checkpoint`;
      console.error(state.down);
      relaunch();
    });
  };

  const relaunch = (): void => {
    if (state.shortRuns >= MAX_SHORT_RUNS) {
      state.down = `the outbox relay died ${String(state.shortRuns)} times in a row within ${String(STABLE_RUN_MS / 1000)} s of starting`;
      options.onGiveUp?.(state.down);
      return;
    }
    const delay = Math.min(MAX_RESTART_DELAY_MS, (options.restartDelayMs ?? 500) * 2 ** Math.max(0, state.shortRuns - 1));
    setTimeout(() => {
      if (state.stopping) return;
      launch(true).catch((error: unknown) => {
        if (state.stopping) return;
        state.shortRuns += 1;
        console.error('outbox relay: could not start it again', error);
        relaunch();
      });
    }, delay);
  };

  await launch(false);
  return {
    get pid() {
      return state.child?.pid ?? -1;
    },
    health: () => (state.down === undefined ? { status: 'up' } : { status: 'down', reason: state.down }),
    stop: async () => {
      state.stopping = true;
      if (state.child !== undefined) await stopProcess(state.child);
    },
  };
};
