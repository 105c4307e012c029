import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { partnerWebhookSchema } from '#schemas/partner-webhook.ts';
import { logger } from '#shared/logger.ts';
import { recordMetric } from '#shared/metrics.ts';
import { applyPartnerEvent } from './apply-partner-event.ts';
import { headerOf } from './headers.ts';
import { HttpError } from './http-error.ts';
import { json } from './responses.ts';
import { jsonBody, validate } from './validation.ts';
import type { WebhookContext } from './webhook-context.ts';
import { verifySignature, type SignatureProblem } from '#shared/partner-signature.ts';

/** The raw body of a webhook, as signed. */
export const rawBodyOf = (event: APIGatewayProxyEvent): string =>
  event.body === null ? '' : event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;

/**
 * Refuses a webhook of `sourceId` (404 for a source we do not know, 401 when `problemOf` finds its
 * signature missing, wrong or too old) before anything else is read.
 */
export const checkSignature = async (
  sourceId: string,
  context: WebhookContext,
  problemOf: (secrets: readonly string[], nowSeconds: number) => SignatureProblem | null,
): Promise<void> => {
  const secrets = await context.secrets.secretsFor(sourceId);
  if (secrets === null) throw new HttpError('NOT_FOUND', `no partner ${sourceId}`);
  const problem = problemOf(secrets, Math.floor(context.clock().getTime() / 1000));
  if (problem !== null) {
    logger.warn('webhook signature refused', { partnerId: sourceId, problem });
    recordMetric('Webhooks', { partnerId: sourceId, result: 'rejected' });
    throw new HttpError('UNAUTHORIZED', 'the webhook signature is missing, wrong or too old');
  }
};

/**
 * `POST /webhooks/{partnerId}` (contract §4) in the canonical format: the signature is checked over the
 * raw body before anything else (401, nothing changes); a job no delivery knows is 404; a repeat of
 * (`partnerId`, `eventId`) is acknowledged as `duplicate` (the write path reads its marker once);
 * otherwise the event goes through the one write path and the answer says whether it was `applied` or
 * only `recorded`.
 */
export const receiveWebhook = async (partnerId: string, event: APIGatewayProxyEvent, context: WebhookContext): Promise<APIGatewayProxyResult> => {
  await checkSignature(partnerId, context, (secrets, nowSeconds) => verifySignature(headerOf(event, 'x-partner-signature'), rawBodyOf(event), secrets, nowSeconds));

  const webhook = validate(partnerWebhookSchema, jsonBody(event));
  logger.appendKeys({ partnerId, partnerEventId: webhook.eventId, jobId: webhook.jobId, partnerStatus: webhook.status });
  const deliveryId = await context.repository.findDeliveryIdByJob(partnerId, webhook.jobId);
  if (deliveryId === null) throw new HttpError('NOT_FOUND', `no delivery has job ${webhook.jobId} of ${partnerId}`);
  logger.appendKeys({ deliveryId });

  return json(200, { result: await applyPartnerEvent(context, { deliveryId, partnerId, sourceId: partnerId }, webhook) });
};
