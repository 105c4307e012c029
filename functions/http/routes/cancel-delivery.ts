import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { executeCommand } from '#application/execute-command.ts';
import { cancelRequestSchema } from '#schemas/api-requests.ts';
import type { ApiContext } from '../api-context.ts';
import { commandResponse } from '../command-response.ts';
import { idempotencyOf } from '../idempotency.ts';
import { idempotencyKeyOf } from '../identity.ts';
import { jsonBody, validate } from '../validation.ts';
import { deliveryIdOf } from './get-delivery.ts';

/** `POST /deliveries/{deliveryId}/cancel` by the order service: 202 with the view; 409 when the table forbids it. */
export const cancelDelivery = async (event: APIGatewayProxyEvent, context: ApiContext): Promise<APIGatewayProxyResult> => {
  const deliveryId = deliveryIdOf(event);
  const body = validate(cancelRequestSchema, jsonBody(event));
  const { reason } = body;
  const key = idempotencyKeyOf(event);
  const command = { type: 'CANCEL', commandId: key ?? context.deps.newId('cmd'), source: 'CUSTOMER', actor: null, reason } as const;
  const execution = await executeCommand(context.repository, context.deps, {
    deliveryId,
    command,
    ...idempotencyOf('cancel', key, body),
  });
  return commandResponse(context, deliveryId, execution);
};
