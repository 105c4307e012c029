import * as z from 'zod/mini';
import { DELIVERY_EVENT_TYPES, EVENT_SCHEMA_VERSION, EVENT_SOURCES, type DeliveryEventType } from '#domain/event-types.ts';
import { DELIVERY_STATUSES } from '#domain/statuses.ts';
import { eventDataSchemaBuilders, type EventData } from './event-data.ts';
import { partnerRefSchema } from './partner-ref.ts';

export { EVENT_SCHEMA_VERSION } from '#domain/event-types.ts';

/** The fields every event detail carries (contract §5), without `type` and `data`. */
const buildEnvelopeBase = () =>
  z.strictObject({
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
export type EventEnvelopeBase = z.infer<ReturnType<typeof buildEnvelopeBase>>;

let envelopeBase: ReturnType<typeof buildEnvelopeBase> | undefined;

const buildEventSchema = <T extends DeliveryEventType>(type: T) => {
  envelopeBase ??= buildEnvelopeBase();
  const data = eventDataSchemaBuilders[type]() as ReturnType<(typeof eventDataSchemaBuilders)[T]>;
  return z.extend(envelopeBase, { type: z.literal(type), data });
};

/*
 * The event schemas are built when first asked for, each once: a handler that validates a few kinds of
 * event (the outbox relay) builds those alone, and none pays for the catalogue at start.
 */
const built = new Map<DeliveryEventType, z.ZodMiniType>();

/** The full schema of the event named `type`: the envelope with its `type` and `data`. */
export const eventSchemaFor = <T extends DeliveryEventType>(type: T): ReturnType<typeof buildEventSchema<T>> => {
  let schema = built.get(type);
  if (schema === undefined) {
    schema = buildEventSchema(type);
    built.set(type, schema);
  }
  return schema as ReturnType<typeof buildEventSchema<T>>;
};

/** The event named `T`. */
export type DomainEventOf<T extends DeliveryEventType> = EventEnvelopeBase & { type: T; data: EventData<T> };

/** Any domain event (the `detail` of a `bookstore.delivery` EventBridge event). */
export type DomainEvent = { [T in DeliveryEventType]: DomainEventOf<T> }[DeliveryEventType];

/** Validates any domain event, choosing the schema by `type` (the whole catalogue, built on first use). */
export const domainEventSchema = z.lazy(() =>
  z.discriminatedUnion('type', DELIVERY_EVENT_TYPES.map((type) => eventSchemaFor(type)) as unknown as [ReturnType<typeof buildEventSchema>, ...ReturnType<typeof buildEventSchema>[]]),
) as unknown as z.ZodMiniType<DomainEvent>;

const isEventType = (type: unknown): type is DeliveryEventType => typeof type === 'string' && (DELIVERY_EVENT_TYPES as readonly string[]).includes(type);

/**
 * Validates a domain event with the schema of its own `type` alone; a value with no known `type` is
 * refused by {@link domainEventSchema}, with its issues.
 */
export const parseDomainEvent = (value: unknown): DomainEvent => {
  const type = typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : undefined;
  return (isEventType(type) ? eventSchemaFor(type) : domainEventSchema).parse(value) as DomainEvent;
};
