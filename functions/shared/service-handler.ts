import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { logger } from './logger.ts';

/**
 * The middleware stack every Lambda of the service starts from: each log line carries the invocation's
 * context (function, request id, cold start), and keys a previous invocation appended are cleared. The
 * invocation's event is never logged, whatever `POWERTOOLS_LOGGER_LOG_EVENT` says: it holds personal data.
 * Handlers add their own middlewares, then `.handler(…)`.
 *
 * @example
 * export const handler = serviceHandler<DynamoDBStreamEvent, DynamoDBBatchResponse>().handler((event) => relay(event.Records));
 */
export const serviceHandler = <Event, Result>() => middy<Event, Result>().use(injectLambdaContext(logger, { resetKeys: true, logEvent: false }));
