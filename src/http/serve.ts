import { createServer, type RequestListener, type Server } from 'node:http';
import type { Lifecycle } from './lifecycle.js';

export type ServeOptions = {
  port: number;
  host: string;
  /** Time a client has to send the request headers. */
  headersTimeoutMs: number;
  /** Time a client has to send the whole request (headers and body); not the time to answer it. */
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  /** Connections beyond this are refused, so a flood of slow clients cannot exhaust memory. */
  maxConnections: number;
};

export class ListenError extends Error {
  override name = 'ListenError';
}

const LISTEN_PROBLEMS: Record<string, (where: string) => string> = {
  EADDRINUSE: (where) => `${where} is already in use: stop what is listening there or set PORT to a free port.`,
  EACCES: (where) => `No permission to listen on ${where}: use a port above 1023 or run with the needed permission.`,
  EADDRNOTAVAIL: (where) => `${where} is not an address of this machine: check HOST.`,
};

/** Starts listening; resolves once the port is bound and rejects with a plain ListenError otherwise. */
export function serve(handler: RequestListener, options: ServeOptions): Promise<Server> {
  const server = createServer(
    {
      headersTimeout: options.headersTimeoutMs,
      requestTimeout: options.requestTimeoutMs,
      keepAliveTimeout: options.keepAliveTimeoutMs,
      // Node checks the two timeouts above on this interval (30 s by default, which would let slow
      // clients hold connections for up to that long past their deadline).
      connectionsCheckingInterval: Math.min(2_000, options.headersTimeoutMs),
    },
    handler,
  );
  server.maxConnections = options.maxConnections;
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      const where = `Port ${options.port} on ${options.host}`;
      const explain = LISTEN_PROBLEMS[error.code ?? ''];
      reject(new ListenError(explain ? explain(where) : `Could not listen on ${where}: ${error.message}`, { cause: error }));
    };
    server.once('error', onError);
    server.listen(options.port, options.host, () => {
      server.off('error', onError);
      resolve(server);
    });
  });
}

export type ShutdownOptions = {
  server: Server;
  lifecycle: Lifecycle;
  /** How long the listener stays open after readiness turns 503, so load balancers stop sending. */
  delayMs: number;
  /** Deadline, counted from the start of shutdown, for responses in flight to finish. */
  graceMs: number;
  /** Closes the stores and clients once no request can use them any more. */
  close(): Promise<void>;
  wait?: (milliseconds: number) => Promise<void>;
};

export type ShutdownReport = { forced: number };

/**
 * Graceful shutdown: readiness 503 first, then stop accepting connections, close idle keep-alive
 * connections, let requests in flight finish until the deadline, end what is left (event streams with
 * a final event), and close the stores last.
 */
export async function shutdown(options: ShutdownOptions): Promise<ShutdownReport> {
  const wait = options.wait ?? ((milliseconds: number) => new Promise<void>((resolve) => setTimeout(resolve, milliseconds).unref()));
  const deadline = Date.now() + options.graceMs;
  options.lifecycle.startDraining();
  if (options.delayMs > 0) await wait(Math.min(options.delayMs, options.graceMs));

  const closed = new Promise<void>((resolve) => options.server.close(() => resolve()));
  options.server.closeIdleConnections();
  await Promise.race([options.lifecycle.idle(), wait(Math.max(0, deadline - Date.now()))]);

  const forced = options.lifecycle.inFlight();
  if (forced > 0) {
    options.lifecycle.endInFlight();
    // Gives the final events a moment to leave before the sockets go.
    await wait(100);
  }
  options.server.closeAllConnections();
  await closed;
  await options.close();
  return { forced };
}
