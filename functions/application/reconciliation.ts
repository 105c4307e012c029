import type { DeliveryRepository } from '#adapters/delivery-store/delivery-repository.ts';
import type { PartnerGateway } from '#adapters/partners/partner-gateway.ts';
import type { DecideDeps } from '#domain/decision.ts';
import { DeliveryStatus } from '#domain/statuses.ts';
import { logger } from '#shared/logger.ts';
import { executePartnerEvent } from './execute-partner-event.ts';
import { logCommitted } from './log-committed.ts';

/** The statuses in which a partner holds a job and owes us news of it. */
export const RECONCILED_STATUSES: readonly DeliveryStatus[] = [
  DeliveryStatus.DISPATCHING,
  DeliveryStatus.AWAITING_PICKUP,
  DeliveryStatus.IN_TRANSIT,
  DeliveryStatus.OUT_FOR_DELIVERY,
  DeliveryStatus.ATTEMPT_FAILED,
  DeliveryStatus.AVAILABLE_FOR_PICKUP,
  DeliveryStatus.RETURNING,
  DeliveryStatus.CANCELLING,
  DeliveryStatus.ON_HOLD,
];

/** What one reconciliation run works with. */
export interface ReconciliationContext {
  readonly repository: DeliveryRepository;
  readonly deps: DecideDeps;
  readonly partners: Pick<PartnerGateway, 'track'>;
  readonly clock: () => Date;
  /** How long a partner may be silent about a delivery before it is asked. */
  readonly quietSeconds: number;
  /** The most deliveries one run asks about. */
  readonly limit: number;
  /**
   * The time the run has left; it stops asking with {@link TIME_RESERVE_MS} to spare.
   * @default unbounded
   */
  readonly timeLeftMs?: () => number;
}

/** The time a run keeps to finish the delivery in hand and report. */
export const TIME_RESERVE_MS = 15_000;

/** What a run did. */
export interface ReconciliationReport {
  /** Deliveries whose partner was asked. */
  readonly tracked: number;
  /** Partner events applied, only recorded, or already known (a webhook had brought them). */
  readonly applied: number;
  readonly recorded: number;
  readonly known: number;
  /** Deliveries whose partner could not be asked (the next run asks again). */
  readonly failed: number;
}

const finish = (report: ReconciliationReport): ReconciliationReport => {
  logger.info('reconciliation done', { ...report });
  return report;
};

/**
 * Asks the partners about the deliveries they have been silent about for `quietSeconds`, and applies what
 * they report exactly as its webhooks would be applied: the same command and the same dedupe key
 * (`webhook#<partnerId>#<eventId>`), oldest first, leaving out what is not newer than the newest partner
 * event the delivery has (so an event seen long ago is not applied again once its dedupe marker has
 * expired). A missed webhook is so recovered, and the webhook that arrives late is a duplicate that
 * changes nothing.
 */
export const reconcile = async (context: ReconciliationContext): Promise<ReconciliationReport> => {
  const quietSince = new Date(context.clock().getTime() - context.quietSeconds * 1000).toISOString();
  const report = { tracked: 0, applied: 0, recorded: 0, known: 0, failed: 0 };
  for (const status of RECONCILED_STATUSES) {
    let nextToken: string | null = null;
    do {
      const page = await context.repository.listQuiet(status, quietSince, { limit: 100, nextToken });
      for (const delivery of page.items) {
        const job = delivery.partner;
        if (job?.jobId == null) continue;
        if (report.tracked >= context.limit || (context.timeLeftMs?.() ?? Infinity) < TIME_RESERVE_MS) return finish(report);
        report.tracked += 1;
        try {
          // Only what is newer than the newest partner event applied: the older ones were seen, or would change nothing.
          const highWater = delivery.partnerHighWater === null ? -Infinity : Date.parse(delivery.partnerHighWater);
          const events = (await context.partners.track(job.id, job.jobId))
            .filter((event) => Date.parse(event.occurredAt) > highWater)
            .sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
          for (const event of events) {
            const execution = await executePartnerEvent(context.repository, context.deps, { deliveryId: delivery.deliveryId, partnerId: job.id, sourceId: job.id }, event);
            if (execution.kind === 'committed') {
              logCommitted(execution);
              report[execution.decision.outcome] += 1;
            }
            else if (execution.kind === 'duplicate' || execution.kind === 'key-reused') report.known += 1;
            else logger.warn('reconciliation: a partner event was not applied', { deliveryId: delivery.deliveryId, partnerId: job.id, eventId: event.eventId, outcome: execution.kind });
          }
        } catch (error) {
          report.failed += 1;
          logger.warn('reconciliation: could not track the job', { deliveryId: delivery.deliveryId, partnerId: job.id, error: String(error) });
        }
      }
      nextToken = page.nextToken;
    } while (nextToken !== null);
  }
  return finish(report);
};
