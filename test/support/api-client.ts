import { createApiHandler } from '#http/api-app.ts';
import { noWorkflowsStarted } from './no-workflows.ts';
import { deterministicDeps } from './deterministic-deps.ts';
import { freshRepository } from './dynamodb.ts';
import { apiEvent, lambdaContext, type ApiRequest } from './api-events.ts';

/** The state machine the tests' views point at. */
export const TEST_STATE_MACHINE_ARN = 'arn:aws:states:eu-west-1:123456789012:stateMachine:DeliveryLifecycle';

/** An answer of the API, its body parsed. */
export interface ApiAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** The API handler over a fresh table on DynamoDB Local, and a function that calls it like API Gateway. */
export const apiOnFreshTable = async () => {
  const store = await freshRepository();
  const handler = createApiHandler({ repository: store.repository, deps: deterministicDeps(), stateMachineArn: TEST_STATE_MACHINE_ARN, partnerIds: ['manual', 'acme'], workflows: noWorkflowsStarted });
  const call = async (request: ApiRequest): Promise<ApiAnswer> => {
    const result = await handler(apiEvent(request), lambdaContext);
    return { status: result.statusCode, body: JSON.parse(result.body) as Record<string, unknown> };
  };
  return { ...store, call };
};
