import type { DeliveryRepository } from '#adapters/delivery-store/delivery-repository.ts';
import type { DecideDeps } from '#domain/decision.ts';
import type { PartnerWebhook } from '#schemas/partner-webhook.ts';
import { executeCommand, type Execution } from './execute-command.ts';

/**
 * A partner event of the delivery's partner through the one write path, however it arrived (its
 * webhook, an aggregator's, the reconciliation): deduplicated on the source it came from and its id.
 */
export const executePartnerEvent = (
  repository: DeliveryRepository,
  deps: DecideDeps,
  target: { readonly deliveryId: string; readonly partnerId: string; readonly sourceId: string },
  event: PartnerWebhook,
): Promise<Execution> =>
  executeCommand(repository, deps, {
    deliveryId: target.deliveryId,
    command: { type: 'APPLY_PARTNER_EVENT', commandId: event.eventId, event: { ...event, partnerId: target.partnerId } },
    idempotencyKey: `webhook#${target.sourceId}#${event.eventId}`,
  });
