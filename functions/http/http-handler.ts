import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { serviceHandler } from '#shared/service-handler.ts';
import { bodyLimit, errorResponses, requestLogging } from './middlewares.ts';

/** Bodies over 64 KiB get 413 (contract §3). */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * The service's middleware stack with what every HTTP Lambda adds: request logging, the contract's
 * error shape, the body limit; then `answer`.
 *
 * @example
 * export const handler = httpHandler((event) => route(event, context));
 */
export const httpHandler = (answer: (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>) =>
  serviceHandler<APIGatewayProxyEvent, APIGatewayProxyResult>()
    .use(requestLogging())
    .use(errorResponses())
    .use(bodyLimit(MAX_BODY_BYTES))
    .handler(answer);
