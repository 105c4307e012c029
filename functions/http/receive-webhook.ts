import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { executeCommand } from '#application/execute-command.ts';
import { RefusalCode } from '#domain/refusal.ts';
import { partnerIdSchema } from '#schemas/create-delivery.ts';
import { partnerWebhookSchema } from '#schemas/partner-webhook.ts';
import { logAbout } from '#application/log-context.ts';
import { logger } from '#shared/logger.ts';
import { headerOf } from './headers.ts';
import { HttpError } from './http-error.ts';
import { json } from './responses.ts';
import { jsonBody, validate } from './validation.ts';
import type { WebhookContext } from './webhook-context.ts';
import { verifySignature } from '#shared/partner-signature.ts';

const rawBodyOf = (event: APIGatewayProxyEvent): string =>
  event.body === null ? '' : event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;

/**
 * `POST /webhooks/{partnerId}` (contract §4): the signature is checked over the raw body before anything
 * else (401, nothing changes); a job no delivery knows is 404; a repeat of (`partnerId`, `eventId`) is
 * acknowledged as `duplicate` (the write path reads its marker once); otherwise the event goes through the one write path and the answer says
 * whether it was `applied` or only `recorded`.
 */
export const receiveWebhook = async (event: APIGatewayProxyEvent, context: WebhookContext): Promise<APIGatewayProxyResult> => {
  const partnerId = validate(partnerIdSchema, event.pathParameters?.['partnerId'], 'partnerId');
  const secrets = await context.secrets.secretsFor(partnerId);
  if (secrets === null) throw new HttpError('NOT_FOUND', `no partner ${partnerId}`);
  const rawBody = rawBodyOf(event);
  const problem = verifySignature(headerOf(event, 'x-partner-signature'), rawBody, secrets, Math.floor(context.clock().getTime() / 1000));
  if (problem !== null) {
    logger.warn('webhook signature refused', { partnerId, problem });
    throw new HttpError('UNAUTHORIZED', 'the webhook signature is missing, wrong or too old');
  }

  const webhook = validate(partnerWebhookSchema, jsonBody(event));
  logger.appendKeys({ partnerId, eventId: webhook.eventId, jobId: webhook.jobId, partnerStatus: webhook.status });
  const idempotencyKey = `webhook#${partnerId}#${webhook.eventId}`;
  const deliveryId = await context.repository.findDeliveryIdByJob(partnerId, webhook.jobId);
  if (deliveryId === null) throw new HttpError('NOT_FOUND', `no delivery has job ${webhook.jobId} of ${partnerId}`);
  logger.appendKeys({ deliveryId });

  const command = { type: 'APPLY_PARTNER_EVENT', commandId: webhook.eventId, event: { ...webhook, partnerId } } as const;
  const execution = await executeCommand(context.repository, context.deps, { deliveryId, command, idempotencyKey });
  switch (execution.kind) {
    case 'committed':
      logAbout(execution.delivery);
      return json(200, { result: execution.decision.outcome });
    case 'duplicate':
      return json(200, { result: 'duplicate' });
    case 'key-reused':
      // (partnerId, eventId) identifies a partner event (contract §2): a repeat, whatever job it names now.
      logger.warn('partner reused an event id for another delivery', { firstDeliveryId: execution.marker.deliveryId });
      return json(200, { result: 'duplicate' });
    case 'refused':
      if (execution.refusal.code === RefusalCode.UNKNOWN_JOB || execution.refusal.code === RefusalCode.NOT_FOUND) {
        throw new HttpError('NOT_FOUND', execution.refusal.message);
      }
      throw new Error(`a partner event was refused: ${execution.refusal.code}`);
    case 'order-exists':
    case 'job-claimed':
      throw new Error(`a partner event cannot end ${execution.kind}`);
  }
};
