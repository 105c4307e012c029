import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { ApiContext } from './api-context.ts';
import { HttpError } from './http-error.ts';
import { json } from './responses.ts';
import { applyOperatorAction } from './routes/apply-operator-action.ts';
import { cancelDelivery } from './routes/cancel-delivery.ts';
import { createDelivery } from './routes/create-delivery.ts';
import { getDelivery } from './routes/get-delivery.ts';
import { getTimeline } from './routes/get-timeline.ts';
import { listDeliveries } from './routes/list-deliveries.ts';
import { listEvents } from './routes/list-events.ts';
import { listHolds } from './routes/list-holds.ts';

/** A route: answers one method and resource of the API. */
export type Route = (event: APIGatewayProxyEvent, context: ApiContext) => Promise<APIGatewayProxyResult>;

/** The routes of contract §3 and the operator dashboard's (`/holds`, `…/timeline`), keyed by `METHOD resource` as API Gateway names them. */
export const ROUTES: Readonly<Record<string, Route>> = {
  'GET /health': () => Promise.resolve(json(200, { status: 'ok' })),
  'POST /deliveries': createDelivery,
  'GET /deliveries': listDeliveries,
  'GET /deliveries/{deliveryId}': getDelivery,
  'GET /deliveries/{deliveryId}/events': listEvents,
  'GET /deliveries/{deliveryId}/timeline': getTimeline,
  'GET /holds': listHolds,
  'POST /deliveries/{deliveryId}/cancel': cancelDelivery,
  'POST /deliveries/{deliveryId}/actions': applyOperatorAction,
};

/** Routes a request to its route; 404 for any other. */
export const route = (event: APIGatewayProxyEvent, context: ApiContext): Promise<APIGatewayProxyResult> => {
  const handler = ROUTES[`${event.httpMethod} ${event.resource}`];
  if (!handler) throw new HttpError('NOT_FOUND', `no route ${event.httpMethod} ${event.resource}`);
  return handler(event, context);
};
