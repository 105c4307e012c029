import type { ServerResponse } from 'node:http';

/**
 * Sends `body` as JSON with `status` (`content-type: application/json` unless `headers` say otherwise).
 * The body is serialized before anything is written, so that a body that cannot be serialized throws
 * with the response still unsent, for {@link answerFailure} to answer.
 */
export const sendJson = (response: ServerResponse, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void => {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(text);
};

/**
 * The last answer of a request whose own answer failed: 500 with `body` as JSON while nothing of the
 * response has gone out; once something has, the connection is closed, so that the caller is never
 * left waiting.
 */
export const answerFailure = (response: ServerResponse, body: unknown): void => {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  try {
    sendJson(response, 500, body);
  } catch (error) {
    console.error('could not even answer 500', error);
    response.destroy();
  }
};
