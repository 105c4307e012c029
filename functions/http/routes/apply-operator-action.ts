import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { executeCommand } from '#application/execute-command.ts';
import { operatorActionRequestSchema } from '#schemas/api-requests.ts';
import type { ApiContext } from '../api-context.ts';
import { commandResponse } from '../command-response.ts';
import { idempotencyKeyOf, operatorOf } from '../identity.ts';
import { jsonBody, validate } from '../validation.ts';
import { deliveryIdOf } from './get-delivery.ts';

/** `POST /deliveries/{deliveryId}/actions` by an operator: 202 with the view; 409 when the table forbids it. */
export const applyOperatorAction = async (event: APIGatewayProxyEvent, context: ApiContext): Promise<APIGatewayProxyResult> => {
  const actor = operatorOf(event);
  const deliveryId = deliveryIdOf(event);
  const body = validate(operatorActionRequestSchema, jsonBody(event));
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
    ...(key === undefined ? {} : { idempotencyKey: `action#${key}` }),
  });
  return commandResponse(context, deliveryId, execution);
};
