import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { executeCommand } from '#application/execute-command.ts';
import { operatorActionRequestSchema } from '#schemas/api-requests.ts';
import type { ApiContext } from '../api-context.ts';
import { commandResponse } from '../command-response.ts';
import { HttpError } from '../http-error.ts';
import { idempotencyOf } from '../idempotency.ts';
import { idempotencyKeyOf, operatorOf } from '../identity.ts';
import { jsonBody, validate } from '../validation.ts';
import { deliveryIdOf } from './get-delivery.ts';

/** `POST /deliveries/{deliveryId}/actions` by an operator: 202 with the view; 409 when the table forbids it. */
export const applyOperatorAction = async (event: APIGatewayProxyEvent, context: ApiContext): Promise<APIGatewayProxyResult> => {
  const actor = operatorOf(event);
  const deliveryId = deliveryIdOf(event);
  const body = validate(operatorActionRequestSchema, jsonBody(event));
  if (body.partnerId !== undefined && !context.partnerIds.includes(body.partnerId)) {
    throw new HttpError('VALIDATION_FAILED', 'the request is not valid', [
      { field: 'partnerId', message: `not a partner of this deployment (${context.partnerIds.join(', ')})` },
    ]);
  }
  const key = idempotencyKeyOf(event);
  const command = {
    type: 'OPERATOR_ACTION',
    commandId: key ?? context.deps.newId('cmd'),
    action: body.action,
    actor,
    reason: body.reason,
    partnerId: body.partnerId,
  } as const;
  const execution = await executeCommand(context.repository, context.deps, {
    deliveryId,
    command,
    ...idempotencyOf('action', key, body),
  });
  return commandResponse(context, deliveryId, execution);
};
