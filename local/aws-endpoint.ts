import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { checkAwsLimits } from './aws-limits.ts';
import { busLogPage } from './bus-log-endpoint.ts';
import { answerFailure, sendJson } from './json-reply.ts';
import { CLOSE_CONNECTION, readBodyWithin } from './request-body.ts';
import type { LocalEventBus } from './local-event-bus.ts';
import { listen, type ListeningServer } from './listen.ts';
import type { LocalRejectedEvents } from './local-rejected-events.ts';
import { answerClock } from './clock-endpoint.ts';
import type { LocalClock } from './local-clock.ts';

/** One operation of an AWS JSON-protocol API: the request's JSON in, the response's JSON out. */
export type AwsOperation = (input: unknown) => unknown;

/** Options of {@link startAwsEndpoint}. */
export interface AwsEndpointOptions {
  readonly port: number;
  /** Operations by `X-Amz-Target` (e.g. `AWSEvents.PutEvents`). */
  readonly operations: Readonly<Record<string, AwsOperation>>;
  /** The bus whose entries `GET /_local/events` lists. */
  readonly bus: LocalEventBus;
  /** The refused inbound events `GET /_local/rejected-events` lists. */
  readonly rejected?: LocalRejectedEvents;
  /** The stack's clock, that `/_local/clock` reads and (when manual) moves. */
  readonly clock?: LocalClock;
}

/** A running local AWS endpoint. */
export type LocalAwsEndpoint = ListeningServer;

/** Request bodies are read up to this size: AWS's own limits on what an operation takes are far below it. */
const MAX_REQUEST_BYTES = 1024 * 1024;

/** Parses a body as JSON; an empty body is `{}`. */
const parseJson = (body: Buffer): unknown => (body.byteLength === 0 ? {} : (JSON.parse(body.toString('utf8')) as unknown));

/** The body as JSON, or undefined when it is not JSON (the clock endpoint then names what it expected). */
const parsedOrUndefined = (body: Buffer): unknown => {
  try {
    return parseJson(body);
  } catch {
    return undefined;
  }
};

/** The content type of the AWS JSON protocol's replies. */
const AWS_JSON = 'application/x-amz-json-1.1';

const reply = (response: ServerResponse, status: number, body: unknown, contentType = AWS_JSON): void => {
  sendJson(response, status, body, { 'content-type': contentType });
};

/** The `__type` AWS answers for an `X-Amz-Target` it does not know, namespace and all (the SDK reads the name after `#`). */
const UNKNOWN_OPERATION = 'com.amazon.coral.service#UnknownOperationException';

const refuseTooLarge = (response: ServerResponse): void => {
  sendJson(response, 413, { message: `bodies over ${String(MAX_REQUEST_BYTES)} bytes are not read` }, { 'content-type': AWS_JSON, ...CLOSE_CONNECTION });
};

/** `/_local/clock`: a body that is not JSON reaches {@link answerClock} as undefined, which names what it expected. */
const answerClockRequest = async (request: IncomingMessage, response: ServerResponse, clock: LocalClock): Promise<void> => {
  const body = request.method === 'POST' ? await readBodyWithin(request, MAX_REQUEST_BYTES) : Buffer.alloc(0);
  if (body === null) {
    refuseTooLarge(response);
    return;
  }
  const { status, body: answered } = answerClock(request.method, request.method === 'POST' ? parsedOrUndefined(body) : undefined, clock);
  reply(response, status, answered, 'application/json');
};

/** How an operation's error reaches the SDK: `__type` names the exception class the client throws. */
const errorBody = (error: unknown): { __type: string; message: string } => ({
  __type: (error as { type?: string } | null)?.type ?? 'InternalFailure',
  message: error instanceof Error ? error.message : String(error),
});

/**
 * An endpoint that speaks the AWS JSON protocol (`POST /` with `X-Amz-Target`) for the operations it is
 * given, so that the unchanged AWS SDK clients work against it (`AWS_ENDPOINT_URL_EVENTBRIDGE`, `_SFN`);
 * `GET /_local/events?limit=&nextToken=`: `{"entries": [...]}`, a page of the newest 10,000 entries put on
 * any bus, oldest first (contract §7; see {@link busLogPage});
 * `GET /_local/rejected-events`: `{"entries": [...]}`, the newest inbound events refused for good, with the reason; and
 * `/_local/clock`: the stack's time, moved by `POST` when the clock is manual.
 */
export const startAwsEndpoint = async (options: AwsEndpointOptions): Promise<LocalAwsEndpoint> => {
  const answer = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (request.method === 'GET' && url.pathname === '/_local/events') {
      const page = busLogPage(options.bus, url.searchParams);
      reply(response, page.status, page.body, 'application/json');
      return;
    }
    if (request.method === 'GET' && url.pathname === '/_local/rejected-events') {
      reply(response, 200, { entries: options.rejected?.entries ?? [] }, 'application/json');
      return;
    }
    if (url.pathname === '/_local/clock' && options.clock !== undefined) {
      await answerClockRequest(request, response, options.clock);
      return;
    }
    const target = request.headers['x-amz-target'];
    const operation = typeof target === 'string' && Object.hasOwn(options.operations, target) ? options.operations[target] : undefined;
    if (request.method !== 'POST' || typeof target !== 'string' || operation === undefined) {
      reply(response, 400, { __type: UNKNOWN_OPERATION, message: `no operation ${String(target)} here` });
      return;
    }
    const body = await readBodyWithin(request, MAX_REQUEST_BYTES);
    if (body === null) {
      refuseTooLarge(response);
      return;
    }
    let input: unknown;
    try {
      input = parseJson(body);
    } catch {
      reply(response, 400, { __type: 'SerializationException', message: 'the body is not JSON' });
      return;
    }
    let output: unknown;
    try {
      checkAwsLimits(target, input);
      output = await operation(input);
    } catch (error) {
      reply(response, 400, errorBody(error));
      return;
    }
    reply(response, 200, output);
  };
  const server = createServer((request, response) => {
    answer(request, response).catch((error: unknown) => {
      console.error('local AWS endpoint: could not answer', error);
      answerFailure(response, errorBody(error));
    });
  });
  return listen(server, options.port);
};
