import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { toView } from '#application/delivery-view.ts';
import { deliveryIdSchema } from '#schemas/api-requests.ts';
import type { ApiContext } from '../api-context.ts';
import { loadDelivery } from '../command-response.ts';
import { json } from '../responses.ts';
import { validate } from '../validation.ts';

/** The `{deliveryId}` of a path, or 400 naming it. */
export const deliveryIdOf = (event: APIGatewayProxyEvent): string =>
  validate(deliveryIdSchema, event.pathParameters?.['deliveryId'], 'deliveryId');

/** `GET /deliveries/{deliveryId}`: the view, or 404. */
export const getDelivery = async (event: APIGatewayProxyEvent, context: ApiContext): Promise<APIGatewayProxyResult> =>
  json(200, toView(await loadDelivery(context, deliveryIdOf(event)), context.stateMachineArn));
