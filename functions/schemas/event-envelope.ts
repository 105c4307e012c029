import * as z from 'zod/mini';
import { DELIVERY_EVENT_TYPES, EVENT_SCHEMA_VERSION, EVENT_SOURCES, type DeliveryEventType } from '#domain/event-types.ts';
import { DELIVERY_STATUSES } from '#domain/statuses.ts';
import { eventDataSchemas, type EventData } from './event-data.ts';
import { partnerRefSchema } from './partner-ref.ts';

export { EVENT_SCHEMA_VERSION } from '#domain/event-types.ts';

/** The fields every event detail carries (contract §5), without `type` and `data`. */
export const eventEnvelopeBaseSchema = z.strictObject({
  eventId: z.string().check(z.minLength(1)),
  schemaVersion: z.literal(EVENT_SCHEMA_VERSION),
  deliveryId: z.string().check(z.minLength(1)),
  orderId: z.string().check(z.minLength(1)),
  sequence: z.int().check(z.minimum(1)),
  fromStatus: z.nullable(z.enum(DELIVERY_STATUSES)),
  toStatus: z.enum(DELIVERY_STATUSES),
  occurredAt: z.iso.datetime({ offset: true }),
  recordedAt: z.iso.datetime({ offset: true }),
  source: z.enum(EVENT_SOURCES),
  causationId: z.string().check(z.minLength(1)),
  actor: z.nullable(z.string().check(z.minLength(1))),
  reason: z.nullable(z.string()),
  partner: z.nullable(partnerRefSchema),
});

/** The envelope fields shared by every event. */
export type EventEnvelopeBase = z.infer<typeof eventEnvelopeBaseSchema>;

/** The full schema of the event named `type`: the envelope with its `type` and `data`. */
export const eventSchemaFor = <T extends DeliveryEventType>(type: T) =>
  z.extend(eventEnvelopeBaseSchema, { type: z.literal(type), data: eventDataSchemas[type] });

/** One schema per event name. */
export const eventSchemas = Object.fromEntries(DELIVERY_EVENT_TYPES.map((type) => [type, eventSchemaFor(type)])) as {
  [T in DeliveryEventType]: ReturnType<typeof eventSchemaFor<T>>;
};

/** The event named `T`. */
export type DomainEventOf<T extends DeliveryEventType> = EventEnvelopeBase & { type: T; data: EventData<T> };

/** Any domain event (the `detail` of a `bookstore.delivery` EventBridge event). */
export type DomainEvent = { [T in DeliveryEventType]: DomainEventOf<T> }[DeliveryEventType];

/** Validates any domain event, choosing the schema by `type`. */
export const domainEventSchema = z.discriminatedUnion(
  'type',
  Object.values(eventSchemas) as unknown as [ReturnType<typeof eventSchemaFor>, ...ReturnType<typeof eventSchemaFor>[]],
) as unknown as z.ZodMiniType<DomainEvent>;
