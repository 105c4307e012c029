import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { DeliverySummary } from '#adapters/delivery-store/delivery-repository.ts';
import { toView } from '#application/delivery-view.ts';
import { InvalidPageTokenError } from '#adapters/delivery-store/errors.ts';
import type { DeliveryStatus } from '#domain/statuses.ts';
import { listDeliveriesQuerySchema } from '#schemas/api-requests.ts';
import type { ApiContext } from '../api-context.ts';
import { HttpError } from '../http-error.ts';
import { json } from '../responses.ts';
import { validate } from '../validation.ts';

/** 200 with one page of the deliveries in `status`, oldest in it first, each shown by `show`; 400 naming `nextToken` for a bad token. */
export const statusPage = async (
  context: ApiContext,
  status: DeliveryStatus,
  page: { readonly limit: number; readonly nextToken?: string | undefined },
  show: (item: DeliverySummary) => unknown,
): Promise<APIGatewayProxyResult> => {
  try {
    const found = await context.repository.listByStatus(status, { limit: page.limit, nextToken: page.nextToken ?? null });
    return json(200, { items: found.items.map(show), nextToken: found.nextToken });
  } catch (error) {
    if (!(error instanceof InvalidPageTokenError)) throw error;
    throw new HttpError('VALIDATION_FAILED', 'the request is not valid', [{ field: 'nextToken', message: error.message }], { cause: error });
  }
};

/** `GET /deliveries?status=…&limit=…&nextToken=…`: one page of deliveries in a status, oldest in it first. */
export const listDeliveries = (event: APIGatewayProxyEvent, context: ApiContext): Promise<APIGatewayProxyResult> => {
  const query = validate(listDeliveriesQuerySchema, event.queryStringParameters ?? {});
  return statusPage(context, query.status, query, (item) => toView(item, context.stateMachineArn));
};
