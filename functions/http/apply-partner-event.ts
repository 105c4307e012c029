import { executeCommand } from '#application/execute-command.ts';
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
 * One partner event of `partnerId` through the one write path, deduplicated on `idempotencyKey`: applied,
 * only recorded, or a duplicate. A job the delivery does not know is 404.
 */
export const applyPartnerEvent = async (
  context: WebhookContext,
  delivery: { readonly deliveryId: string; readonly partnerId: string },
  event: PartnerWebhook,
  idempotencyKey: string,
): Promise<PartnerEventResult> => {
  const result = await apply(context, delivery, event, idempotencyKey);
  recordMetric('Webhooks', { partnerId: delivery.partnerId, result });
  if (!isPartnerStatus(event.status)) recordMetric('PartnerStatusesQuarantined', { partnerId: delivery.partnerId });
  return result;
};

const apply = async (
  context: WebhookContext,
  delivery: { readonly deliveryId: string; readonly partnerId: string },
  event: PartnerWebhook,
  idempotencyKey: string,
): Promise<PartnerEventResult> => {
  const command = { type: 'APPLY_PARTNER_EVENT', commandId: event.eventId, event: { ...event, partnerId: delivery.partnerId } } as const;
  const execution = await executeCommand(context.repository, context.deps, { deliveryId: delivery.deliveryId, command, idempotencyKey });
  switch (execution.kind) {
    case 'committed':
      logAbout(execution.delivery);
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
