import type { APIGatewayProxyResult } from 'aws-lambda';
import type { Execution } from '#application/execute-command.ts';
import { toView } from '#application/delivery-view.ts';
import { logCommitted } from '#application/log-committed.ts';
import { logAbout } from '#application/log-context.ts';
import { RefusalCode } from '#domain/refusal.ts';
import type { ApiContext } from './api-context.ts';
import { HttpError } from './http-error.ts';
import { json } from './responses.ts';

/** Loads a delivery or answers 404. */
export const loadDelivery = async (context: ApiContext, deliveryId: string) => {
  const delivery = await context.repository.get(deliveryId);
  if (!delivery) throw new HttpError('NOT_FOUND', `delivery ${deliveryId} does not exist`);
  logAbout(delivery, context.stateMachineArn);
  return delivery;
};

/** The answer to a command on an existing delivery: 202 with the view, 404, or 409. */
export const commandResponse = async (context: ApiContext, deliveryId: string, execution: Execution): Promise<APIGatewayProxyResult> => {
  switch (execution.kind) {
    case 'committed':
      logAbout(execution.delivery, context.stateMachineArn);
      logCommitted(execution, context.stateMachineArn);
      return json(202, toView(execution.delivery, context.stateMachineArn));
    case 'duplicate':
      return json(202, toView(await loadDelivery(context, deliveryId), context.stateMachineArn));
    case 'key-reused':
      throw new HttpError('CONFLICT', 'this Idempotency-Key was used for another request');
    case 'refused': {
      const { refusal, delivery } = execution;
      if (delivery) logAbout(delivery, context.stateMachineArn);
      if (refusal.code === RefusalCode.NOT_FOUND) throw new HttpError('NOT_FOUND', `delivery ${deliveryId} does not exist`);
      throw new HttpError('TRANSITION_NOT_ALLOWED', refusal.message);
    }
    case 'order-exists':
    case 'job-claimed':
      throw new Error(`a ${execution.kind} outcome cannot answer a command on delivery ${deliveryId}`);
  }
};
