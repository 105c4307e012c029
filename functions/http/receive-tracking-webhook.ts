import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { $ZodError } from 'zod/v4/core';
import { isPartnerStatus } from '#domain/partner-statuses.ts';
import { fieldIssues } from '#shared/field-issues.ts';
import { logger } from '#shared/logger.ts';
import { applyPartnerEvent, type PartnerEventResult } from './apply-partner-event.ts';
import { headerOf } from './headers.ts';
import { HttpError } from './http-error.ts';
import { checkSignature, rawBodyOf } from './receive-webhook.ts';
import { json } from './responses.ts';
import { TRACKING_FORMATS, type TrackingAggregator } from './tracking-formats/tracking-formats.ts';
import type { TrackingUpdate } from './tracking-formats/tracking-update.ts';
import { jsonBody } from './validation.ts';
import type { WebhookContext } from './webhook-context.ts';

const parseUpdate = (aggregator: TrackingAggregator, body: unknown): TrackingUpdate => {
  try {
    return TRACKING_FORMATS[aggregator].parse(body);
  } catch (error) {
    if (error instanceof $ZodError) throw new HttpError('VALIDATION_FAILED', `not a ${aggregator} tracking webhook`, fieldIssues(error));
    throw error;
  }
};

/** How long before a delivery's creation a carrier's clock may put a scan of it. */
const EARLIER_SHIPMENT_SLACK_MS = 3_600_000;

const count = (results: readonly PartnerEventResult[], result: PartnerEventResult): number => results.filter((r) => r === result).length;

/** The answer for a payload's scans: `applied` when one was, else `recorded` when one was, else `duplicate`. */
const overall = (results: readonly PartnerEventResult[]): PartnerEventResult =>
  results.includes('applied') ? 'applied' : results.includes('recorded') || results.length === 0 ? 'recorded' : 'duplicate';

/**
 * `POST /webhooks/{aggregator}`: a tracking aggregator's webhook in its own format. The signature is
 * checked as the aggregator signs (401, nothing changes); test-mode payloads are refused unless the
 * deployment takes them (400 naming the field); the shipment is found by its tracking number (404 when
 * no delivery has it). Its scans, oldest first, each go through the one write path as an event of the
 * delivery's partner, deduplicated on the scan: a scan older than the newest applied is only recorded,
 * and a status the mapping table does not have is quarantined and counted, never guessed.
 */
export const receiveTrackingWebhook = async (aggregator: TrackingAggregator, event: APIGatewayProxyEvent, context: WebhookContext): Promise<APIGatewayProxyResult> => {
  const format = TRACKING_FORMATS[aggregator];
  await checkSignature(aggregator, context, (secrets, nowSeconds) => format.verify(headerOf(event, format.signatureHeader), rawBodyOf(event), secrets, nowSeconds));
  const update = parseUpdate(aggregator, jsonBody(event));
  logger.appendKeys({ partnerId: aggregator, trackingNumber: update.trackingNumber });
  if (update.testMode && context.acceptTestMode !== true) {
    throw new HttpError('VALIDATION_FAILED', 'test-mode payloads are refused in this deployment', [{ field: update.testModeField ?? 'body', message: 'test mode' }]);
  }
  const job = await context.repository.findJobByTrackingNumber(update.trackingNumber);
  if (job === null) throw new HttpError('NOT_FOUND', `no delivery has tracking number ${update.trackingNumber}`);
  logger.appendKeys({ deliveryId: job.deliveryId, jobId: job.jobId });

  // A scan from before the delivery existed is of an earlier shipment that had the same number.
  const since = Date.parse(job.deliveryCreatedAt) - EARLIER_SHIPMENT_SLACK_MS;
  const ours = update.scans.filter((scan) => Date.parse(scan.occurredAt) >= since);
  if (ours.length < update.scans.length) logger.warn('tracking scans older than the delivery ignored', { ignored: update.scans.length - ours.length });
  const results: PartnerEventResult[] = [];
  for (const scan of ours) {
    if (!isPartnerStatus(scan.status)) logger.warn('partner status quarantined: not in the mapping table', { aggregator, code: scan.status, unknownPartnerStatus: 1 });
    const { eventId, occurredAt, status, reason, actionRequired, details } = scan;
    const partnerEvent = { eventId, jobId: job.jobId, status, occurredAt, reason: reason ?? null, trackingNumber: update.trackingNumber, details, ...(actionRequired === undefined ? {} : { actionRequired }) };
    results.push(await applyPartnerEvent(context, { ...job, sourceId: aggregator }, partnerEvent));
  }
  const scans = { applied: count(results, 'applied'), recorded: count(results, 'recorded'), duplicate: count(results, 'duplicate'), ignored: update.scans.length - ours.length };
  return json(200, { result: overall(results), scans });
};
