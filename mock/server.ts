// Starts and stops the reference broker's HTTP server; nothing else.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestListener } from './http/app.ts';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** Listens on host:port (0 = any free port) and resolves once the URL is known. */
export async function listen(
  app: RequestListener,
  host: string,
  port: number,
  onUrl: (url: string) => void,
): Promise<RunningServer> {
  // The app answers a missing Host header itself, with a named error like every other.
  const server: Server = createServer({ requestTimeout: 120_000, requireHostHeader: false }, app);
  server.keepAliveTimeout = 5_000;
  server.on('clientError', app.clientError);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const url = `http://${formatHost(host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host)}:${address.port}`;
  onUrl(url);
  let closing: Promise<void> | undefined;
  return {
    url,
    close() {
      closing ??= new Promise<void>((resolve) => {
        app.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
