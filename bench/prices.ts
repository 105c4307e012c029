/**
 * AWS list prices the cost benchmark multiplies its counts by, in one place. US East (N. Virginia),
 * on-demand, no free tier, no savings plan, first volume tier. Europe (Ireland), where the local stack
 * names its ARNs, has the same prices for Step Functions, Lambda, EventBridge and API Gateway; DynamoDB
 * and CloudWatch Logs cost about 13% more there.
 */
export interface Price {
  /** US dollars per `unit`. */
  readonly usd: number;
  /** What one `usd` buys, e.g. `1,000 state transitions`. */
  readonly per: number;
  readonly unit: string;
  /** Where the figure was read. */
  readonly source: string;
}

/** The day the prices below were checked, and how. */
export const PRICES_CHECKED = {
  date: '2026-11-26',
  region: 'us-east-1',
  how: 'read from stored copies of the AWS pricing pages (and, where the copy held no figure, of pricing guides quoting them), dated 2025–2026',
} as const;

/** The prices, per service. */
export const PRICES = {
  stepFunctionsTransition: {
    usd: 0.025,
    per: 1_000,
    unit: 'Standard state transitions (retries included)',
    source: 'https://aws.amazon.com/step-functions/pricing/',
  },
  lambdaRequest: { usd: 0.2, per: 1_000_000, unit: 'Lambda requests', source: 'https://aws.amazon.com/lambda/pricing/' },
  lambdaArmGbSecond: {
    usd: 0.0000133334,
    per: 1,
    unit: 'GB-second on arm64 (first 7.5 billion a month)',
    source: 'https://aws.amazon.com/lambda/pricing/ (figures as quoted by cloudchipr.com/blog/aws-lambda-pricing)',
  },
  dynamoWriteRequestUnit: {
    usd: 0.625,
    per: 1_000_000,
    unit: 'on-demand write request units (Standard table class, after the November 2024 cut)',
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/ (figure as quoted by airbyte.com/data-engineering-resources/dynamodb-pricing)',
  },
  dynamoReadRequestUnit: {
    usd: 0.125,
    per: 1_000_000,
    unit: 'on-demand read request units (Standard table class)',
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/ (figure as quoted by airbyte.com/data-engineering-resources/dynamodb-pricing)',
  },
  eventBridgeCustomEvent: {
    usd: 1,
    per: 1_000_000,
    unit: 'custom events put on a bus (each 64 KB chunk of an entry is one event)',
    source: 'https://aws.amazon.com/eventbridge/pricing/ (figures as quoted by cloudburn.io/blog/amazon-eventbridge-pricing, March 2026)',
  },
  apiGatewayRestRequest: {
    usd: 3.5,
    per: 1_000_000,
    unit: 'REST API requests (first 333 million a month)',
    source: 'https://docs.aws.amazon.com/whitepapers/latest/best-practices-api-gateway-private-apis-integration/cost-optimization.html',
  },
  cloudWatchLogsIngestedGb: {
    usd: 0.5,
    per: 1,
    unit: 'GB of logs ingested (standard class; vended logs start at the same rate)',
    source: 'https://aws.amazon.com/cloudwatch/pricing/',
  },
  xRayTraceRecorded: { usd: 5, per: 1_000_000, unit: 'X-Ray traces recorded', source: 'https://aws.amazon.com/xray/pricing/' },
  wafRequest: {
    usd: 0.6,
    per: 1_000_000,
    unit: 'requests inspected by a WAF web ACL',
    source: 'https://aws.amazon.com/waf/pricing/ (figure as quoted by c3x.dev/blog/aws-waf-cost-explained)',
  },
} as const satisfies Record<string, Price>;

/** The price of one `unit` of `price`, in US dollars. */
export const unitPrice = (price: Price): number => price.usd / price.per;
