import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CfnRegistry, CfnSchema } from 'aws-cdk-lib/aws-eventschemas';
import { Construct } from 'constructs';
import { EVENT_SOURCE } from '#adapters/event-entries.ts';
import { DELIVERY_EVENT_TYPES } from '#domain/event-types.ts';

const generatedSchemas = fileURLToPath(new URL('../../functions/schemas/generated/', import.meta.url));

/** Properties of {@link EventSchemas}. */
export interface EventSchemasProps {
  /**
   * The registry's name.
   * @default 'bookstore-delivery'
   */
  readonly registryName?: string;
}

/**
 * The whole EventBridge event of `type` as JSON Schema draft 4: the envelope EventBridge adds, with
 * `detail` being the checked-in schema generated from the event's zod schema.
 */
export const eventSchemaOf = (type: string): Record<string, unknown> => {
  const { $schema, ...detail } = JSON.parse(readFileSync(`${generatedSchemas}${type}.json`, 'utf8')) as Record<string, unknown>;
  return {
    $schema,
    title: type,
    type: 'object',
    required: ['source', 'detail-type', 'detail'],
    properties: {
      source: { type: 'string', enum: [EVENT_SOURCE] },
      'detail-type': { type: 'string', enum: [type] },
      detail,
    },
  };
};

/** An EventBridge schema registry with one schema per domain event, so that subscribers can generate bindings. */
export class EventSchemas extends Construct {
  /** The registry. */
  public readonly registry: CfnRegistry;

  constructor(scope: Construct, id: string, props: EventSchemasProps = {}) {
    super(scope, id);
    this.registry = new CfnRegistry(this, 'Registry', {
      registryName: props.registryName ?? 'bookstore-delivery',
      description: 'Events published by the delivery lifecycle service',
    });
    for (const type of DELIVERY_EVENT_TYPES) {
      new CfnSchema(this, type, {
        registryName: this.registry.attrRegistryName,
        schemaName: `${EVENT_SOURCE}@${type}`,
        type: 'JSONSchemaDraft4',
        content: JSON.stringify(eventSchemaOf(type)),
        description: `The ${type} event`,
      });
    }
  }
}
