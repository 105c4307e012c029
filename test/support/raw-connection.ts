import { createConnection } from 'node:net';

/**
 * Writes `parts` one after the other on one new connection to `url`, as a client that reuses its
 * connection would, and resolves with everything the server sent back once it closed the connection
 * (a reset counts as closed). It never resolves while the server keeps the connection open.
 */
export const exchangeUntilClosed = (url: string, parts: readonly (string | Buffer)[]): Promise<string> =>
  new Promise((resolve) => {
    const { hostname, port } = new URL(url);
    const received: Buffer[] = [];
    const socket = createConnection({ host: hostname, port: Number(port) }, () => {
      for (const part of parts) socket.write(part);
    });
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    socket.on('error', () => undefined);
    socket.once('close', () => {
      resolve(Buffer.concat(received).toString('utf8'));
    });
  });

/** The head of an HTTP/1.1 request with a body of `bodyBytes`, on a connection kept alive. */
export const requestHead = (method: string, path: string, bodyBytes: number, headers: Readonly<Record<string, string>> = {}): string =>
  [`${method} ${path} HTTP/1.1`, 'host: localhost', 'connection: keep-alive', `content-length: ${String(bodyBytes)}`, ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`), '', ''].join('\r\n');
