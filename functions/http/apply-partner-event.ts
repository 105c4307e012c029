import { executePartnerEvent } from '#application/execute-partner-event.ts';
import { logCommitted } from '#application/log-committed.ts';
import { logAbout } from '#application/log-context.ts';
import { isPartnerStatus } from '#domain/partner-statuses.ts';
import { RefusalCode } from '#domain/refusal.ts';
import type { PartnerWebhook } from '#schemas/partner-webhook.ts';
import { logger } from '#shared/logger.ts';
import { recordMetric } from '#shared/metrics.ts';
import { HttpError } from './http-error.ts';
import type { WebhookContext } from './webhook-context.ts';

/** What became of one partner event. */
export type PartnerEventResult = 'applied' | 'recorded' | 'duplicate';

/**
 * One partner event of `partnerId` through the one write path, deduplicated on (`sourceId`, `eventId`): applied,
 * only recorded, or a duplicate. A job the delivery does not know is 404.
 */
export const applyPartnerEvent = async (
  context: WebhookContext,
  delivery: { readonly deliveryId: string; readonly partnerId: string; readonly sourceId: string },
  event: PartnerWebhook,
): Promise<PartnerEventResult> => {
  const result = await apply(context, delivery, event);
  recordMetric('Webhooks', { partnerId: delivery.partnerId, result });
  if (!isPartnerStatus(event.status)) recordMetric('PartnerStatusesQuarantined', { partnerId: delivery.partnerId });
  return result;
};

const apply = async (
  context: WebhookContext,
  delivery: { readonly deliveryId: string; readonly partnerId: string; readonly sourceId: string },
  event: PartnerWebhook,
): Promise<PartnerEventResult> => {
  const execution = await executePartnerEvent(context.repository, context.deps, delivery, event);
  switch (execution.kind) {
    case 'committed':
      logAbout(execution.delivery);
      logCommitted(execution);
      return execution.decision.outcome;
    case 'duplicate':
      return 'duplicate';
    case 'key-reused':
      // (partnerId, eventId) identifies a partner event (contract §2): a repeat, whatever job it names now.
      logger.warn('partner reused an event id for another delivery', { firstDeliveryId: execution.marker.deliveryId });
      return 'duplicate';
    case 'refused':
      if (execution.refusal.code === RefusalCode.UNKNOWN_JOB || execution.refusal.code === RefusalCode.NOT_FOUND) {
        throw new HttpError('NOT_FOUND', execution.refusal.message);
      }
      throw new Error(`a partner event was refused: ${execution.refusal.code}`);
    case 'order-exists':
    case 'job-claimed':
      throw new Error(`a partner event cannot end ${execution.kind}`);
  }
};
