import type { IncomingMessage } from 'node:http';

/** How much more than its limit a refused body may go on to send: it is read and dropped, then the connection is cut. */
const MAX_DROPPED_BYTES = 16 * 1024 * 1024;

/**
 * Reads the body of `request` up to `maxBytes`. A larger body gives null, once the rest of it has been
 * read and dropped, so that the refusal reaches a client that is still sending rather than a reset
 * connection; one that goes on past {@link MAX_DROPPED_BYTES} more has its connection cut.
 */
export const readBodyWithin = (request: IncomingMessage, maxBytes: number): Promise<Buffer | null> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size <= maxBytes) chunks.push(chunk);
      else if (size > maxBytes + MAX_DROPPED_BYTES) request.destroy(new Error(`the body went on past ${String(maxBytes + MAX_DROPPED_BYTES)} bytes: connection cut`));
    });
    request.once('end', () => {
      resolve(size > maxBytes ? null : Buffer.concat(chunks));
    });
    request.once('error', reject);
  });

/**
 * The header of a refusal after which the connection is closed, as API Gateway and the AWS endpoints
 * close it after a 413: the client knows not to send another request on it.
 */
export const CLOSE_CONNECTION = { connection: 'close' } as const;
