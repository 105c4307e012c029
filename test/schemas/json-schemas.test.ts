import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import AjvModule from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { decide, applyDecision, DELIVERY_EVENT_TYPES, type Delivery } from '#domain/index.ts';
import { publishedJsonSchemas, schemaFileText } from '#schemas/json-schemas.ts';
import { createRequest } from '#test/support/commands.ts';
import { path } from '#test/support/paths.ts';
import { deterministicDeps } from '#test/support/deterministic-deps.ts';

// ajv-draft-04 is CommonJS: under Node's ESM interop its class is the `default` export.
const Ajv = AjvModule.default;
const directory = join(import.meta.dirname, '..', '..', 'functions', 'schemas', 'generated');

describe('published JSON Schemas', () => {
  it('are checked in exactly as the zod schemas generate them (run `npm run generate:schemas` after a change)', async () => {
    const expected = publishedJsonSchemas();
    expect((await readdir(directory)).sort()).toEqual(Object.keys(expected).sort());
    for (const [file, schema] of Object.entries(expected)) {
      expect(await readFile(join(directory, file), 'utf8'), file).toBe(schemaFileText(schema));
    }
  });

  it('cover every event type', () => {
    expect(Object.keys(publishedJsonSchemas())).toEqual(expect.arrayContaining(DELIVERY_EVENT_TYPES.map((type) => `${type}.json`)));
  });

  it('accept the events the domain emits and refuse a wrong type, a missing field and an unknown field', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    const schemas = publishedJsonSchemas();
    const deps = deterministicDeps();
    let state: Delivery | null = null;
    const seen = new Set<string>();
    for (const command of path.onHoldMaxAttempts()) {
      const result = decide(state, command, deps);
      if (!result.ok) throw new Error(result.refusal.message);
      for (const event of result.decision.events) {
        const validate = ajv.compile(schemas[`${event.type}.json`] ?? {});
        expect(validate(event), JSON.stringify(validate.errors)).toBe(true);
        expect(validate({ ...event, sequence: 'one' })).toBe(false);
        const { eventId, ...withoutId } = event;
        expect(validate(withoutId), `without ${eventId}`).toBe(false);
        expect(validate({ ...event, surprise: true })).toBe(false);
        seen.add(event.type);
      }
      state = applyDecision(state, result.decision);
    }
    expect(seen.size).toBeGreaterThanOrEqual(7);
  });

  it('describe the create body', () => {
    const validate = new Ajv({ strict: false }).compile(publishedJsonSchemas()['CreateDeliveryRequest.json'] ?? {});
    expect(validate(createRequest())).toBe(true);
    expect(validate({ ...createRequest(), items: [] })).toBe(false);
    expect(validate({ ...createRequest(), orderId: 'has spaces' })).toBe(false);
  });
});
