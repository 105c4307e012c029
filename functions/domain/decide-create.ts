import { causeNow } from './cause.ts';
import type { CreateDelivery } from './commands.ts';
import { accepted, refused, type DecideDeps, type DecideResult } from './decision.ts';
import { DEFAULT_MAX_ATTEMPTS, type Delivery } from './delivery.ts';
import { EventEmitter } from './emitter.ts';
import { DeliveryEventType, EventSource } from './event-types.ts';
import { refuse, RefusalCode } from './refusal.ts';
import { DeliveryStatus } from './statuses.ts';

/** — → PENDING: DeliveryCreated. A second create for the same delivery is refused. */
export const decideCreate = (state: Delivery | null, command: CreateDelivery, deps: DecideDeps): DecideResult => {
  if (state !== null) {
    return refused(refuse(RefusalCode.ALREADY_EXISTS, command.type, state.status, `delivery ${state.deliveryId} already exists`));
  }
  const start = { deliveryId: deps.newId('dlv'), orderId: command.request.orderId, status: null, lastSequence: 0, partner: null };
  const out = new EventEmitter(start, causeNow(EventSource.CUSTOMER, command.commandId, deps), deps);
  out.emit(DeliveryEventType.DeliveryCreated, DeliveryStatus.PENDING, {
    request: command.request,
    maxAttempts: DEFAULT_MAX_ATTEMPTS,
  });
  return accepted(out.events);
};
