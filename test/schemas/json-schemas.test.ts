import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import AjvModule from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { applyDecision, decide, DELIVERY_EVENT_TYPES, type Command, type Delivery } from '#domain/index.ts';
import { parseDomainEvent, type DomainEvent } from '#schemas/event-envelope.ts';
import { publishedJsonSchemas, schemaFileText } from '#schemas/json-schemas.ts';
import { booking, cancellationReply, createRequest, operator, partner, timer } from '#test/support/commands.ts';
import { deterministicDeps } from '#test/support/deterministic-deps.ts';
import { path } from '#test/support/paths.ts';
import { more, promisedInThePast } from '#test/support/transition-helpers.ts';

// ajv-draft-04 and ajv-formats are CommonJS: under Node's ESM interop their exports are under `default`.
const Ajv = AjvModule.default;
const addFormats = addFormatsModule.default;
const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
const directory = join(import.meta.dirname, '..', '..', 'functions', 'schemas', 'generated');

/** Lifecycles that, between them, emit every event type. */
const lifecycles: Command[][] = [
  path.onHoldMaxAttempts(),
  [...path.onHoldMaxAttempts(), operator('REATTEMPT'), partner('OUT_FOR_DELIVERY'), partner('DELIVERED'), partner('OUT_FOR_DELIVERY')],
  [...path.inTransit(), partner('DELAYED'), partner('AVAILABLE_FOR_PICKUP'), partner('LOST')],
  [...path.returning(), operator('CONFIRM_RETURNED')],
  [...more.onHoldNoCapacity(), operator('WRITE_OFF')],
  [...more.reassigned(), booking('sandbox', 'job-2', 'REQUESTED'), partner('ACCEPTED', { partnerId: 'sandbox', jobId: 'job-2' })],
  more.dropped(),
  [...path.cancelling(), cancellationReply('REJECTED')],
  [...path.cancelling(), partner('CANCELLED')],
  [...promisedInThePast(path.inTransit()), timer('SLA')],
];

const eventsOf = (commands: readonly Command[]): DomainEvent[] => {
  const deps = deterministicDeps();
  let state: Delivery | null = null;
  const events: DomainEvent[] = [];
  for (const command of commands) {
    const result = decide(state, command, deps);
    if (!result.ok) throw new Error(result.refusal.message);
    events.push(...result.decision.events);
    state = applyDecision(state, result.decision);
  }
  return events;
};

describe('published JSON Schemas', () => {
  it('are checked in exactly as the zod schemas generate them (run `npm run generate:schemas` after a change)', async () => {
    const expected = publishedJsonSchemas();
    expect((await readdir(directory)).sort()).toEqual(Object.keys(expected).sort());
    for (const [file, schema] of Object.entries(expected)) {
      expect(await readFile(join(directory, file), 'utf8'), file).toBe(schemaFileText(schema));
    }
  });

  it('accept the events the domain emits, of every type, and refuse a wrong type, a bad timestamp, a missing and an unknown field', () => {
    const schemas = publishedJsonSchemas();
    const seen = new Set<string>();
    for (const commands of lifecycles) {
      for (const event of eventsOf(commands)) {
        const validate = ajv.compile(schemas[`${event.type}.json`] ?? {});
        expect(validate(event), JSON.stringify(validate.errors)).toBe(true);
        expect(validate({ ...event, sequence: 'one' })).toBe(false);
        expect(validate({ ...event, recordedAt: 'yesterday' })).toBe(false);
        const { eventId, ...withoutId } = event;
        expect(validate(withoutId), `without ${eventId}`).toBe(false);
        expect(validate({ ...event, surprise: true })).toBe(false);
        seen.add(event.type);
      }
    }
    expect([...seen].sort()).toEqual([...DELIVERY_EVENT_TYPES].sort());
  });

  it('describe the create body, formats and country codes included', () => {
    const validate = ajv.compile(publishedJsonSchemas()['CreateDeliveryRequest.json'] ?? {});
    const body = createRequest();
    expect(validate(body)).toBe(true);
    expect(validate({ ...body, items: [] })).toBe(false);
    expect(validate({ ...body, orderId: 'has spaces' })).toBe(false);
    expect(validate({ ...body, customer: { name: 'A', email: 'not-an-email' } })).toBe(false);
    expect(validate({ ...body, address: { ...body.address, country: 'XX' } })).toBe(false);
  });
});

describe('parseDomainEvent (the outbox relay\'s check)', () => {
  it('takes every event the domain emits with the schema of its own type, and refuses what that schema or the catalogue refuses', () => {
    for (const commands of lifecycles) {
      for (const event of eventsOf(commands)) {
        expect(parseDomainEvent(event)).toEqual(event);
        expect(() => parseDomainEvent({ ...event, data: { ...event.data, surprise: true } })).toThrow(/surprise/);
        expect(() => parseDomainEvent({ ...event, sequence: 0 })).toThrow(/sequence/);
      }
    }
    expect(() => parseDomainEvent({ type: 'DeliveryTeleported' })).toThrow(/type/);
    expect(() => parseDomainEvent(null)).toThrow();
  });
});
