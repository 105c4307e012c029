import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { operatorTimeline } from '#application/operator-timeline.ts';
import type { ApiContext } from '../api-context.ts';
import { loadDelivery } from '../command-response.ts';
import { json } from '../responses.ts';
import { deliveryIdOf } from './get-delivery.ts';

/** `GET /deliveries/{deliveryId}/timeline` for operators: view, allowed actions, events and scans, workflow state; 404 for no delivery. */
export const getTimeline = async (event: APIGatewayProxyEvent, context: ApiContext): Promise<APIGatewayProxyResult> =>
  json(200, await operatorTimeline(await loadDelivery(context, deliveryIdOf(event)), context));
