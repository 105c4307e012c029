import { partnerIdSchema } from '#schemas/partner-id.ts';
import { httpHandler } from './http-handler.ts';
import { receiveTrackingWebhook } from './receive-tracking-webhook.ts';
import { receiveWebhook } from './receive-webhook.ts';
import { validate } from './validation.ts';
import type { WebhookContext } from './webhook-context.ts';

/** The partner webhook's Lambda handler over `context`: a tracking aggregator's format under its id, else the canonical one. */
export const createWebhookHandler = (context: WebhookContext) =>
  httpHandler((event) => {
    const sourceId = validate(partnerIdSchema, event.pathParameters?.['partnerId'], 'partnerId');
    const aggregator = context.aggregators?.find((id) => id === sourceId);
    return aggregator === undefined ? receiveWebhook(sourceId, event, context) : receiveTrackingWebhook(aggregator, event, context);
  });
