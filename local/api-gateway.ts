import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { errorBody } from '#http/responses.ts';
import type { ErrorCode } from '#http/http-error.ts';
import { matchRoute, type MatchedRoute, type RouteTarget } from './route-matcher.ts';
import { listen, type ListeningServer } from './listen.ts';
import { answerFailure } from './json-reply.ts';
import { CLOSE_CONNECTION, readBodyWithin } from './request-body.ts';
import { healthReply, type HealthProbes } from './stack-health.ts';
import { lambdaContext } from './lambda-context.ts';
import { DASHBOARD_PATH, type LocalDashboard } from './dashboard-site.ts';
import { dashboardContentSecurityPolicy } from '../web/build-dashboard.ts';

/** A Lambda handler as API Gateway invokes it. */
export type ProxyHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

/** Options of {@link startApiGateway}. */
export interface ApiGatewayOptions {
  readonly port: number;
  /** The handler of each route target: the same Lambda handlers CDK deploys. */
  readonly handlers: Readonly<Record<RouteTarget, ProxyHandler>>;
  /** The bearer token operator routes require (contract §3: `$OPERATOR_TOKEN`). */
  readonly operatorToken: string;
  /** The operator the token stands for, as the Cognito authorizer would name them. */
  readonly operatorName?: string;
  /** The operator dashboard, served at {@link DASHBOARD_PATH} (CloudFront's part in AWS). */
  readonly dashboard?: LocalDashboard;
  /**
   * The parts of the stack `GET /health` reports, answered by the gateway (see {@link healthReply}).
   * @default none: the API handler answers `GET /health`, as in AWS
   */
  readonly health?: HealthProbes;
}

/** A running local API. */
export type LocalApiGateway = ListeningServer;

/** The headers the dashboard's files are served with: the policy CloudFront adds in AWS, less what needs HTTPS or the hosted sign-in. */
const DASHBOARD_HEADERS = {
  'content-security-policy': dashboardContentSecurityPolicy(),
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
};

/** Bodies are read up to this size; the handlers answer 413 above their own 64 KiB limit. */
const MAX_READ_BYTES = 1024 * 1024;

const headersOf = (request: IncomingMessage): Record<string, string> =>
  Object.fromEntries(Object.entries(request.headers).flatMap(([name, value]) => (value === undefined ? [] : [[name, Array.isArray(value) ? value.join(',') : value]])));

/** The API Gateway REST proxy event of a request, as the deployed API would send it to the route's handler. */
export const proxyEventOf = (
  request: IncomingMessage,
  url: URL,
  body: Buffer,
  route: MatchedRoute,
  claims: Record<string, string> | null,
  requestId: string,
): APIGatewayProxyEvent => {
  const query = Object.fromEntries(url.searchParams.entries());
  return {
    httpMethod: request.method ?? 'GET',
    resource: route.resource,
    path: url.pathname,
    pathParameters: route.pathParameters,
    queryStringParameters: Object.keys(query).length === 0 ? null : query,
    multiValueQueryStringParameters: null,
    headers: headersOf(request),
    multiValueHeaders: {},
    body: body.byteLength === 0 ? null : body.toString('utf8'),
    isBase64Encoded: false,
    stageVariables: null,
    requestContext: { requestId, resourcePath: route.resource, httpMethod: request.method, authorizer: claims ? { claims } : null },
  } as unknown as APIGatewayProxyEvent;
};

const send = (response: ServerResponse, result: APIGatewayProxyResult): void => {
  response.writeHead(result.statusCode, { 'content-type': 'application/json', ...(result.headers as Record<string, string> | undefined) });
  response.end(result.body);
};

/** What the gateway answers when a request failed in the handler or on its way back. */
const INTERNAL_ERROR = errorBody('INTERNAL', 'the request failed');

const refusal = (status: number, code: ErrorCode, message: string): APIGatewayProxyResult => ({
  statusCode: status,
  body: JSON.stringify(errorBody(code, message)),
});

/**
 * The HTTP API on `port`, as API Gateway serves it in AWS: the routes CDK deploys, each turned into a
 * REST proxy event for the same handler; operator routes need `Authorization: Bearer <operatorToken>`
 * (the Cognito authorizer's part), service routes are open locally. With a dashboard, its files are
 * served too; with health probes, `GET /health` reports each part of the stack.
 */
export const startApiGateway = async (options: ApiGatewayOptions): Promise<LocalApiGateway> => {
  const claims = { 'cognito:username': options.operatorName ?? 'local-operator' };
  const answer = async (request: IncomingMessage): Promise<APIGatewayProxyResult> => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (options.health !== undefined && request.method === 'GET' && url.pathname === '/health') return healthReply(options.health);
    if (options.dashboard !== undefined && request.method === 'GET') {
      if (`${url.pathname}/` === DASHBOARD_PATH) return { statusCode: 301, headers: { location: DASHBOARD_PATH }, body: '' };
      const file = options.dashboard.file(url.pathname);
      if (file !== null) return { statusCode: 200, headers: { 'content-type': file.contentType, ...DASHBOARD_HEADERS }, body: file.body.toString('utf8') };
    }
    const route = matchRoute(request.method ?? 'GET', url.pathname);
    if (route === null) return refusal(404, 'NOT_FOUND', `no route ${request.method ?? ''} ${url.pathname}`);
    const operator = route.spec.access === 'operator' ? claims : null;
    if (operator !== null && request.headers.authorization !== `Bearer ${options.operatorToken}`) {
      return refusal(401, 'UNAUTHORIZED', 'an operator token is required');
    }
    const body = await readBodyWithin(request, MAX_READ_BYTES);
    if (body === null) return { ...refusal(413, 'PAYLOAD_TOO_LARGE', `bodies over ${String(MAX_READ_BYTES)} bytes are not read`), headers: CLOSE_CONNECTION };
    const requestId = randomUUID();
    return options.handlers[route.target](proxyEventOf(request, url, body, route, operator, requestId), lambdaContext(route.target, requestId));
  };
  const server = createServer((request, response) => {
    answer(request)
      .catch((error: unknown) => {
        console.error('local API gateway: the handler failed', error);
        return { statusCode: 500, body: JSON.stringify(INTERNAL_ERROR) };
      })
      .then((result) => {
        send(response, result);
      })
      .catch((error: unknown) => {
        console.error('local API gateway: could not answer', error);
        answerFailure(response, INTERNAL_ERROR);
      });
  });
  return listen(server, options.port);
};
