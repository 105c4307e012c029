import type { Decision, Delivery } from '#domain/index.ts';
import { logger } from '#shared/logger.ts';
import { deliveryLogKeys } from './log-context.ts';

/**
 * Logs a committed decision: the delivery's ids ({@link deliveryLogKeys}), what caused it (the command,
 * webhook or timer id every one of its events carries as `causationId`), the events it wrote and the
 * status it left. The ids go on this line alone, so that it is safe in a loop over deliveries.
 */
export const logCommitted = (committed: { readonly delivery: Delivery; readonly decision: Decision }, stateMachineArn: string | null = null): void => {
  const { delivery, decision } = committed;
  const [first] = decision.events;
  logger.info('decision committed', {
    ...deliveryLogKeys(delivery, stateMachineArn),
    // A partner event that changes no status writes no domain event: it is its own cause.
    causationId: first?.causationId ?? decision.partnerEvent?.eventId,
    eventIds: decision.events.map((event) => event.eventId),
    eventTypes: decision.events.map((event) => event.type),
    status: delivery.status,
  });
};
