import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { executeCommand } from '#application/execute-command.ts';
import { toView } from '#application/delivery-view.ts';
import { logCommitted } from '#application/log-committed.ts';
import { logAbout } from '#application/log-context.ts';
import { requestHash } from '#adapters/delivery-store/request-hash.ts';
import { createDeliverySchema } from '#schemas/create-delivery.ts';
import type { ApiContext } from '../api-context.ts';
import { loadDelivery } from '../command-response.ts';
import { HttpError } from '../http-error.ts';
import { json } from '../responses.ts';
import { jsonBody, validate } from '../validation.ts';

/**
 * `POST /deliveries`: 201 with the new delivery; the same order again with the same body, 200 and the
 * same delivery; with another body, 409 CONFLICT.
 */
export const createDelivery = async (event: APIGatewayProxyEvent, context: ApiContext): Promise<APIGatewayProxyResult> => {
  const request = validate(createDeliverySchema, jsonBody(event));
  const command = { type: 'CREATE', commandId: context.deps.newId('cmd'), request } as const;
  const execution = await executeCommand(context.repository, context.deps, { deliveryId: null, command });
  switch (execution.kind) {
    case 'committed':
      logAbout(execution.delivery, context.stateMachineArn);
      logCommitted(execution, context.stateMachineArn);
      return json(201, toView(execution.delivery, context.stateMachineArn));
    case 'order-exists':
      if (execution.deliveryId === null) {
        throw new HttpError('CONFLICT', `order ${request.orderId} was cancelled before a delivery was created`, [
          { field: 'orderId', message: 'the order was cancelled' },
        ]);
      }
      logAbout({ deliveryId: execution.deliveryId, orderId: request.orderId }, context.stateMachineArn);
      if (execution.requestHash !== requestHash(request)) {
        throw new HttpError('CONFLICT', `order ${request.orderId} already has a delivery, created from another body`, [
          { field: 'orderId', message: `already used by ${execution.deliveryId}` },
        ]);
      }
      return json(200, toView(await loadDelivery(context, execution.deliveryId), context.stateMachineArn));
    case 'duplicate':
    case 'key-reused':
    case 'refused':
    case 'job-claimed':
      throw new Error(`a create cannot end ${execution.kind}`);
  }
};
