import { accessLogFields } from '../../cdk/api-access-log.ts';
import { PRICES, unitPrice } from '../prices.ts';
import { CapacityCounter } from './consumed-capacity.ts';
import type { DeliveryMeasurement } from './drive.ts';
import { LogCounter } from './service-logs.ts';
import { StreamCounter } from './stream-ledger.ts';

/** Memory of every function: ServiceFunction's default in cdk/constructs/service-function.ts, which no function overrides. */
export const LAMBDA_MEMORY_GB = 0.5;
/** The duration assumed for invocations this benchmark cannot time: the notifier, the relay, and the workflow tasks that register a callback (booking included). */
export const ASSUMED_INVOCATION_MS = 50;
/** Log bytes Lambda itself writes per invocation: START, END and REPORT lines (with X-Ray's trace line). An estimate. */
export const PLATFORM_LOG_BYTES = 450;
/** Share of requests X-Ray records under its default sampling rule past the first request each second. */
export const XRAY_SAMPLED_SHARE = 0.05;
/** Bytes of one API Gateway access-log line: its fields (cdk/api-access-log.ts), each with a value as long as a request id. An estimate. */
export const ACCESS_LOG_BYTES = Buffer.byteLength(JSON.stringify(Object.fromEntries(Object.keys(accessLogFields).map((field) => [field, 'x'.repeat(36)]))));
/** Bytes per log line assumed when no line was measured. */
const FALLBACK_LINE_BYTES = 400;

/** The Lambda functions of the service that a delivery invokes. */
export const FUNCTIONS = ['api', 'webhook', 'workflow', 'notifier', 'relay', 'orderEvents'] as const;
export type FunctionName = (typeof FUNCTIONS)[number];

/** What one delivery used, per delivery. */
export interface DeliveryUsage {
  readonly transitions: number;
  readonly invocations: Readonly<Record<FunctionName, number>>;
  readonly lambdaRequests: number;
  readonly gbSeconds: number;
  /** Write units by AWS's rules: the table's, the status index's, and the refused conditional writes'. */
  readonly writeUnits: number;
  readonly tableWriteUnits: number;
  /** The table's write units by item type (`Delivery`, `Event`, …). */
  readonly tableWriteUnitsByItem: Readonly<Record<string, number>>;
  readonly indexWriteUnits: number;
  readonly refusedWriteUnits: number;
  /** The table's write units if every stored callback token were as long as an AWS one may be (an upper bound). */
  readonly tableWriteUnitsWithAwsTokens: number;
  /** Write and read units as DynamoDB Local reported them. */
  readonly reportedWriteUnits: number;
  readonly readUnits: number;
  readonly busEntries: number;
  readonly busChunks: number;
  readonly apiRequests: number;
  /** CloudWatch Logs bytes: the handlers' lines in this process (measured), the rest estimated. */
  readonly logBytes: number;
  readonly measuredLogBytes: number;
  readonly xrayTraces: number;
}

/** The services in the order of the report; `inTarget` marks those issue 7's target counts. */
export const COST_LINES = [
  { id: 'stepFunctions', service: 'Step Functions', inTarget: true },
  { id: 'lambdaRequests', service: 'Lambda requests', inTarget: true },
  { id: 'lambdaDuration', service: 'Lambda duration', inTarget: true },
  { id: 'dynamoWrites', service: 'DynamoDB writes', inTarget: true },
  { id: 'dynamoReads', service: 'DynamoDB reads', inTarget: true },
  { id: 'eventBridge', service: 'EventBridge', inTarget: true },
  { id: 'apiGateway', service: 'API Gateway', inTarget: true },
  { id: 'cloudWatchLogs', service: 'CloudWatch Logs', inTarget: false },
  { id: 'xRay', service: 'X-Ray', inTarget: false },
  { id: 'waf', service: 'WAF', inTarget: false },
] as const;
export type CostLineId = (typeof COST_LINES)[number]['id'];

const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);
const count = (meter: Readonly<Record<string, number>>, name: string): number => meter[name] ?? 0;

/** What a measured delivery used, in the units AWS bills. */
export const usageOf = (measurement: DeliveryMeasurement): DeliveryUsage => {
  const { execution, callsMs, capacity, stream, logs } = measurement;
  const invocations: Record<FunctionName, number> = {
    api: callsMs.api.length,
    webhook: callsMs.webhook.length,
    workflow: execution.taskInvocations,
    notifier: count(stream, StreamCounter.NOTIFIER_INVOCATIONS),
    relay: count(stream, StreamCounter.RELAY_INVOCATIONS),
    orderEvents: 0,
  };
  const lambdaRequests = sum(Object.values(invocations));
  const untimed = lambdaRequests - callsMs.api.length - callsMs.webhook.length - execution.taskDurationsMs.length;
  const milliseconds = sum(callsMs.api) + sum(callsMs.webhook) + sum(execution.taskDurationsMs) + untimed * ASSUMED_INVOCATION_MS;
  const tableWriteUnits = count(stream, StreamCounter.TABLE_WRITE_UNITS);
  const indexWriteUnits = count(stream, StreamCounter.INDEX_WRITE_UNITS);
  const refusedWriteUnits = count(capacity, CapacityCounter.FAILED_STANDALONE_WRITES) + 2 * count(capacity, CapacityCounter.CANCELLED_TRANSACTION_ITEMS);
  const apiRequests = callsMs.api.length + callsMs.webhook.length;
  const measuredLogBytes = count(logs, LogCounter.BYTES);
  const lines = count(logs, LogCounter.LINES);
  const lineBytes = lines > 0 ? measuredLogBytes / lines : FALLBACK_LINE_BYTES;
  // The relay runs in a process of its own: one line per event it publishes and one per batch, as its code writes them.
  const relayLogBytes = (measurement.busEntries + invocations.relay) * lineBytes;
  const logBytes = measuredLogBytes + relayLogBytes + lambdaRequests * PLATFORM_LOG_BYTES + apiRequests * ACCESS_LOG_BYTES + execution.logBytes;
  return {
    transitions: execution.statesEntered.length,
    invocations,
    lambdaRequests,
    gbSeconds: (milliseconds / 1000) * LAMBDA_MEMORY_GB,
    writeUnits: tableWriteUnits + indexWriteUnits + refusedWriteUnits,
    tableWriteUnits,
    tableWriteUnitsByItem: Object.fromEntries(
      Object.entries(stream).flatMap(([name, value]) => (name.startsWith(`${StreamCounter.TABLE_WRITE_UNITS}.`) ? [[name.slice(StreamCounter.TABLE_WRITE_UNITS.length + 1), value]] : [])),
    ),
    indexWriteUnits,
    refusedWriteUnits,
    tableWriteUnitsWithAwsTokens: count(stream, StreamCounter.TABLE_WRITE_UNITS_WITH_AWS_TOKENS),
    reportedWriteUnits: count(capacity, CapacityCounter.REPORTED_WRITE_UNITS),
    readUnits: count(capacity, CapacityCounter.REPORTED_READ_UNITS),
    busEntries: measurement.busEntries,
    busChunks: measurement.busChunks,
    apiRequests,
    logBytes,
    measuredLogBytes,
    xrayTraces: apiRequests + 1 + invocations.notifier + invocations.relay,
  };
};

/** What a delivery's usage costs at list prices, in US dollars per delivery, by line. */
export const costOf = (usage: DeliveryUsage): Record<CostLineId, number> => ({
  stepFunctions: usage.transitions * unitPrice(PRICES.stepFunctionsTransition),
  lambdaRequests: usage.lambdaRequests * unitPrice(PRICES.lambdaRequest),
  lambdaDuration: usage.gbSeconds * unitPrice(PRICES.lambdaArmGbSecond),
  dynamoWrites: usage.writeUnits * unitPrice(PRICES.dynamoWriteRequestUnit),
  dynamoReads: usage.readUnits * unitPrice(PRICES.dynamoReadRequestUnit),
  eventBridge: usage.busChunks * unitPrice(PRICES.eventBridgeCustomEvent),
  apiGateway: usage.apiRequests * unitPrice(PRICES.apiGatewayRestRequest),
  cloudWatchLogs: (usage.logBytes / 1e9) * unitPrice(PRICES.cloudWatchLogsIngestedGb),
  xRay: usage.xrayTraces * XRAY_SAMPLED_SHARE * unitPrice(PRICES.xRayTraceRecorded),
  waf: usage.apiRequests * unitPrice(PRICES.wafRequest),
});

/** The cost of the lines issue 7's target counts, and of all lines. */
export const totalsOf = (cost: Readonly<Record<CostLineId, number>>): { inTarget: number; all: number } => ({
  inTarget: sum(COST_LINES.filter((line) => line.inTarget).map((line) => cost[line.id])),
  all: sum(COST_LINES.map((line) => cost[line.id])),
});
