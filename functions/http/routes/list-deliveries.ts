import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { toView } from '#application/delivery-view.ts';
import { InvalidPageTokenError } from '#adapters/delivery-store/errors.ts';
import { listDeliveriesQuerySchema } from '#schemas/api-requests.ts';
import type { ApiContext } from '../api-context.ts';
import { HttpError } from '../http-error.ts';
import { json } from '../responses.ts';
import { validate } from '../validation.ts';

/** `GET /deliveries?status=…&limit=…&nextToken=…`: one page of deliveries in a status, oldest in it first. */
export const listDeliveries = async (event: APIGatewayProxyEvent, context: ApiContext): Promise<APIGatewayProxyResult> => {
  const query = validate(listDeliveriesQuerySchema, event.queryStringParameters ?? {});
  try {
    const page = await context.repository.listByStatus(query.status, { limit: query.limit, nextToken: query.nextToken ?? null });
    return json(200, { items: page.items.map((item) => toView(item, context.stateMachineArn)), nextToken: page.nextToken });
  } catch (error) {
    if (!(error instanceof InvalidPageTokenError)) throw error;
    throw new HttpError('VALIDATION_FAILED', 'the request is not valid', [{ field: 'nextToken', message: error.message }], { cause: error });
  }
};
