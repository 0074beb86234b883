/**
 * How the local services put their own HTTP servers up and take them down. They listen on
 * loopback only (nothing here checks request signatures, so nothing outside the machine may
 * reach them), on a free port unless one is asked for, and stopping also closes the open
 * keep-alive connections, which would otherwise hold `server.close()` back until they time out.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A server listening, where clients reach it, and how to stop it. */
export interface ListeningServer {
  /** `http://<address>:<port>`, e.g. `http://127.0.0.1:43123` (an IPv6 address in brackets). */
  readonly endpoint: string;
  /** Stops listening and closes every open connection. Safe to call twice. */
  close(): Promise<void>;
}

export interface ListenOptions {
  /** @default 0 (a free port) */
  readonly port?: number;
  /** Another loopback address, e.g. `::1`. @default '127.0.0.1' */
  readonly host?: string;
}

/**
 * Starts `server` listening.
 * @throws the server's error when it cannot listen (the port is taken, the address is not local)
 */
export async function listenOnLoopback(server: Server, options: ListenOptions = {}): Promise<ListeningServer> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    endpoint: `http://${host}:${address.port}`,
    close: () =>
      (closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      })),
  };
}
