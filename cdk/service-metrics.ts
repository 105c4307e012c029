import { Duration } from 'aws-cdk-lib';
import { MathExpression, Metric, Stats } from 'aws-cdk-lib/aws-cloudwatch';
import { METRICS_NAMESPACE, METRICS_SERVICE, type MetricName } from '#shared/metrics.ts';

/** How a metric of the service is read. */
export interface ServiceMetricOptions {
  /** Its dimensions besides `service`. */
  readonly dimensions?: Readonly<Record<string, string>>;
  /** @default Stats.SUM */
  readonly statistic?: string;
  /** @default Duration.minutes(5) */
  readonly period?: Duration;
  /** @default the metric's name */
  readonly label?: string;
}

/**
 * A metric the functions write in Embedded Metric Format (`functions/shared/metrics.ts`): in the service's
 * namespace, with the `service` dimension Powertools adds to every one of them.
 */
export const serviceMetric = (metricName: MetricName, options: ServiceMetricOptions = {}): Metric =>
  new Metric({
    namespace: METRICS_NAMESPACE,
    metricName,
    dimensionsMap: { service: METRICS_SERVICE, ...options.dimensions },
    statistic: options.statistic ?? Stats.SUM,
    period: options.period ?? Duration.minutes(5),
    ...(options.label === undefined ? {} : { label: options.label }),
  });

/** What became of a webhook: the `result` dimension of `Webhooks`. */
export type WebhookResult = 'applied' | 'recorded' | 'duplicate' | 'rejected';

/**
 * A metric the functions write per partner (`partnerId`), summed over `partnerIds`; a partner with no
 * datum counts 0. The expression's metrics are named `<idPrefix><n>`, so that several sums can share a
 * graph.
 */
export const summedOverPartners = (
  metricName: MetricName,
  partnerIds: readonly string[],
  options: { readonly idPrefix: string; readonly label: string; readonly period: Duration; readonly dimensions?: Readonly<Record<string, string>> },
): MathExpression => {
  const usingMetrics = Object.fromEntries(
    partnerIds.map((partnerId, index) => [`${options.idPrefix}${String(index)}`, serviceMetric(metricName, { dimensions: { ...options.dimensions, partnerId }, period: options.period })]),
  );
  return new MathExpression({
    expression: Object.keys(usingMetrics).map((id) => `FILL(${id}, 0)`).join(' + '),
    usingMetrics,
    period: options.period,
    label: options.label,
  });
};

/** `Webhooks` of one `result`, summed over `sources` (the partners and aggregators webhooks arrive under). */
export const webhooksSummed = (sources: readonly string[], result: WebhookResult, period: Duration): MathExpression =>
  summedOverPartners('Webhooks', sources, { idPrefix: result, label: `Webhooks ${result}`, period, dimensions: { result } });
