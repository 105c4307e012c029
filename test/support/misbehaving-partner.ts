import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { onTestFinished } from 'vitest';
import { freePort } from '../../local/free-port.ts';
import { listen } from '../../local/listen.ts';

/** How the server answers one request. */
export type Behaviour =
  | { readonly kind: 'answer'; readonly status: number; readonly body: unknown }
  | { readonly kind: 'slow'; readonly ms: number; readonly status: number; readonly body: unknown }
  | { readonly kind: 'drop' }
  | { readonly kind: 'garbage'; readonly status: number };

/** A request the server received. */
export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** Shorthands for the behaviours. */
export const answer = (status: number, body: unknown): Behaviour => ({ kind: 'answer', status, body });
export const slow = (ms: number, status = 200, body: unknown = {}): Behaviour => ({ kind: 'slow', ms, status, body });
export const drop: Behaviour = { kind: 'drop' };
export const garbage = (status = 200): Behaviour => ({ kind: 'garbage', status });

const act = (behaviour: Behaviour, request: IncomingMessage, response: ServerResponse): void => {
  const send = (status: number, body: string): void => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(body);
  };
  switch (behaviour.kind) {
    case 'answer':
      send(behaviour.status, JSON.stringify(behaviour.body));
      return;
    case 'slow': {
      const timer = setTimeout(() => {
        send(behaviour.status, JSON.stringify(behaviour.body));
      }, behaviour.ms);
      request.socket.once('close', () => {
        clearTimeout(timer);
      });
      return;
    }
    case 'drop':
      request.socket.destroy();
      return;
    case 'garbage':
      send(behaviour.status, '<html>502 Bad Gateway</html>');
  }
};

/**
 * A partner API on a real local HTTP server that answers each request with the next behaviour of the
 * script (the last one repeats): slow, failing, dropping the connection, or answering garbage. Closed
 * when the test ends.
 */
export const misbehavingPartner = async (script: readonly Behaviour[]) => {
  const requests: ReceivedRequest[] = [];
  const queue = [...script];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString() });
      const behaviour = queue.length > 1 ? queue.shift() : queue[0];
      act(behaviour ?? answer(500, {}), request, response);
    });
  });
  const running = await listen(server, await freePort());
  onTestFinished(() => running.close());
  return { url: running.url, requests };
};
