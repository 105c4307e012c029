import type { Decision } from '#domain/decision.ts';
import { DeliveryEventType } from '#domain/event-types.ts';
import { recordMetric } from '#shared/metrics.ts';

/** Counts a committed decision's events by type (`Transitions`), and the holds it opened by reason (`HoldsOpened`). */
export const recordTransitions = (decision: Decision): void => {
  for (const event of decision.events) {
    recordMetric('Transitions', { eventType: event.type });
    if (event.type === DeliveryEventType.DeliveryPutOnHold) recordMetric('HoldsOpened', { holdReason: event.data.holdReason });
  }
};
