import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

/** A unit of {@link MetricUnit}. */
type Unit = (typeof MetricUnit)[keyof typeof MetricUnit];

/** The CloudWatch namespace of the service's metrics. */
export const METRICS_NAMESPACE = 'BookstoreDelivery';

/** The `service` dimension every metric of the service carries (Powertools adds it). */
export const METRICS_SERVICE = 'delivery-lifecycle';

/**
 * The name of every metric the service writes. `recordMetric` and the CDK alarms and dashboard
 * (`cdk/service-metrics.ts`) both take only these, so a metric renamed on one side no longer compiles
 * on the other.
 */
export const METRIC_NAMES = [
  'Transitions',
  'HoldsOpened',
  'Webhooks',
  'PartnerStatusesQuarantined',
  'RelayPublishFailures',
  'PartnerCallLatency',
  'PartnerCallErrors',
  'OldestHoldAgeSeconds',
  'OldestActiveDeliveryAgeSeconds',
  'OldestOverduePromiseSeconds',
  'DeliveriesOnHold',
] as const;

/** A metric of the service. */
export type MetricName = (typeof METRIC_NAMES)[number];

/** The service's CloudWatch metrics, in Embedded Metric Format (off when `POWERTOOLS_METRICS_DISABLED` is true). */
export const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: METRICS_SERVICE });

/**
 * Records one datum of `name` at once (its own EMF line), with `dimensions` of its own, so that a metric
 * never waits for the end of an invocation nor mixes with another's dimensions.
 */
export const recordMetric = (name: MetricName, dimensions: Readonly<Record<string, string>> = {}, value = 1, unit: Unit = MetricUnit.Count): void => {
  const single = metrics.singleMetric();
  for (const [dimension, dimensionValue] of Object.entries(dimensions)) single.addDimension(dimension, dimensionValue);
  single.addMetric(name, unit, value);
};

export { MetricUnit };
