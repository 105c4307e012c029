import { httpHandler } from './http-handler.ts';
import { receiveWebhook } from './receive-webhook.ts';
import type { WebhookContext } from './webhook-context.ts';

/** The partner webhook's Lambda handler over `context`. */
export const createWebhookHandler = (context: WebhookContext) => httpHandler((event) => receiveWebhook(event, context));
