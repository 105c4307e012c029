import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { DeliverySummary } from '#adapters/delivery-store/delivery-repository.ts';
import { DeliveryStatus } from '#domain/statuses.ts';
import { listHoldsQuerySchema } from '#schemas/api-requests.ts';
import type { ApiContext } from '../api-context.ts';
import type { HoldSummary } from '#application/operator-views.ts';
import { validate } from '../validation.ts';
import { statusPage } from './list-deliveries.ts';

const holdOf = (item: DeliverySummary): HoldSummary => ({
  deliveryId: item.deliveryId,
  orderId: item.orderId,
  holdReason: item.holdReason,
  since: item.statusSince,
  attemptCount: item.attemptCount,
  maxAttempts: item.maxAttempts,
  partnerId: item.partner?.id ?? null,
  promisedBy: item.promisedBy,
});

/** `GET /holds?limit=…&nextToken=…` for the operator dashboard: deliveries on hold, longest on hold first. */
export const listHolds = (event: APIGatewayProxyEvent, context: ApiContext): Promise<APIGatewayProxyResult> =>
  statusPage(context, DeliveryStatus.ON_HOLD, validate(listHoldsQuerySchema, event.queryStringParameters ?? {}), holdOf);
