import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { logger } from '#shared/logger.ts';
import { HttpError } from './http-error.ts';
import { errorBody, json } from './responses.ts';

type HttpMiddleware = MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult>;

/** Bodies over `maxBytes` are refused with 413 before anything reads them. */
export const bodyLimit = (maxBytes: number): HttpMiddleware => ({
  name: 'bodyLimit',
  before: (request) => {
    const { body, isBase64Encoded } = request.event;
    if (body === null) return;
    const bytes = isBase64Encoded ? Buffer.from(body, 'base64').byteLength : Buffer.byteLength(body, 'utf8');
    if (bytes > maxBytes) throw new HttpError('PAYLOAD_TOO_LARGE', `the body is ${bytes} bytes; at most ${maxBytes} are accepted`);
  },
});

/** Every request's log lines carry its route and request id; the outcome is logged once. */
export const requestLogging = (): HttpMiddleware => ({
  name: 'requestLogging',
  before: (request) => {
    const { httpMethod, resource, requestContext, pathParameters } = request.event;
    logger.appendKeys({ route: `${httpMethod} ${resource}`, requestId: requestContext.requestId, deliveryId: pathParameters?.['deliveryId'] });
  },
  after: (request) => {
    logger.info('request answered', { statusCode: request.response?.statusCode });
    logger.resetKeys();
  },
});

/**
 * Answers errors in the contract's shape: an HttpError with its code and details; anything else as
 * 500 INTERNAL without its message (it is logged, with its stack).
 */
export const errorResponses = (): HttpMiddleware => ({
  name: 'errorResponses',
  onError: (request) => {
    const { error } = request;
    if (error instanceof HttpError) {
      logger.info('request refused', { statusCode: error.status, code: error.code, details: error.details });
      request.response = json(error.status, errorBody(error.code, error.message, error.details));
    } else {
      logger.error('request failed', error instanceof Error ? error : String(error));
      request.response = json(500, errorBody('INTERNAL', 'the request failed; it has been logged'));
    }
    logger.resetKeys();
  },
});
