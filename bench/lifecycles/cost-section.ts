import { PRICES, PRICES_CHECKED } from '../prices.ts';
import type { BenchSection } from '../section.ts';
import { formatSpread, spreadOf, type Spread } from '../stats.ts';
import {
  ACCESS_LOG_BYTES,
  ASSUMED_INVOCATION_MS,
  COST_LINES,
  costOf,
  LAMBDA_MEMORY_GB,
  PLATFORM_LOG_BYTES,
  totalsOf,
  usageOf,
  XRAY_SAMPLED_SHARE,
  type CostLineId,
  type DeliveryUsage,
  type FunctionName,
} from './delivery-cost.ts';
import type { DeliveryMeasurement } from './drive.ts';
import { markdownTable, percent } from './markdown.ts';
import { LIFECYCLES, type Lifecycle } from './scenarios.ts';

/** Issue 7's target: US dollars per 1,000 happy-path deliveries. */
const TARGET_USD_PER_1000 = 0.2;
const PER = 1000;

/** What the section reports of one lifecycle: usage per delivery, and dollars per 1,000 deliveries. */
interface LifecycleCost {
  readonly title: string;
  readonly usage: Readonly<Record<string, Spread>>;
  readonly usdPer1000: Readonly<Record<CostLineId, Spread>>;
  readonly totalUsdPer1000: Spread;
  readonly allUsdPer1000: Spread;
}

const FUNCTION_LABELS: Readonly<Record<FunctionName, string>> = {
  api: 'API handler (create, cancel, operator actions)',
  webhook: 'webhook handler',
  workflow: 'workflow tasks',
  notifier: 'workflow notifier (stream batches passing its filter)',
  relay: 'outbox relay (stream batches passing its filter)',
  orderEvents: 'order events (deliveries here are created through the API)',
};

const spreadsOf = <T extends object>(values: readonly T[], pick: (value: T) => Readonly<Record<string, number>>): Record<string, Spread> => {
  const first = values[0];
  if (first === undefined) return {};
  return Object.fromEntries(Object.keys(pick(first)).map((key) => [key, spreadOf(values.map((value) => pick(value)[key] ?? 0))]));
};

const prefixed = (prefix: string, values: Readonly<Record<string, number>>): Record<string, number> =>
  Object.fromEntries(Object.entries(values).map(([name, value]) => [`${prefix}.${name}`, value]));

const flatUsage = (usage: DeliveryUsage): Record<string, number> => {
  const { invocations, tableWriteUnitsByItem, ...rest } = usage;
  return { ...rest, ...prefixed('invocations', invocations), ...prefixed('tableWriteUnitsByItem', tableWriteUnitsByItem) };
};

const lifecycleCost = (lifecycle: Lifecycle, runs: readonly DeliveryMeasurement[]): LifecycleCost => {
  const usages = runs.map(usageOf);
  const costs = usages.map(costOf);
  const per1000 = (value: number): number => value * PER;
  return {
    title: lifecycle.title,
    usage: spreadsOf(usages, flatUsage),
    usdPer1000: spreadsOf(costs, (cost) => Object.fromEntries(Object.entries(cost).map(([line, usd]) => [line, per1000(usd)]))) as Record<CostLineId, Spread>,
    totalUsdPer1000: spreadOf(costs.map((cost) => per1000(totalsOf(cost).inTarget))),
    allUsdPer1000: spreadOf(costs.map((cost) => per1000(totalsOf(cost).all))),
  };
};

const usd = (spread: Spread | undefined): string => (spread === undefined ? '—' : formatSpread(spread, 4));
const figure = (spread: Spread | undefined, digits = 1): string => (spread === undefined ? '—' : formatSpread(spread, digits));
const median = (spread: Spread | undefined): number => spread?.median ?? 0;
const scale = (spread: Spread, factor: number): Spread => ({ ...spread, median: spread.median * factor, min: spread.min * factor, max: spread.max * factor });

/** The line with the largest median cost among those of the target's scope. */
const biggest = (cost: LifecycleCost): { service: string; share: number } => {
  const [top] = COST_LINES.filter((line) => line.inTarget).sort((a, b) => median(cost.usdPer1000[b.id]) - median(cost.usdPer1000[a.id]));
  if (top === undefined) return { service: '—', share: 0 };
  return { service: top.service, share: median(cost.usdPer1000[top.id]) / Math.max(median(cost.totalUsdPer1000), Number.EPSILON) };
};

/** The per-lifecycle table: usage per delivery, dollars per 1,000 deliveries, share of the target's scope. */
const lifecycleTable = (cost: LifecycleCost): string => {
  const u = cost.usage;
  const total = median(cost.totalUsdPer1000);
  const line = (id: CostLineId, label: string, spread: Spread | undefined, digits = 1): string[] => {
    const inTarget = COST_LINES.find((one) => one.id === id)?.inTarget === true;
    return [label, figure(spread, digits), usd(cost.usdPer1000[id]), inTarget ? percent(median(cost.usdPer1000[id]) / Math.max(total, Number.EPSILON)) : ''];
  };
  const byItem = Object.entries(u)
    .flatMap(([name, spread]) => (name.startsWith('tableWriteUnitsByItem.') && spread.max > 0 ? [`${name.slice('tableWriteUnitsByItem.'.length)} ${spread.median.toFixed(0)}`] : []))
    .join(', ');
  const writes = `table ${median(u['tableWriteUnits']).toFixed(0)} (${byItem}) + status index ${median(u['indexWriteUnits']).toFixed(0)} + refused ${median(u['refusedWriteUnits']).toFixed(0)}, medians`;
  return markdownTable(
    ['Per delivery', 'Median (min–max)', '$ per 1,000 deliveries', 'Share'],
    [
      line('stepFunctions', 'Step Functions: billed state transitions', u['transitions']),
      ...(Object.keys(FUNCTION_LABELS) as FunctionName[]).map((name) => [`Lambda invocations: ${FUNCTION_LABELS[name]}`, figure(u[`invocations.${name}`]), '', '']),
      line('lambdaRequests', 'Lambda requests, all functions', u['lambdaRequests']),
      line('lambdaDuration', `Lambda GB-seconds at ${String(LAMBDA_MEMORY_GB * 1024)} MB`, u['gbSeconds'], 3),
      line('dynamoWrites', `DynamoDB write units by AWS's sizing rules (${writes})`, u['writeUnits']),
      ['DynamoDB write units as DynamoDB Local reported them', figure(u['reportedWriteUnits']), '', ''],
      ['DynamoDB table write units if task tokens were 1,024 bytes (upper bound for AWS; not in the total)', figure(u['tableWriteUnitsWithAwsTokens']), '', ''],
      line('dynamoReads', 'DynamoDB read units, as reported', u['readUnits']),
      line('eventBridge', 'EventBridge events (64 KB chunks of the entries the relay put)', u['busChunks']),
      line('apiGateway', 'API Gateway REST requests', u['apiRequests']),
      ['**Total, issue 7 scope**', '', `**${usd(cost.totalUsdPer1000)}**`, '100%'],
      line('cloudWatchLogs', 'CloudWatch Logs KB ingested (partly estimated, see below)', u['logBytes'] === undefined ? undefined : scale(u['logBytes'], 1 / 1000)),
      line('xRay', `X-Ray traces recorded (${percent(XRAY_SAMPLED_SHARE)} of ${median(u['xrayTraces']).toFixed(0)} traces)`, u['xrayTraces'] === undefined ? undefined : scale(u['xrayTraces'], XRAY_SAMPLED_SHARE), 2),
      line('waf', 'WAF requests inspected', u['apiRequests']),
      ['**Total with logs, traces and WAF**', '', `**${usd(cost.allUsdPer1000)}**`, ''],
    ],
  );
};

const NOTES = [
  '**How each figure is counted.** Each delivery runs alone on the local stack (in this process: `startLocalServices` over DynamoDB Local with the `manual` partner, the outbox relay in its own process), and its figures are the growth of the meters from its first call until it has settled (status reached, workflow at rest, events on the bus, no table or stream activity for 150 ms). A warm-up delivery runs first and is not counted.',
  '- *Transitions and workflow invocations*: the execution\'s history through the SFN API (see the transitions section).',
  '- *API Gateway requests, API and webhook invocations*: the calls this benchmark makes (no other client calls the API; the `manual` partner sends no webhooks). Reads to watch the delivery bypass the API and the metered clients.',
  '- *Notifier and relay invocations*: a third reader of the table\'s stream, with the local stack\'s own poller (every 50 ms), counts the batches holding a record that the consumer\'s event-source filter in `cdk/delivery-stack.ts` passes. The local notifier and relay are handed every batch unfiltered; AWS invokes them only for matching records. Lambda polls a shard about four times a second, so at low volume its batches hold as many records or more (fewer invocations), and at volume one batch holds many deliveries: these counts are an upper bound.',
  '- *DynamoDB*: every client the stack\'s handlers use in this process (the document client and the DynamoDB client handed to `startLocalServices`) carries a middleware adding `ReturnConsumedCapacity: TOTAL`. Reads are taken as DynamoDB Local reports them. DynamoDB Local reports a transaction as two units per kilobyte of all its items together, where AWS bills two per started kilobyte of each item, so writes are priced by AWS\'s sizing rules from the stream\'s old and new images: per item the larger image, two units per kilobyte in a transaction and one outside (the workflow storing its callback token), plus the status index\'s writes (one unit per kilobyte of the projected item, a key change being a delete and a put, not doubled in a transaction: the two-phase cost is the base table\'s alone, as measured against DynamoDB in nubo-db/dynoxide#188, where DynamoDB Local doubles them), plus a unit per refused conditional write. The notifier and the relay read only the stream (free for Lambda triggers); the relay process writes only its local checkpoints, which stand for the event source mapping\'s own bookkeeping and are not billed in AWS.',
  '- *EventBridge*: the delivery\'s entries on the bus (`GET /_local/events`), each billed per started 64 KB (by `entrySize`); duplicates a relay retry would put are counted too.',
  `- *Lambda duration*: the measured round trip of each API and webhook call (the local gateway and HTTP included) and the entered-to-exited time of each task that does not wait for a callback; ${String(ASSUMED_INVOCATION_MS)} ms assumed for each invocation this benchmark cannot time (notifier, relay, and the tasks that register a callback, the booking among them); all at the ${String(LAMBDA_MEMORY_GB * 1024)} MB every function has. These are wall times on this machine, shared with DynamoDB Local: Lambda at 512 MB has about a third of a vCPU, and real DynamoDB answers in single-digit milliseconds.`,
  `- *CloudWatch Logs* (outside the target): the JSON log lines and EMF metrics the handlers in this process wrote at INFO (measured), plus, estimated, the relay's lines (one per event and per batch, at the measured mean line size), ${String(PLATFORM_LOG_BYTES)} bytes of Lambda's own START/END/REPORT lines per invocation, an access-log line of about ${String(ACCESS_LOG_BYTES)} bytes per API request, and the state machine's log at level ALL with execution data (each history event, and three task events per Task state that the local engine does not record, at 300 bytes plus its data). *X-Ray*: a trace per API request, execution and stream invocation, ${percent(XRAY_SAMPLED_SHARE)} sampled. *WAF*: every API request.`,
  '',
  '**Where AWS would differ.** Real partners are HTTP calls behind a circuit breaker kept in the table (a read and sometimes a write per booking); the `manual` partner answers in-process. AWS task tokens are up to 1,024 bytes where the local engine\'s are under 80, so the delivery item that stores one is larger in AWS: the table\'s write units with 1,024-byte tokens are shown as an upper bound and left out of the total. Creating a delivery from `OrderPaid` instead of the API swaps one API Gateway request and API invocation for one order-events invocation (the order service pays for its PutEvents). Lambda bills the init phase of cold starts, not counted here. Free tiers, volume tiers and savings plans are ignored. SQS is used only for dead letters and failures: no cost per delivery.',
];

/** The `cost` section: dollars per 1,000 deliveries per lifecycle, by service, from counts × list prices. */
export const costSection = (measured: Readonly<Record<string, readonly DeliveryMeasurement[]>>): BenchSection => {
  const lifecycles: Record<string, LifecycleCost> = Object.fromEntries(LIFECYCLES.map((lifecycle) => [lifecycle.id, lifecycleCost(lifecycle, measured[lifecycle.id] ?? [])]));
  const happy = lifecycles['happyPath']?.totalUsdPer1000;
  const met = happy !== undefined && happy.median <= TARGET_USD_PER_1000;
  const markdown = [
    `Prices: AWS list prices for ${PRICES_CHECKED.region}, checked on ${PRICES_CHECKED.date} (${PRICES_CHECKED.how}); every figure and its source is in \`bench/prices.ts\`. Counts per delivery are medians (lowest–highest) over the deliveries measured; dollars are per 1,000 deliveries.`,
    '',
    markdownTable(
      ['Lifecycle', '$ per 1,000 deliveries (issue 7 scope)', 'Biggest cost', 'With logs, traces and WAF'],
      Object.values(lifecycles).map((cost) => {
        const top = biggest(cost);
        return [cost.title, usd(cost.totalUsdPer1000), `${top.service} (${percent(top.share)})`, usd(cost.allUsdPer1000)];
      }),
    ),
    '',
    `Target: at most $${TARGET_USD_PER_1000.toFixed(2)} per 1,000 happy-path deliveries (Step Functions, Lambda, DynamoDB, EventBridge, API Gateway) — ${met ? 'met' : 'not met'} (${usd(happy)}).`,
    '',
    ...Object.values(lifecycles).flatMap((cost) => [`### ${cost.title}`, '', lifecycleTable(cost), '']),
    ...NOTES,
  ].join('\n');
  return {
    id: 'cost',
    title: 'Cost per 1,000 deliveries',
    data: {
      prices: PRICES,
      pricesChecked: PRICES_CHECKED,
      assumptions: { lambdaMemoryGb: LAMBDA_MEMORY_GB, assumedInvocationMs: ASSUMED_INVOCATION_MS, platformLogBytes: PLATFORM_LOG_BYTES, accessLogBytes: ACCESS_LOG_BYTES, xraySampledShare: XRAY_SAMPLED_SHARE },
      lifecycles,
      target: { usdPer1000HappyPath: TARGET_USD_PER_1000, met },
    },
    markdown,
  };
};
