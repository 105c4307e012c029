import * as z from 'zod/mini';
import { DELIVERY_EVENT_TYPES } from '#domain/event-types.ts';
import { cancelRequestSchema, operatorActionRequestSchema } from './api-requests.ts';
import { createDeliverySchema } from './create-delivery.ts';
import { eventSchemaFor } from './event-envelope.ts';

/** JSON Schema draft 4: what API Gateway models and the EventBridge schema registry accept. */
const toDraft4 = (schema: z.ZodMiniType, title: string): Record<string, unknown> => ({
  ...z.toJSONSchema(schema, { target: 'draft-04', io: 'input', unrepresentable: 'any' }),
  title,
});

/**
 * Every JSON Schema the service publishes, by file name: one per event `detail`, and the create body.
 * Generated from the zod schemas; `npm run generate:schemas` writes them to `functions/schemas/generated/`.
 */
export const publishedJsonSchemas = (): Record<string, Record<string, unknown>> => ({
  'CreateDeliveryRequest.json': toDraft4(createDeliverySchema, 'CreateDeliveryRequest'),
  ...Object.fromEntries(DELIVERY_EVENT_TYPES.map((type) => [`${type}.json`, toDraft4(eventSchemaFor(type), type)])),
});

/** The text of a schema file, as checked in. */
export const schemaFileText = (schema: Record<string, unknown>): string => `${JSON.stringify(schema, null, 2)}\n`;

/** The JSON Schemas of the API's request bodies, by model name: API Gateway validates bodies against them. */
export const requestBodyJsonSchemas = {
  CreateDeliveryRequest: toDraft4(createDeliverySchema, 'CreateDeliveryRequest'),
  CancelDeliveryRequest: toDraft4(cancelRequestSchema, 'CancelDeliveryRequest'),
  OperatorActionRequest: toDraft4(operatorActionRequestSchema, 'OperatorActionRequest'),
} as const;

/** The name of a request body model. */
export type RequestBodyModel = keyof typeof requestBodyJsonSchemas;
