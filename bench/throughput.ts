import { createHmac, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { ListExecutionsCommand } from '@aws-sdk/client-sfn';
import { GetCommand, PutCommand, ScanCommand, TransactWriteCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '#adapters/dynamodb-client.ts';
import { DeliveryRepository } from '#adapters/delivery-store/delivery-repository.ts';
import { keys } from '#adapters/delivery-store/keys.ts';
import { DEFAULT_DELIVERY_TABLE_NAME } from '#adapters/delivery-store/table-definition.ts';
import { systemDeps } from '#application/system-deps.ts';
import { decide, type Delivery } from '#domain/index.ts';
import { deliveryIdOf, eventually, newOrder, StackClient } from '#test/e2e/support/client.ts';
import { startStack, type RunningStack } from '#test/support/local-stack.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../local/dynamodb-local.ts';
import { LOCAL_STATE_MACHINE_ARN } from '../local/local-workflow.ts';
import { CHECKPOINT_TABLE_NAME } from '../local/stream-checkpoints.ts';
import type { BenchOptions, BenchSection } from './section.ts';
import { formatSpread, quantile, spreadOf, type Spread } from './stats.ts';

/** Requests in flight at once, for the webhooks and for the raw transactions alike (a closed loop). */
const CONCURRENCY = 16;
/** Creates in flight at once while the deliveries are booked. */
const CREATE_CONCURRENCY = 8;
/** Fresh booked deliveries each measured run drives through {@link SCRIPT}: a few per lane. */
const DELIVERIES_PER_RUN = 32;
/** Deliveries of the unmeasured warm-up run (JIT of Node and of DynamoDB Local's JVM). */
const WARM_UP_DELIVERIES = 16;
/** Deliveries of the open-loop check. */
const OPEN_LOOP_DELIVERIES = 16;
/** The partner whose webhooks are sent: the local stack's `manual` partner never sends its own. */
const PARTNER_ID = 'manual';
const PARTNER_SECRET = `dev-secret-${PARTNER_ID}`;
/**
 * What the item types of the raw transactions' copies start with: the workflow notifier and the outbox
 * relay act only on the service's own types, so they skip the copies (their stream readers still read
 * them). DynamoDB Local commits to a second table markedly slower than to the one it holds most data
 * in, so the copies live in the stack's own table.
 */
const COPY_TYPE_PREFIX = 'Raw';
/** The targets of issue 7. */
const TARGET_RATIO = 0.5;
const TARGET_P99_MS = 100;
/** The raw transactions are also sent with these fewer in flight, once, to find DynamoDB Local's best. */
const SWEEP: readonly number[] = [1, 2, 4, 8];

/**
 * What the partner reports about each booked delivery, in order: every one a real transition of the
 * delivery (one domain event each), ending delivered. Two failed attempts stay under the three that put
 * a delivery on hold.
 */
const SCRIPT: readonly { readonly status: string; readonly reason?: string }[] = [
  { status: 'PICKED_UP' },
  { status: 'OUT_FOR_DELIVERY' },
  { status: 'DELIVERY_ATTEMPTED', reason: 'RECIPIENT_UNAVAILABLE' },
  { status: 'OUT_FOR_DELIVERY' },
  { status: 'DELAYED', reason: 'WEATHER' },
  { status: 'DELIVERY_ATTEMPTED', reason: 'ACCESS_DENIED' },
  { status: 'OUT_FOR_DELIVERY' },
  { status: 'DELIVERED' },
];

/** How many of each delivery's events the raw transactions of a run commit: all its deliveries, half the count. */
const RAW_STEPS = SCRIPT.length / 2;

/** A booked delivery of the manual partner. */
interface Booked {
  readonly deliveryId: string;
  readonly jobId: string;
}

/** One partner webhook body (contract §4). */
interface WebhookBody {
  readonly eventId: string;
  readonly jobId: string;
  readonly status: string;
  readonly occurredAt: string;
  readonly reason?: string;
}

/** The processes that share the machine's cores while the benchmark runs, by pid. */
interface Processes {
  /** DynamoDB Local's JVM. */
  readonly dynamodb: number;
  /** `npm start`'s Node process: the local API Gateway, the handlers, the workflow and its notifier. */
  readonly stack: number;
  /** The outbox relay's Node process. */
  readonly relay: number;
  /** This process: the load generator. */
  readonly bench: number;
}

type ProcessName = keyof Processes;
const PROCESS_NAMES: readonly ProcessName[] = ['dynamodb', 'stack', 'relay', 'bench'];

/** Clock ticks per second of `/proc/<pid>/stat` (USER_HZ, 100 on Linux). */
const USER_HZ = 100;

/** The CPU time `pid` has used so far (user + system, every thread), in ms; null where /proc cannot tell. */
const cpuMsOf = (pid: number): number | null => {
  try {
    const stat = readFileSync(`/proc/${String(pid)}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / USER_HZ;
  } catch {
    return null;
  }
};

const parentOf = (pid: number): number | null => {
  try {
    const stat = readFileSync(`/proc/${String(pid)}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
};

/** The stack's processes, found through /proc by DynamoDB Local's port; null off Linux. */
const processesOf = (stack: RunningStack): Processes | null => {
  const port = new URL(stack.dynamodbUrl).port;
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (!args.some((arg) => arg.endsWith('DynamoDBLocal.jar')) || args[args.indexOf('-port') + 1] !== port) continue;
      const dynamodb = Number(entry);
      const parent = parentOf(dynamodb);
      return parent === null ? null : { dynamodb, stack: parent, relay: stack.relayPid(), bench: process.pid };
    }
  } catch {
    return null;
  }
  return null;
};

/** CPU time used by each process between two moments, in ms. */
type CpuUse = Readonly<Record<ProcessName, number>>;

/** Starts counting the processes' CPU; the function returned gives what each used since. */
const cpuMeter = (processes: Processes | null): (() => CpuUse | null) => {
  if (processes === null) return () => null;
  const at = (): Record<ProcessName, number> | null => {
    const use = Object.fromEntries(PROCESS_NAMES.map((name) => [name, cpuMsOf(processes[name])]));
    return Object.values(use).some((value) => value === null) ? null : (use as Record<ProcessName, number>);
  };
  const start = at();
  return () => {
    const end = at();
    return start === null || end === null ? null : (Object.fromEntries(PROCESS_NAMES.map((name) => [name, end[name] - start[name]])) as CpuUse);
  };
};

/** One request of a loop: resolves with null when it did what it should, else with what went wrong. */
type Job = () => Promise<string | null>;

/** What a loop measured. */
interface LoopResult {
  readonly count: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly errors: number;
  readonly errorSamples: readonly string[];
  /** CPU ms each process used per request, when /proc tells. */
  readonly cpuMsPerRequest: CpuUse | null;
}

const summarize = (latencies: readonly number[], seconds: number, errorSamples: readonly string[], errors: number, cpu: CpuUse | null): LoopResult => ({
  count: latencies.length,
  seconds,
  perSecond: latencies.length / seconds,
  p50Ms: quantile(latencies, 0.5),
  p99Ms: quantile(latencies, 0.99),
  errors,
  errorSamples: errorSamples.slice(0, 5),
  cpuMsPerRequest: cpu === null ? null : (Object.fromEntries(PROCESS_NAMES.map((name) => [name, cpu[name] / latencies.length])) as CpuUse),
});

const failure = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/**
 * A closed loop: each lane runs its jobs one after the other, all lanes at once, so that exactly
 * `lanes.length` requests are in flight until the lanes run dry.
 */
const closedLoop = async (lanes: readonly (readonly Job[])[], processes: Processes | null): Promise<LoopResult> => {
  const latencies: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  const cpu = cpuMeter(processes);
  const started = performance.now();
  await Promise.all(
    lanes.map(async (jobs) => {
      for (const job of jobs) {
        const sent = performance.now();
        const problem = await job().catch(failure);
        latencies.push(performance.now() - sent);
        if (problem !== null) {
          errors += 1;
          errorSamples.push(problem);
        }
      }
    }),
  );
  return summarize(latencies, (performance.now() - started) / 1000, errorSamples, errors, cpu());
};

/**
 * An open loop: job i is due at i / `perSecond` seconds whatever became of the others, and its latency
 * counts from when it was due (no coordinated omission). `after[i]`, when set, is a job that must have
 * ended first (the previous event of the same delivery).
 */
const openLoop = async (jobs: readonly Job[], perSecond: number, after: readonly (number | null)[], processes: Processes | null): Promise<LoopResult> => {
  const latencies: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  const done: Promise<void>[] = [];
  const cpu = cpuMeter(processes);
  const started = performance.now();
  for (const [index, job] of jobs.entries()) {
    const due = started + (index * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const previous = after[index];
    const before = previous === null || previous === undefined ? Promise.resolve() : done[previous];
    done.push(
      (async () => {
        await before;
        const problem = await job().catch(failure);
        latencies.push(performance.now() - due);
        if (problem !== null) {
          errors += 1;
          errorSamples.push(problem);
        }
      })(),
    );
  }
  await Promise.all(done);
  return summarize(latencies, (performance.now() - started) / 1000, errorSamples, errors, cpu());
};

/**
 * `count` deliveries created through the API with the manual partner, once the workflow has booked
 * each: created a few at a time, then found booked in the operators' listing of AWAITING_PICKUP
 * (one query for a hundred, rather than polling each delivery).
 */
const bookDeliveries = async (client: StackClient, count: number): Promise<Booked[]> => {
  const ids: string[] = [];
  await Promise.all(
    Array.from({ length: CREATE_CONCURRENCY }, async () => {
      while (ids.length < count) {
        const slot = ids.push('') - 1;
        ids[slot] = deliveryIdOf(await client.create(newOrder({ partnerId: PARTNER_ID })));
      }
    }),
  );
  const wanted = new Set(ids);
  const jobs = new Map<string, string>();
  await eventually(
    `${String(count)} deliveries to be booked`,
    async () => {
      let nextToken: string | null = null;
      do {
        const query: string = nextToken === null ? '' : `&nextToken=${encodeURIComponent(nextToken)}`;
        const { status, body } = await client.call('GET', `/deliveries?status=AWAITING_PICKUP&limit=100${query}`, { operator: true });
        if (status !== 200) throw new Error(`listing the booked deliveries failed (${String(status)}): ${JSON.stringify(body)}`);
        for (const view of body.items ?? []) if (wanted.has(view.deliveryId) && view.partner?.jobId != null) jobs.set(view.deliveryId, view.partner.jobId);
        nextToken = (body as { nextToken?: string | null }).nextToken ?? null;
      } while (nextToken !== null);
      if (jobs.size === count) return true;
      await sleep(250);
      return undefined;
    },
    120_000,
  );
  return ids.map((deliveryId) => ({ deliveryId, jobId: jobs.get(deliveryId) ?? '' }));
};

/**
 * Waits until the stack has finished with what was sent: no more executions running than `running`
 * (the deliveries booked and not yet driven), and the outbox relay's place in the stream unchanged for
 * a while (it has published everything).
 */
const settle = async (client: StackClient, documents: DynamoDBDocumentClient, running: number): Promise<void> => {
  const deadline = performance.now() + 30_000;
  const place = async (): Promise<string> => JSON.stringify((await documents.send(new ScanCommand({ TableName: CHECKPOINT_TABLE_NAME, ConsistentRead: true }))).Items ?? []);
  for (;;) {
    const { executions = [] } = await client.sfn.send(new ListExecutionsCommand({ stateMachineArn: LOCAL_STATE_MACHINE_ARN, statusFilter: 'RUNNING' }));
    const before = await place();
    await sleep(250);
    if ((executions.length <= running && (await place()) === before) || performance.now() > deadline) return;
  }
};

/** The webhooks of {@link SCRIPT} for each delivery, `occurredAt` one minute apart, in the past. */
const webhooksOf = (deliveries: readonly Booked[]): WebhookBody[][] => {
  const start = Date.now() - (SCRIPT.length + 1) * 60_000;
  return deliveries.map(({ jobId }) =>
    SCRIPT.map((step, index) => ({
      eventId: `evt-bench-${randomUUID()}`,
      jobId,
      status: step.status,
      occurredAt: new Date(start + index * 60_000).toISOString(),
      ...(step.reason === undefined ? {} : { reason: step.reason }),
    })),
  );
};

/** Splits deliveries over the lanes, each lane sending step k of each of its deliveries before step k + 1 of any. */
const lanesOf = <T>(perDelivery: readonly (readonly T[])[], lanes: number): T[][] =>
  Array.from({ length: lanes }, (_, lane) => {
    const mine = perDelivery.filter((_, index) => index % lanes === lane);
    return SCRIPT.flatMap((_, step) => mine.map((steps) => steps[step]).filter((item): item is T => item !== undefined));
  });

/** Keep-alive connections, each used in turn, so that none stays idle long enough for the server to close it under a request. */
const newAgent = (): Agent => new Agent({ keepAlive: true, maxSockets: CONCURRENCY * 2, scheduling: 'fifo' });

/** A partner webhook client over keep-alive connections, signing as contract §4 says. */
class WebhookSender {
  #agent = newAgent();
  readonly #url: URL;

  constructor(apiUrl: string) {
    this.#url = new URL(apiUrl);
  }

  /** Sends `body`; null when the answer is 200 with `applied` or `recorded`, else what came back. */
  send(body: WebhookBody): Promise<string | null> {
    const raw = JSON.stringify(body);
    const t = Math.floor(Date.now() / 1000);
    const signature = `t=${String(t)},v1=${createHmac('sha256', PARTNER_SECRET).update(`${String(t)}.${raw}`).digest('hex')}`;
    return new Promise((resolve, reject) => {
      const outgoing = request(
        {
          agent: this.#agent,
          host: this.#url.hostname,
          port: this.#url.port,
          path: `/webhooks/${PARTNER_ID}`,
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(raw), 'x-partner-signature': signature },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const ok = response.statusCode === 200 && /^\{"result":"(applied|recorded)"\}$/.test(text);
            resolve(ok ? null : `${String(response.statusCode)} ${text.slice(0, 200)}`);
          });
        },
      );
      outgoing.on('error', reject);
      outgoing.end(raw);
    });
  }

  /** Fresh connections for the next loop: the server closes the ones idle for 5 s, and a request can meet that close. */
  renew(): void {
    this.#agent.destroy();
    this.#agent = newAgent();
  }

  close(): void {
    this.#agent.destroy();
  }
}

/** A document client that keeps the requests it is given instead of sending them. */
const capturingClient = (sent: TransactWriteCommandInput[]): DynamoDBDocumentClient =>
  ({
    send: (command: TransactWriteCommand) => {
      sent.push(command.input);
      return Promise.resolve({});
    },
  }) as unknown as DynamoDBDocumentClient;

/** `input` with the item type its items are written with prefixed by {@link COPY_TYPE_PREFIX}. */
const asCopies = (input: TransactWriteCommandInput): TransactWriteCommandInput => ({
  ...input,
  TransactItems: (input.TransactItems ?? []).map((item) => {
    if (item.Put !== undefined) {
      const type = item.Put.Item?.['type'] as string;
      return { ...item, Put: { ...item.Put, Item: { ...item.Put.Item, type: `${COPY_TYPE_PREFIX}${type}` } } };
    }
    if (item.Update !== undefined) {
      const names = Object.entries(item.Update.ExpressionAttributeNames ?? {});
      const typeValue = `:${(names.find(([, name]) => name === 'type')?.[0] ?? '').slice(1)}`;
      const values = item.Update.ExpressionAttributeValues ?? {};
      if (!(typeValue in values)) throw new Error('the delivery update sets no type');
      return { ...item, Update: { ...item.Update, ExpressionAttributeValues: { ...values, [typeValue]: `${COPY_TYPE_PREFIX}${values[typeValue] as string}` } } };
    }
    return item;
  }),
});

/**
 * The transactions the service would commit for each webhook, built by its own decide → commit code
 * over the (copied) deliveries as they are now: the same items, sizes and conditions, as copies.
 */
const rawTransactionsOf = (deliveries: readonly Delivery[], webhooks: readonly (readonly WebhookBody[])[]): Promise<TransactWriteCommandInput[][]> =>
  Promise.all(
    deliveries.map(async (initial, index) => {
      const sent: TransactWriteCommandInput[] = [];
      const repository = new DeliveryRepository({ client: capturingClient(sent), tableName: DEFAULT_DELIVERY_TABLE_NAME });
      let state = initial;
      for (const webhook of webhooks[index] ?? []) {
        // Its own event id, so that its marker is not the webhook's.
        const body = { ...webhook, eventId: `${COPY_TYPE_PREFIX}-${webhook.eventId}` };
        const result = decide(state, { type: 'APPLY_PARTNER_EVENT', commandId: body.eventId, event: { ...body, partnerId: PARTNER_ID } }, systemDeps);
        if (!result.ok) throw new Error(`the script was refused for ${state.deliveryId}: ${result.refusal.message}`);
        state = await repository.commit({ before: state, decision: result.decision, idempotencyKey: `webhook#${PARTNER_ID}#${body.eventId}` });
      }
      return sent.map(asCopies);
    }),
  );

/** What one measured run found. */
interface RunResult {
  readonly webhooks: LoopResult;
  readonly raw: LoopResult;
  readonly ratio: number;
}

/** What a run works with. */
interface Bench {
  readonly client: StackClient;
  readonly documents: DynamoDBDocumentClient;
  readonly stackRepository: DeliveryRepository;
  readonly sender: WebhookSender;
  readonly processes: Processes | null;
}

/**
 * Copies the deliveries' items (workflow attributes included) in the stack's table, under their id with
 * `suffix` added and their type prefixed by {@link COPY_TYPE_PREFIX}, and returns the copies as deliveries.
 */
const copyDeliveries = async (bench: Bench, deliveries: readonly Booked[], suffix: string): Promise<Delivery[]> =>
  Promise.all(
    deliveries.map(async ({ deliveryId }) => {
      const { Item } = await bench.documents.send(new GetCommand({ TableName: DEFAULT_DELIVERY_TABLE_NAME, Key: keys.delivery(deliveryId), ConsistentRead: true }));
      const delivery = await bench.stackRepository.get(deliveryId);
      if (Item === undefined || delivery === null) throw new Error(`no delivery ${deliveryId}`);
      const copyId = `${deliveryId}${suffix}`;
      const copy = { ...Item, ...keys.delivery(copyId), deliveryId: copyId, type: `${COPY_TYPE_PREFIX}${String(Item['type'])}` };
      await bench.documents.send(new PutCommand({ TableName: DEFAULT_DELIVERY_TABLE_NAME, Item: copy, ConditionExpression: 'attribute_not_exists(pk)' }));
      return { ...delivery, deliveryId: copyId };
    }),
  );

/** The raw transactions of `transactions` (one list per delivery) with `concurrency` in flight. */
const rawLoop = (bench: Bench, transactions: readonly (readonly TransactWriteCommandInput[])[], concurrency: number): Promise<LoopResult> =>
  closedLoop(
    lanesOf(transactions, concurrency).map((lane) =>
      lane.map((input) => async () => {
        await bench.documents.send(new TransactWriteCommand(input));
        return null;
      }),
    ),
    bench.processes,
  );

/** The webhooks of the deliveries' events in a closed loop, once the stack has settled with `running` executions left. */
const webhookLoop = async (bench: Bench, webhooks: readonly (readonly WebhookBody[])[], running: number): Promise<LoopResult> => {
  await settle(bench.client, bench.documents, running);
  bench.sender.renew();
  return closedLoop(
    lanesOf(webhooks, CONCURRENCY).map((lane) => lane.map((body) => () => bench.sender.send(body))),
    bench.processes,
  );
};

/**
 * One run over fresh deliveries: every event as a signed webhook, and the raw transactions of the first
 * {@link RAW_STEPS} events of each (on copies, so with the same number of deliveries per lane); each
 * once the stack has settled, raw first in even runs and webhooks first in odd ones, so that neither
 * gains from the warming of the other. `running` is how many executions are left running before the
 * run (the deliveries booked and not yet driven).
 */
const measureRun = async (bench: Bench, deliveries: readonly Booked[], running: number, index: number): Promise<RunResult> => {
  const webhooks = webhooksOf(deliveries);
  const transactions = (await rawTransactionsOf(await copyDeliveries(bench, deliveries, '-raw'), webhooks)).map((chain) => chain.slice(0, RAW_STEPS));
  const rawOnce = async (): Promise<LoopResult> => {
    await settle(bench.client, bench.documents, running);
    return rawLoop(bench, transactions, CONCURRENCY);
  };
  const raw = index % 2 === 0 ? await rawOnce() : undefined;
  const hooks = await webhookLoop(bench, webhooks, running);
  const rawResult = raw ?? (await rawOnce());
  return { webhooks: hooks, raw: rawResult, ratio: hooks.perSecond / rawResult.perSecond };
};

const ms = (value: number): string => `${value.toFixed(1)} ms`;

const cpuLine = (cpu: CpuUse | null): string =>
  cpu === null ? 'CPU not measured' : `CPU ms per request: ${PROCESS_NAMES.map((name) => `${name} ${cpu[name].toFixed(1)}`).join(', ')}`;

/** The section's figures, as `--json` gives them. */
interface Figures {
  readonly perSecond: Spread;
  readonly p50Ms: Spread;
  readonly p99Ms: Spread;
  readonly errors: number;
  /** CPU ms per request of each process, the median over the runs. */
  readonly cpuMsPerRequest: CpuUse | null;
}

interface ThroughputData {
  readonly concurrency: number;
  readonly deliveriesPerRun: number;
  readonly webhooksPerRun: number;
  readonly webhooks: Figures;
  readonly raw: Figures;
  readonly ratio: Spread;
  /** The raw transactions with fewer in flight, once. */
  readonly sweep: readonly { readonly concurrency: number; readonly perSecond: number; readonly p50Ms: number; readonly p99Ms: number; readonly cpuMsPerRequest: CpuUse | null }[];
  /** DynamoDB Local's best raw throughput over the concurrencies tried, and the webhooks' median against it. */
  readonly bestRaw: { readonly concurrency: number; readonly perSecond: number; readonly ratio: number };
  readonly openLoop: { readonly perSecond: number; readonly achievedPerSecond: number; readonly p50Ms: number; readonly p99Ms: number; readonly errors: number };
  readonly targets: { readonly ratio: number; readonly p99Ms: number; readonly ratioMet: boolean; readonly p99Met: boolean };
  readonly errorSamples: readonly string[];
  readonly runs: readonly RunResult[];
}

const figuresOf = (results: readonly LoopResult[]): Figures => {
  const cpus = results.map((result) => result.cpuMsPerRequest);
  return {
    perSecond: spreadOf(results.map((result) => result.perSecond)),
    p50Ms: spreadOf(results.map((result) => result.p50Ms)),
    p99Ms: spreadOf(results.map((result) => result.p99Ms)),
    errors: results.reduce((sum, result) => sum + result.errors, 0),
    cpuMsPerRequest: cpus.some((cpu) => cpu === null)
      ? null
      : (Object.fromEntries(PROCESS_NAMES.map((name) => [name, quantile(cpus.map((cpu) => cpu?.[name] ?? 0), 0.5)])) as CpuUse),
  };
};

const PROCESS_LABELS: Readonly<Record<ProcessName, string>> = {
  dynamodb: 'DynamoDB Local (JVM)',
  stack: '`npm start` (Node)',
  relay: 'outbox relay (Node)',
  bench: 'load generator (Node)',
};

const markdownOf = (data: ThroughputData): string => {
  const { webhooks, raw, openLoop, bestRaw } = data;
  const row = (what: string, figures: Figures): string =>
    `| ${what} | ${formatSpread(figures.perSecond, 0)} | ${formatSpread(figures.p50Ms, 1, ' ms')} | ${formatSpread(figures.p99Ms, 1, ' ms')} | ${String(figures.errors)} |`;
  const cpuRow = (what: string, cpu: CpuUse | null): string =>
    cpu === null ? '' : `| ${what} | ${PROCESS_NAMES.map((name) => cpu[name].toFixed(1)).join(' | ')} | ${PROCESS_NAMES.reduce((sum, name) => sum + cpu[name], 0).toFixed(1)} |`;
  const met = (ok: boolean): string => (ok ? 'met' : '**not met**');
  const sweep = data.sweep.map((point) => `${point.perSecond.toFixed(0)}/s with ${String(point.concurrency)} (p99 ${ms(point.p99Ms)})`).join(', ');
  return [
    `Signed partner webhooks (\`POST /webhooks/manual\`, HMAC-SHA256 as contract §4) through the local stack as \`npm start\` runs it (the local API Gateway and the real webhook handler over DynamoDB Local, with the workflow, its stream notifier and the outbox relay process reacting to every change), against raw \`TransactWriteItems\` on the same DynamoDB Local, both with ${String(data.concurrency)} requests in flight (a closed loop). Each run books ${String(data.deliveriesPerRun)} fresh deliveries with the manual partner and sends each the same ${String(SCRIPT.length)} events, one at a time per delivery, with increasing \`occurredAt\` (${SCRIPT.map((step) => step.status).join(', ')}): ${String(data.webhooksPerRun)} webhooks a run, each one a transition (one domain event). The raw transactions are the ones the service's own decide → commit code builds for the same events (the version-checked update of the delivery item, the domain event with the partner event on it, the idempotency marker: 3 items), for the first ${String(RAW_STEPS)} events of each of those deliveries, without the reads before them, on copies of the deliveries in the same table (other ids, and item types the workflow notifier and the outbox relay skip; DynamoDB Local commits to a second table much more slowly). An error is any answer other than 200 \`applied\`/\`recorded\`, or a failed transaction.`,
    '',
    `| ${String(data.concurrency)} in flight | per second | p50 | p99 | errors |`,
    '|---|---|---|---|---|',
    row('Signed webhooks through the local stack', webhooks),
    row('Raw `TransactWriteItems`, DynamoDB Local', raw),
    '',
    `Webhooks / raw at the same concurrency: **${formatSpread(data.ratio, 2)}** (target ≥ ${String(TARGET_RATIO)}: ${met(data.targets.ratioMet)}).`,
    '',
    `The same transactions with fewer in flight, measured once: ${sweep}. DynamoDB Local's best here is ${bestRaw.perSecond.toFixed(0)}/s with ${String(bestRaw.concurrency)} in flight; the webhooks' median is **${bestRaw.ratio.toFixed(2)}×** that.`,
    '',
    `Open loop at ${openLoop.perSecond.toFixed(0)} webhooks/s, ${openLoop.perSecond < TARGET_RATIO * bestRaw.perSecond ? "the webhooks' median (below half that best)" : 'half that best'} (${openLoop.achievedPerSecond.toFixed(0)}/s achieved, latency counted from when each webhook was due, so a queue shows): p50 ${ms(openLoop.p50Ms)}, **p99 ${ms(openLoop.p99Ms)}**, ${String(openLoop.errors)} errors (target p99 ≤ ${String(TARGET_P99_MS)} ms at that rate: ${met(data.targets.p99Met)}).`,
    ...(webhooks.cpuMsPerRequest === null
      ? []
      : [
          '',
          'Where the time goes: CPU ms per request in each process (from /proc, median of the runs; all of them share the same cores).',
          '',
          `| | ${PROCESS_NAMES.map((name) => PROCESS_LABELS[name]).join(' | ')} | total |`,
          `|---|${PROCESS_NAMES.map(() => '---').join('|')}|---|`,
          cpuRow('Signed webhook', webhooks.cpuMsPerRequest),
          cpuRow('Raw transaction', raw.cpuMsPerRequest),
        ]),
    ...(data.errorSamples.length === 0 ? [] : ['', `Errors seen: ${data.errorSamples.map((sample) => `\`${sample}\``).join('; ')}.`]),
  ].join('\n');
};

/**
 * Webhook throughput at the persistence limit (issue 7, item 4): `npm start` on spare ports, signed
 * webhooks at a fixed concurrency against raw TransactWriteItems of the same shape on its DynamoDB Local.
 */
export const measureThroughput = async (options: BenchOptions): Promise<BenchSection> => {
  options.log('throughput: starting the local stack');
  const stack: RunningStack = await startStack();
  const config = { endpoint: stack.dynamodbUrl, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
  const documents = createDocumentClient(config);
  const client = new StackClient(stack);
  const sender = new WebhookSender(stack.apiUrl);
  try {
    const bench: Bench = {
      client,
      documents,
      stackRepository: new DeliveryRepository({ client: documents, tableName: DEFAULT_DELIVERY_TABLE_NAME }),
      sender,
      processes: processesOf(stack),
    };
    const total = WARM_UP_DELIVERIES + options.runs * DELIVERIES_PER_RUN + OPEN_LOOP_DELIVERIES;
    const booking = performance.now();
    const bookingCpu = cpuMeter(bench.processes);
    const booked = await bookDeliveries(client, total);
    options.log(`throughput: booked ${String(total)} deliveries in ${((performance.now() - booking) / 1000).toFixed(1)} s (${JSON.stringify(bookingCpu())} CPU ms)`);
    let used = WARM_UP_DELIVERIES;
    const warmUp = await webhookLoop(bench, webhooksOf(booked.slice(0, used)), total);
    options.log(`throughput: warm-up ${warmUp.perSecond.toFixed(0)} webhooks/s, ${String(warmUp.errors)} errors ${warmUp.errorSamples.join('; ')}`);
    const runs: RunResult[] = [];
    for (let run = 0; run < options.runs; run += 1) {
      const result = await measureRun(bench, booked.slice(used, used + DELIVERIES_PER_RUN), total - used, run);
      used += DELIVERIES_PER_RUN;
      runs.push(result);
      options.log(
        `throughput: run ${String(run + 1)}: ${result.webhooks.perSecond.toFixed(0)} webhooks/s (p50 ${ms(result.webhooks.p50Ms)}, p99 ${ms(result.webhooks.p99Ms)}, ${String(result.webhooks.errors)} errors; ${cpuLine(result.webhooks.cpuMsPerRequest)}), ${result.raw.perSecond.toFixed(0)} transactions/s (p50 ${ms(result.raw.p50Ms)}, p99 ${ms(result.raw.p99Ms)}; ${cpuLine(result.raw.cpuMsPerRequest)}), ratio ${result.ratio.toFixed(2)}`,
      );
    }
    const webhooks = figuresOf(runs.map((run) => run.webhooks));
    const raw = figuresOf(runs.map((run) => run.raw));
    const ratio = spreadOf(runs.map((run) => run.ratio));

    // DynamoDB Local's own best: the same transactions with fewer in flight, once, on copies of the open loop's deliveries.
    const openDeliveries = booked.slice(used);
    const sweep: { concurrency: number; result: LoopResult }[] = [];
    for (const concurrency of SWEEP) {
      const copies = await copyDeliveries(bench, openDeliveries, `-raw${String(concurrency)}`);
      const transactions = (await rawTransactionsOf(copies, webhooksOf(openDeliveries))).map((chain) => chain.slice(0, RAW_STEPS));
      await settle(client, documents, openDeliveries.length);
      const result = await rawLoop(bench, transactions, concurrency);
      sweep.push({ concurrency, result });
      options.log(`throughput: raw with ${String(concurrency)} in flight: ${result.perSecond.toFixed(0)} transactions/s (p50 ${ms(result.p50Ms)}, p99 ${ms(result.p99Ms)}; ${cpuLine(result.cpuMsPerRequest)})`);
    }

    const best = [{ concurrency: CONCURRENCY, perSecond: raw.perSecond.median }, ...sweep.map(({ concurrency, result }) => ({ concurrency, perSecond: result.perSecond }))].reduce((a, b) =>
      b.perSecond > a.perSecond ? b : a,
    );
    // The rate the target names: half the best raw throughput, or the webhooks' own if they sustain less.
    const openRate = Math.min(TARGET_RATIO * best.perSecond, webhooks.perSecond.median);
    const openBodies = webhooksOf(openDeliveries);
    const order = SCRIPT.flatMap((_, step) => openBodies.map((_, delivery) => ({ step, delivery })));
    const position = new Map(order.map(({ step, delivery }, index) => [`${String(step)}/${String(delivery)}`, index]));
    await settle(client, documents, openDeliveries.length);
    sender.renew();
    const open = await openLoop(
      order.map(({ step, delivery }) => () => sender.send(openBodies[delivery]?.[step] as WebhookBody)),
      openRate,
      order.map(({ step, delivery }) => (step === 0 ? null : (position.get(`${String(step - 1)}/${String(delivery)}`) ?? null))),
      bench.processes,
    );
    options.log(`throughput: open loop at ${openRate.toFixed(0)}/s: p50 ${ms(open.p50Ms)}, p99 ${ms(open.p99Ms)}, ${String(open.errors)} errors; ${cpuLine(open.cpuMsPerRequest)}`);

    const data: ThroughputData = {
      concurrency: CONCURRENCY,
      deliveriesPerRun: DELIVERIES_PER_RUN,
      webhooksPerRun: DELIVERIES_PER_RUN * SCRIPT.length,
      webhooks,
      raw,
      ratio,
      sweep: sweep.map(({ concurrency, result }) => ({ concurrency, perSecond: result.perSecond, p50Ms: result.p50Ms, p99Ms: result.p99Ms, cpuMsPerRequest: result.cpuMsPerRequest })),
      bestRaw: { ...best, ratio: webhooks.perSecond.median / best.perSecond },
      openLoop: { perSecond: openRate, achievedPerSecond: open.perSecond, p50Ms: open.p50Ms, p99Ms: open.p99Ms, errors: open.errors },
      targets: { ratio: TARGET_RATIO, p99Ms: TARGET_P99_MS, ratioMet: ratio.median >= TARGET_RATIO, p99Met: open.p99Ms <= TARGET_P99_MS && open.errors === 0 },
      errorSamples: [...runs.flatMap((run) => [...run.webhooks.errorSamples, ...run.raw.errorSamples]), ...open.errorSamples].slice(0, 5),
      runs,
    };
    return { id: 'throughput', title: 'Webhook throughput at the persistence limit', data, markdown: markdownOf(data) };
  } finally {
    sender.close();
    documents.destroy();
    client.sfn.destroy();
    client.eventBridge.destroy();
    await stack.stop();
  }
};
