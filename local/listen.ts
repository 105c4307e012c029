import type { Server } from 'node:http';

/** A local HTTP server that is listening. */
export interface ListeningServer {
  readonly url: string;
  /** Drops open connections and stops listening. */
  close(): Promise<void>;
}

/** Starts `server` on 127.0.0.1:`port`; fails if the port is taken. */
export const listen = async (server: Server, port: number): Promise<ListeningServer> => {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      resolve();
    });
  });
  return {
    url: `http://127.0.0.1:${String(port)}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
};
