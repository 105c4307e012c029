import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { DeliverySummary } from '#adapters/delivery-store/delivery-repository.ts';
import { DeliveryStatus } from '#domain/statuses.ts';
import { listHoldsQuerySchema } from '#schemas/api-requests.ts';
import type { ApiContext } from '../api-context.ts';
import { validate } from '../validation.ts';
import { statusPage } from './list-deliveries.ts';

/** A delivery on hold as the operator dashboard lists it: why, and since when. */
export interface HoldSummary {
  readonly deliveryId: string;
  readonly orderId: string;
  readonly holdReason: string | null;
  /** When the delivery went on hold. */
  readonly since: string;
  readonly attemptCount: number;
  readonly maxAttempts: number;
  readonly partnerId: string | null;
  readonly promisedBy: string | null;
}

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
