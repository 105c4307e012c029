import type { DomainEvent, DomainEventOf } from '#schemas/event-envelope.ts';
import type { EventData } from '#schemas/event-data.ts';
import type { PartnerRef } from '#schemas/partner-ref.ts';
import type { DecideDeps } from './decision.ts';
import { EVENT_SCHEMA_VERSION, type DeliveryEventType, type EventSource } from './event-types.ts';
import type { DeliveryStatus } from './statuses.ts';

/** Who and what caused the events of one decision. */
export interface Cause {
  readonly source: EventSource;
  readonly causationId: string;
  readonly actor: string | null;
  readonly reason: string | null;
  /** When it happened in the world: the partner's `occurredAt`, else now. */
  readonly occurredAt: string;
}

/** Where the events of one decision start from. */
export interface EmitterStart {
  readonly deliveryId: string;
  readonly orderId: string;
  readonly status: DeliveryStatus | null;
  readonly lastSequence: number;
  readonly partner: PartnerRef | null;
}

/**
 * Builds the envelopes of one decision in order: each event's `fromStatus` is the previous event's
 * `toStatus`, `sequence` counts on without a gap, and `partner` is the delivery's partner after the event.
 */
export class EventEmitter {
  readonly #events: DomainEvent[] = [];
  readonly #start: EmitterStart;
  readonly #cause: Cause;
  readonly #deps: DecideDeps;
  readonly #recordedAt: string;
  #status: DeliveryStatus | null;
  #sequence: number;
  #partner: PartnerRef | null;

  constructor(start: EmitterStart, cause: Cause, deps: DecideDeps) {
    this.#start = start;
    this.#cause = cause;
    this.#deps = deps;
    this.#recordedAt = deps.now();
    this.#status = start.status;
    this.#sequence = start.lastSequence;
    this.#partner = start.partner;
  }

  /** The status after the events emitted so far. */
  get status(): DeliveryStatus | null {
    return this.#status;
  }

  /** The events emitted so far. */
  get events(): readonly DomainEvent[] {
    return this.#events;
  }

  /** Appends an event moving the delivery to `toStatus` (and, if given, to another partner). */
  emit<T extends DeliveryEventType>(type: T, toStatus: DeliveryStatus, data: EventData<T>, partner?: PartnerRef | null): this {
    if (partner !== undefined) this.#partner = partner;
    this.#sequence += 1;
    const event: DomainEventOf<T> = {
      eventId: this.#deps.newId('evt'),
      type,
      schemaVersion: EVENT_SCHEMA_VERSION,
      deliveryId: this.#start.deliveryId,
      orderId: this.#start.orderId,
      sequence: this.#sequence,
      fromStatus: this.#status,
      toStatus,
      occurredAt: this.#cause.occurredAt,
      recordedAt: this.#recordedAt,
      source: this.#cause.source,
      causationId: this.#cause.causationId,
      actor: this.#cause.actor,
      reason: this.#cause.reason,
      partner: this.#partner,
      data,
    };
    this.#events.push(event as DomainEvent);
    this.#status = toStatus;
    return this;
  }
}
