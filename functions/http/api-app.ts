import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { ApiContext } from './api-context.ts';
import { bodyLimit, errorResponses, requestLogging } from './middlewares.ts';
import { route } from './router.ts';

/** Bodies over 64 KiB get 413 (contract §3). */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * The API's Lambda handler over `context`: body limit, request logging and the contract's error
 * shape around the router.
 *
 * @example
 * export const handler = createApiHandler({ repository, deps: systemDeps, stateMachineArn });
 */
export const createApiHandler = (context: ApiContext) =>
  middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
    .use(requestLogging())
    .use(errorResponses())
    .use(bodyLimit(MAX_BODY_BYTES))
    .handler((event) => route(event, context));
