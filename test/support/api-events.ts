import type { APIGatewayProxyEvent, Context } from 'aws-lambda';

/** What a test says about a request; the rest of the API Gateway event is filled in. */
export interface ApiRequest {
  method: string;
  resource: string;
  pathParameters?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
  /** The authorizer's claims (an operator); none for service routes. */
  claims?: Record<string, string>;
}

/** An API Gateway REST proxy event as the deployed API sends it. */
export const apiEvent = (request: ApiRequest): APIGatewayProxyEvent => {
  const path = Object.entries(request.pathParameters ?? {}).reduce(
    (resolved, [name, value]) => resolved.replace(`{${name}}`, value),
    request.resource,
  );
  return {
    httpMethod: request.method,
    resource: request.resource,
    path,
    pathParameters: request.pathParameters ?? null,
    queryStringParameters: request.query ?? null,
    multiValueQueryStringParameters: null,
    headers: { 'content-type': 'application/json', ...request.headers },
    multiValueHeaders: {},
    body: request.body === undefined ? null : typeof request.body === 'string' ? request.body : JSON.stringify(request.body),
    isBase64Encoded: false,
    stageVariables: null,
    requestContext: {
      requestId: `req-${Math.random().toString(36).slice(2)}`,
      authorizer: request.claims ? { claims: request.claims } : null,
    } as unknown as APIGatewayProxyEvent['requestContext'],
  };
};

/** A Lambda context good enough for handlers that only log with it. */
export const lambdaContext = {
  functionName: 'test',
  awsRequestId: 'test-request',
  getRemainingTimeInMillis: () => 30_000,
} as unknown as Context;
