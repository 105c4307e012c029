import { StateMachine, type RunOptions, type StateMachineDefinition } from 'aws-local-stepfunctions';
import type { ExecutionInput, WorkflowControl } from '#adapters/workflow-control.ts';
import { executionArnOf } from '#application/delivery-view.ts';

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
  timer: NodeJS.Timeout | null;
}

/** Invokes the Lambda behind a task with its payload (locally: the handler function). */
export type InvokeTask = (payload: Record<string, unknown>) => Promise<unknown>;

/** The engine's task overrides; their results are JSON (the payloads and outputs of the service's tasks). */
type TaskHandlers = NonNullable<NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers']>;

/** The longest a Node timer waits. */
const MAX_TIMER_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

const errorNamed = (name: string, message: string): Error => Object.assign(new Error(message), { name });

/**
 * Runs the workflow's ASL on aws-local-stepfunctions, with what that engine leaves out: `lambda:invoke`
 * tasks call the task function with the `Payload` and return `{ Payload }`; `.waitForTaskToken` tasks
 * get a token of their own, park until {@link resume}, and fail with `States.HeartbeatTimeout` when
 * no {@link heartbeat} comes within the payload's `heartbeatSeconds`. The engine itself enforces
 * `TimeoutSeconds(Path)`. It is the {@link WorkflowControl} the handlers use locally.
 */
export class LocalWorkflow implements WorkflowControl {
  readonly #machine: StateMachine;
  readonly #definition: StateMachineDefinition;
  readonly #invoke: InvokeTask;
  readonly #executions = new Map<string, LocalExecution>();
  readonly #parked = new Map<string, ParkedCallback>();
  #tokens = 0;
  readonly #stateMachineArn: string;

  /**
   * @param stateMachineArn the ARN the local state machine answers to; executions are named under it.
   */
  constructor(definition: Record<string, unknown>, invoke: InvokeTask, stateMachineArn = LOCAL_STATE_MACHINE_ARN) {
    this.#stateMachineArn = stateMachineArn;
    const { TimeoutSeconds } = definition as { TimeoutSeconds?: number };
    // Node's timers stop at 2^31-1 ms (24.8 days) and fire at once beyond: the engine gets the most it can keep.
    const engineTimeout = TimeoutSeconds === undefined ? {} : { TimeoutSeconds: Math.min(TimeoutSeconds, MAX_TIMER_SECONDS) };
    this.#definition = forEngine({ ...definition, ...engineTimeout });
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
      startedAt: new Date(),
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
        history.push({ type: entry.type, timestamp: entry.timestamp, ...(entry.state ? { state: entry.state } : {}), ...(entry.Error ? { error: entry.Error } : {}) });
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
      execution.stoppedAt = new Date();
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
    // An execution waits on one callback at a time: an older one was ended by the engine (its timeout).
    for (const [older, parked] of this.#parked) if (parked.execution === deliveryId) this.#unpark(older, parked);
    const result = new Promise<unknown>((resolve, reject) => {
      const parked: ParkedCallback = {
        execution: deliveryId,
        resolve,
        reject,
        heartbeatSeconds: typeof heartbeat === 'number' ? heartbeat : null,
        timer: null,
      };
      this.#parked.set(token, parked);
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

  #armHeartbeat(token: string, parked: ParkedCallback): void {
    if (parked.timer) clearTimeout(parked.timer);
    if (parked.heartbeatSeconds === null) return;
    parked.timer = setTimeout(() => {
      this.#unpark(token, parked);
      parked.reject(errorNamed('States.HeartbeatTimeout', `no heartbeat for ${String(parked.heartbeatSeconds)} s`));
    }, parked.heartbeatSeconds * 1000);
    // A callback the engine has already given up on must not keep the process alive.
    parked.timer.unref();
  }

  #unpark(token: string, parked: ParkedCallback): void {
    if (parked.timer) clearTimeout(parked.timer);
    this.#parked.delete(token);
  }
}

type TaskDefinition = { Type: string; TimeoutSecondsPath?: string; Parameters?: { Payload?: Record<string, unknown> } };

/**
 * The engine reads `TimeoutSecondsPath` from the task's parameters, Step Functions from the state
 * input: each such path is pointed at the payload field that carries the same value.
 */
const forEngine = (definition: Record<string, unknown>): StateMachineDefinition => {
  const states = Object.entries(definition['States'] as Record<string, TaskDefinition>).map(([name, state]) => {
    const path = state.TimeoutSecondsPath;
    if (state.Type !== 'Task' || path === undefined) return [name, state] as const;
    const field = Object.entries(state.Parameters?.Payload ?? {}).find(([key, value]) => key.endsWith('.$') && value === path)?.[0];
    if (field === undefined) throw new Error(`state "${name}": the local engine needs ${path} in its Payload too`);
    return [name, { ...state, TimeoutSecondsPath: `$.Payload.${field.slice(0, -2)}` }] as const;
  });
  return { ...definition, States: Object.fromEntries(states) } as unknown as StateMachineDefinition;
};

const payloadOf = (input: unknown): Record<string, unknown> => {
  const payload = (input as { Payload?: unknown } | null)?.Payload;
  if (payload === null || typeof payload !== 'object') throw new Error('a Lambda task state must send a Payload object');
  // A deep copy: the engine hands out live references.
  return structuredClone(payload) as Record<string, unknown>;
};
