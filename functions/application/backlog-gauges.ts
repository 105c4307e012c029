import { MAX_PAGE_SIZE, type DeliveryRepository, type DeliverySummary } from '#adapters/delivery-store/delivery-repository.ts';
import { HOLD_REASONS, type HoldReason } from '#domain/hold-reasons.ts';
import { DELIVERY_STATUSES, DeliveryStatus, isActive } from '#domain/statuses.ts';
import { logger } from '#shared/logger.ts';
import { MetricUnit, recordMetric, type MetricName } from '#shared/metrics.ts';

/** The names of the backlog gauges in CloudWatch (the alarms and the dashboard read them). */
export const BacklogGauge = {
  /** Seconds since the delivery longest ON_HOLD went on hold; 0 when none is. */
  OLDEST_HOLD_AGE: 'OldestHoldAgeSeconds',
  /** Seconds since the oldest delivery not yet in a terminal status was created; 0 when none is. */
  OLDEST_ACTIVE_DELIVERY_AGE: 'OldestActiveDeliveryAgeSeconds',
  /** Seconds since the earliest `promisedBy` that has passed, among deliveries still under way; 0 when none is late. */
  OLDEST_OVERDUE_PROMISE: 'OldestOverduePromiseSeconds',
  /** Deliveries ON_HOLD, by `holdReason`; recorded for every reason, 0 included. */
  ON_HOLD: 'DeliveriesOnHold',
} as const satisfies Record<string, MetricName>;

/** What a reading of the backlog found. */
export interface BacklogGauges {
  readonly oldestHoldAgeSeconds: number;
  readonly oldestActiveDeliveryAgeSeconds: number;
  readonly oldestOverduePromiseSeconds: number;
  readonly onHold: Readonly<Partial<Record<HoldReason, number>>>;
}

/** Where and when the backlog is read. */
export interface BacklogContext {
  readonly repository: Pick<DeliveryRepository, 'listByStatus'>;
  readonly clock: () => Date;
  /**
   * Deliveries read per query of the status index.
   * @default MAX_PAGE_SIZE
   */
  readonly pageSize?: number;
}

const ACTIVE_STATUSES = DELIVERY_STATUSES.filter(isActive);

/** Calls `visit` with every delivery in an active status, a page of the status index at a time. */
const visitActive = async (context: BacklogContext, visit: (item: DeliverySummary) => void): Promise<void> => {
  await Promise.all(
    ACTIVE_STATUSES.map(async (status) => {
      let nextToken: string | null = null;
      do {
        const page = await context.repository.listByStatus(status, { limit: context.pageSize ?? MAX_PAGE_SIZE, nextToken });
        page.items.forEach(visit);
        nextToken = page.nextToken;
      } while (nextToken !== null);
    }),
  );
};

/** What one pass over the active deliveries found. */
interface Found {
  active: number;
  oldestHold: DeliverySummary | null;
  oldestActive: DeliverySummary | null;
  mostOverdue: DeliverySummary | null;
  onHold: Partial<Record<HoldReason, number>>;
}

const older = (a: DeliverySummary | null, b: DeliverySummary, instant: (item: DeliverySummary) => string): DeliverySummary =>
  a === null || instant(b) < instant(a) ? b : a;

/** What the log says of a delivery the alarm points at: ids, status and times only. */
const idsOf = (item: DeliverySummary | null) =>
  item && { deliveryId: item.deliveryId, status: item.status, holdReason: item.holdReason, statusSince: item.statusSince, createdAt: item.createdAt, promisedBy: item.promisedBy };

const secondsSince = (now: Date, instant: string | undefined): number =>
  instant === undefined ? 0 : Math.max(0, Math.floor((now.getTime() - Date.parse(instant)) / 1000));

/**
 * Reads the deliveries still under way from the status index and records the backlog gauges that alarms
 * need and event counts cannot give: {@link BacklogGauge.OLDEST_HOLD_AGE},
 * {@link BacklogGauge.OLDEST_ACTIVE_DELIVERY_AGE}, {@link BacklogGauge.OLDEST_OVERDUE_PROMISE} and
 * {@link BacklogGauge.ON_HOLD} by reason. The oldest
 * deliveries are logged by id, for whoever the alarm wakes.
 *
 * The index is sorted by the time a delivery entered its status, which answers "the oldest hold" but not
 * "the delivery created longest ago": a delivery can enter its status long after it was created. So every
 * active status is read in full, every run: one index item (a few hundred bytes, no personal data) per
 * delivery under way.
 */
export const recordBacklogGauges = async (context: BacklogContext): Promise<BacklogGauges> => {
  const now = context.clock();
  const found: Found = { active: 0, oldestHold: null, oldestActive: null, mostOverdue: null, onHold: Object.fromEntries(HOLD_REASONS.map((reason) => [reason, 0])) };
  await visitActive(context, (item) => {
    found.active += 1;
    found.oldestActive = older(found.oldestActive, item, (delivery) => delivery.createdAt);
    if (item.promisedBy !== null && Date.parse(item.promisedBy) < now.getTime()) found.mostOverdue = older(found.mostOverdue, item, (delivery) => delivery.promisedBy ?? '');
    if (item.status !== DeliveryStatus.ON_HOLD) return;
    found.oldestHold = older(found.oldestHold, item, (delivery) => delivery.statusSince);
    if (item.holdReason !== null) found.onHold[item.holdReason] = (found.onHold[item.holdReason] ?? 0) + 1;
  });
  const gauges = {
    oldestHoldAgeSeconds: secondsSince(now, found.oldestHold?.statusSince),
    oldestActiveDeliveryAgeSeconds: secondsSince(now, found.oldestActive?.createdAt),
    oldestOverduePromiseSeconds: secondsSince(now, found.mostOverdue?.promisedBy ?? undefined),
    onHold: found.onHold,
  };
  recordMetric(BacklogGauge.OLDEST_HOLD_AGE, {}, gauges.oldestHoldAgeSeconds, MetricUnit.Seconds);
  recordMetric(BacklogGauge.OLDEST_ACTIVE_DELIVERY_AGE, {}, gauges.oldestActiveDeliveryAgeSeconds, MetricUnit.Seconds);
  recordMetric(BacklogGauge.OLDEST_OVERDUE_PROMISE, {}, gauges.oldestOverduePromiseSeconds, MetricUnit.Seconds);
  for (const [holdReason, count] of Object.entries(found.onHold)) recordMetric(BacklogGauge.ON_HOLD, { holdReason }, count);
  logger.info('backlog measured', { ...gauges, active: found.active, oldestHold: idsOf(found.oldestHold), oldestActive: idsOf(found.oldestActive), mostOverdue: idsOf(found.mostOverdue) });
  return gauges;
};
