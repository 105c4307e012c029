import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { ApiContext } from '../api-context.ts';
import { loadDelivery } from '../command-response.ts';
import { json } from '../responses.ts';
import { deliveryIdOf } from './get-delivery.ts';

/** `GET /deliveries/{deliveryId}/events`: every domain event, ascending `sequence`; 404 for no delivery. */
export const listEvents = async (event: APIGatewayProxyEvent, context: ApiContext): Promise<APIGatewayProxyResult> => {
  const deliveryId = deliveryIdOf(event);
  await loadDelivery(context, deliveryId);
  return json(200, { events: await context.repository.listEvents(deliveryId) });
};
