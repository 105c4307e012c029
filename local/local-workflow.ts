import { StateMachine, type RunOptions, type StateMachineDefinition } from 'aws-local-stepfunctions';
import type { ExecutionInput, WorkflowControl } from '#adapters/workflow-control.ts';
import { executionArnOf } from '#application/delivery-view.ts';
import { wallClock, type ClockTimer, type LocalClock } from './local-clock.ts';

/** The ARN the local state machine answers to, unless told another. */
export const LOCAL_STATE_MACHINE_ARN = 'arn:aws:states:eu-west-1:000000000000:stateMachine:DeliveryLifecycle';

/** One event of a local execution's history. */
export interface LocalHistoryEvent {
  readonly type: string;
  readonly timestamp: number;
  readonly state?: { readonly name: string; readonly input?: unknown; readonly output?: unknown };
  readonly error?: string;
}

/** A local execution, as far as it has gone. */
export interface LocalExecution {
  readonly name: string;
  /** Its ARN, as Step Functions would name it; also `$$.Execution.Id` inside it. */
  readonly executionArn: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';
  output: unknown;
  error: string | null;
  readonly history: LocalHistoryEvent[];
  readonly input: unknown;
  readonly startedAt: Date;
  stoppedAt: Date | null;
  readonly done: Promise<void>;
  abort(): void;
}

/** A callback task parked on its token. */
interface ParkedCallback {
  readonly execution: string;
  readonly resolve: (output: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly heartbeatSeconds: number | null;
  heartbeat: ClockTimer | null;
  timeout: ClockTimer | null;
}

/** Where a callback state's timeout comes from: a number of seconds, or the payload field that carries it. */
type CallbackTimeout = { readonly seconds: number } | { readonly payloadField: string };

/** Invokes the Lambda behind a task with its payload (locally: the handler function). */
export type InvokeTask = (payload: Record<string, unknown>) => Promise<unknown>;

/** The engine's task overrides; their results are JSON (the payloads and outputs of the service's tasks). */
type TaskHandlers = NonNullable<NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers']>;

/** The longest a Node timer waits: the engine's own timers (execution, Lambda tasks) are capped at it. */
const MAX_TIMER_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

const errorNamed = (name: string, message: string): Error => Object.assign(new Error(message), { name });

/**
 * Runs the workflow's ASL on aws-local-stepfunctions, with what that engine leaves out: `lambda:invoke`
 * tasks call the task function with the `Payload` and return `{ Payload }`; `.waitForTaskToken` tasks
 * get a token of their own, park until {@link resume}, and fail with `States.HeartbeatTimeout` when
 * no {@link heartbeat} comes within the payload's `heartbeatSeconds`. The engine itself enforces
 * `TimeoutSeconds(Path)` of the Lambda tasks; the callback tasks' timeouts and heartbeats run on the
 * {@link LocalClock} it is given, so that time can be skipped. It is the {@link WorkflowControl} the
 * handlers use locally.
 */
export class LocalWorkflow implements WorkflowControl {
  readonly #machine: StateMachine;
  readonly #definition: StateMachineDefinition;
  readonly #invoke: InvokeTask;
  readonly #executions = new Map<string, LocalExecution>();
  readonly #parked = new Map<string, ParkedCallback>();
  #tokens = 0;
  readonly #stateMachineArn: string;
  readonly #clock: LocalClock;
  readonly #callbackTimeouts: ReadonlyMap<string, CallbackTimeout>;

  /**
   * @param stateMachineArn the ARN the local state machine answers to; executions are named under it.
   * @param clock the time the callbacks' timeouts and heartbeats and the history's timestamps run on.
   */
  constructor(definition: Record<string, unknown>, invoke: InvokeTask, stateMachineArn = LOCAL_STATE_MACHINE_ARN, clock: LocalClock = wallClock) {
    this.#stateMachineArn = stateMachineArn;
    this.#clock = clock;
    const { TimeoutSeconds } = definition as { TimeoutSeconds?: number };
    // Node's timers stop at 2^31-1 ms (24.8 days) and fire at once beyond: the engine gets the most it can keep.
    const engineTimeout = TimeoutSeconds === undefined ? {} : { TimeoutSeconds: Math.min(TimeoutSeconds, MAX_TIMER_SECONDS) };
    const { engineDefinition, callbackTimeouts } = forEngine({ ...definition, ...engineTimeout });
    this.#definition = engineDefinition;
    this.#callbackTimeouts = callbackTimeouts;
    this.#machine = new StateMachine(this.#definition);
    this.#invoke = invoke;
  }

  /** The execution named `name`, if one was started. */
  execution(name: string): LocalExecution | undefined {
    return this.#executions.get(name);
  }

  /** Every execution started, oldest first. */
  executions(): LocalExecution[] {
    return [...this.#executions.values()];
  }

  /** Whether a callback waits on `taskToken`. */
  isWaiting(taskToken: string): boolean {
    return this.#parked.has(taskToken);
  }

  /** Fails the callback waiting on `taskToken` with `error` (Step Functions' `SendTaskFailure`). */
  fail(taskToken: string, error: string, cause: string): void {
    const parked = this.#parked.get(taskToken);
    if (!parked) return;
    this.#unpark(taskToken, parked);
    parked.reject(errorNamed(error, cause));
  }

  start(input: ExecutionInput): Promise<void> {
    const { deliveryId } = input;
    if (this.#executions.has(deliveryId)) return Promise.resolve();
    const executionArn = executionArnOf(this.#stateMachineArn, deliveryId);
    // The engine types its input as JSON; an ExecutionInput is JSON, without the index signature it asks for.
    const run = this.#machine.run(input as unknown as Parameters<StateMachine['run']>[0], {
      overrides: { taskResourceLocalHandlers: this.#handlers(deliveryId) as TaskHandlers },
      context: { Execution: { Id: executionArn, Name: deliveryId }, Task: { Token: 'assigned-per-task' } },
    });
    const history: LocalHistoryEvent[] = [];
    const execution: Omit<LocalExecution, 'done'> & { done?: Promise<void> } = {
      name: deliveryId,
      executionArn,
      input,
      startedAt: this.#clock.now(),
      stoppedAt: null,
      status: 'RUNNING',
      output: null,
      error: null,
      history,
      abort: () => {
        run.abort();
      },
    };
    const record = async (): Promise<void> => {
      for await (const event of run.eventLogs) {
        const entry = event as unknown as { type: string; timestamp: number; state?: LocalHistoryEvent['state']; Error?: string };
        history.push({ type: entry.type, timestamp: this.#clock.now().getTime(), ...(entry.state ? { state: entry.state } : {}), ...(entry.Error ? { error: entry.Error } : {}) });
      }
    };
    const finish = async (): Promise<void> => {
      const logging = record();
      try {
        execution.output = await run.result;
        execution.status = 'SUCCEEDED';
      } catch (error) {
        execution.status = error instanceof Error && error.name === 'ExecutionAbortedError' ? 'ABORTED' : 'FAILED';
        execution.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      }
      await logging;
      execution.stoppedAt = this.#clock.now();
      for (const [token, parked] of this.#parked) if (parked.execution === deliveryId) this.#unpark(token, parked);
    };
    execution.done = finish();
    this.#executions.set(deliveryId, execution as LocalExecution);
    return Promise.resolve();
  }

  resume(taskToken: string, output: unknown): Promise<void> {
    const parked = this.#parked.get(taskToken);
    if (parked) {
      this.#unpark(taskToken, parked);
      parked.resolve(output);
    }
    return Promise.resolve();
  }

  heartbeat(taskToken: string): Promise<void> {
    const parked = this.#parked.get(taskToken);
    if (parked) this.#armHeartbeat(taskToken, parked);
    return Promise.resolve();
  }

  /** Aborts every running execution and drops every parked callback (for shutdown). */
  stop(): void {
    for (const [token, parked] of this.#parked) this.#unpark(token, parked);
    for (const execution of this.#executions.values()) if (execution.status === 'RUNNING') execution.abort();
  }

  #handlers(deliveryId: string): Record<string, (input: unknown) => Promise<unknown>> {
    const handlers: Record<string, (input: unknown) => Promise<unknown>> = {};
    for (const [name, state] of Object.entries(this.#definition.States)) {
      if (state.Type !== 'Task') continue;
      handlers[name] = state.Resource.endsWith('.waitForTaskToken')
        ? (input) => this.#park(deliveryId, name, input)
        : async (input) => ({ Payload: await this.#invoke(payloadOf(input)) });
    }
    return handlers;
  }

  async #park(deliveryId: string, stateName: string, input: unknown): Promise<unknown> {
    this.#tokens += 1;
    const token = `${deliveryId}:${stateName}:${String(this.#tokens)}`;
    const payload: Record<string, unknown> = { ...payloadOf(input), taskToken: token };
    const heartbeat: unknown = payload['heartbeatSeconds'];
    const timeoutSeconds = this.#timeoutSecondsOf(stateName, payload);
    // An execution waits on one callback at a time: an older one was ended by the engine (its timeout).
    for (const [older, parked] of this.#parked) if (parked.execution === deliveryId) this.#unpark(older, parked);
    const result = new Promise<unknown>((resolve, reject) => {
      const parked: ParkedCallback = {
        execution: deliveryId,
        resolve,
        reject,
        heartbeatSeconds: typeof heartbeat === 'number' ? heartbeat : null,
        heartbeat: null,
        timeout: null,
      };
      this.#parked.set(token, parked);
      parked.timeout = this.#clock.setTimer(timeoutSeconds * 1000, () => {
        this.#unpark(token, parked);
        parked.reject(errorNamed('States.Timeout', `no callback within ${String(timeoutSeconds)} s`));
      });
      this.#armHeartbeat(token, parked);
    });
    try {
      await this.#invoke(payload);
    } catch (error) {
      const parked = this.#parked.get(token);
      if (parked) {
        this.#unpark(token, parked);
        parked.reject(error instanceof Error ? error : new Error(String(error)));
      }
    }
    return result;
  }

  /** The seconds a callback state waits, as Step Functions reads them: a positive whole number. */
  #timeoutSecondsOf(stateName: string, payload: Record<string, unknown>): number {
    const timeout = this.#callbackTimeouts.get(stateName);
    const seconds = timeout === undefined ? DEFAULT_TASK_TIMEOUT_SECONDS : 'seconds' in timeout ? timeout.seconds : payload[timeout.payloadField];
    if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 1) {
      throw errorNamed('States.Runtime', `state "${stateName}": its timeout must be a whole number of seconds ≥ 1, not ${JSON.stringify(seconds)}`);
    }
    return seconds;
  }

  #armHeartbeat(token: string, parked: ParkedCallback): void {
    parked.heartbeat?.cancel();
    if (parked.heartbeatSeconds === null) return;
    parked.heartbeat = this.#clock.setTimer(parked.heartbeatSeconds * 1000, () => {
      this.#unpark(token, parked);
      parked.reject(errorNamed('States.HeartbeatTimeout', `no heartbeat for ${String(parked.heartbeatSeconds)} s`));
    });
  }

  #unpark(token: string, parked: ParkedCallback): void {
    parked.heartbeat?.cancel();
    parked.timeout?.cancel();
    this.#parked.delete(token);
  }
}

/** Step Functions' timeout of a task state that names none. */
const DEFAULT_TASK_TIMEOUT_SECONDS = 99_999_999;

type TaskDefinition = {
  Type: string;
  Resource?: string;
  TimeoutSeconds?: number;
  TimeoutSecondsPath?: string;
  Parameters?: { Payload?: Record<string, unknown> };
};

/**
 * Where each callback state's timeout comes from. Step Functions reads `TimeoutSecondsPath` from the
 * state input; the same value reaches the task in a payload field, where the local runtime reads it.
 */
const callbackTimeoutOf = (name: string, state: TaskDefinition): CallbackTimeout => {
  const path = state.TimeoutSecondsPath;
  if (path === undefined) return { seconds: state.TimeoutSeconds ?? DEFAULT_TASK_TIMEOUT_SECONDS };
  const field = Object.entries(state.Parameters?.Payload ?? {}).find(([key, value]) => key.endsWith('.$') && value === path)?.[0];
  if (field === undefined) throw new Error(`state "${name}": the local engine needs ${path} in its Payload too`);
  return { payloadField: field.slice(0, -2) };
};

/**
 * The definition the engine runs: its callback states wait as long as the engine can, for their
 * timeouts are kept by the runtime on its clock instead.
 */
const forEngine = (definition: Record<string, unknown>): { engineDefinition: StateMachineDefinition; callbackTimeouts: Map<string, CallbackTimeout> } => {
  const callbackTimeouts = new Map<string, CallbackTimeout>();
  const states = Object.entries(definition['States'] as Record<string, TaskDefinition>).map(([name, state]): [string, TaskDefinition] => {
    if (state.Type !== 'Task' || state.Resource?.endsWith('.waitForTaskToken') !== true) return [name, state];
    callbackTimeouts.set(name, callbackTimeoutOf(name, state));
    const { TimeoutSecondsPath: _path, ...rest } = state;
    return [name, { ...rest, TimeoutSeconds: MAX_TIMER_SECONDS }];
  });
  return { engineDefinition: { ...definition, States: Object.fromEntries(states) } as unknown as StateMachineDefinition, callbackTimeouts };
};

const payloadOf = (input: unknown): Record<string, unknown> => {
  const payload = (input as { Payload?: unknown } | null)?.Payload;
  if (payload === null || typeof payload !== 'object') throw new Error('a Lambda task state must send a Payload object');
  // A deep copy: the engine hands out live references.
  return structuredClone(payload) as Record<string, unknown>;
};
