import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { within } from './deadline.js';

export interface ListenerOptions {
  port: number;
  host: string;
  /** Longest a client may take to send a whole request (`REQUEST_BODY_TIMEOUT_MS`). */
  requestBodyTimeoutMs: number;
  /** How long in-flight requests may take to finish once `close()` began (`SHUTDOWN_TIMEOUT_MS`). */
  shutdownTimeoutMs: number;
  logger: Logger;
}

export interface Listener {
  server: Server;
  port: number;
  /** `http://<host>:<port>/graphql` */
  url: string;
  /** True once `close()` began: `/ready` answers 503 and keep-alive connections close after their response. */
  readonly draining: boolean;
  /**
   * The listening socket closes (new connections are refused), in-flight requests get up to
   * `shutdownTimeoutMs` to finish, then the remaining connections are closed. `drained`: nothing was cut.
   */
  close(): Promise<{ drained: boolean }>;
}

/** The HTTP server of `handler` on `host:port`, counting its in-flight requests for a graceful close. */
export async function listen(handler: RequestListener, options: ListenerOptions): Promise<Listener> {
  const { logger } = options;
  const server = createServer(requestTimeouts(options.requestBodyTimeoutMs), handler);
  let draining = false;
  let inFlight = 0;
  let onIdle: (() => void) | null = null;
  server.on('request', (_request, response) => {
    inFlight += 1;
    // Keep-alive connections must not outlive the shutdown.
    if (draining) response.setHeader('connection', 'close');
    response.once('close', () => {
      inFlight -= 1;
      if (inFlight === 0) onIdle?.();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const { host } = options;

  async function close(): Promise<{ drained: boolean }> {
    draining = true;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    // Written once the listening socket is closed: a reader of this line can rely on that.
    logger.info(
      { inFlight, timeoutMs: options.shutdownTimeoutMs },
      'shutting down: finishing in-flight requests',
    );
    const idle = new Promise<true>((resolve) => {
      onIdle = () => resolve(true);
      if (inFlight === 0) resolve(true);
    });
    const drained = await within(idle, options.shutdownTimeoutMs, false);
    if (!drained)
      logger.warn({ inFlight }, 'shutdown timeout: closing the connections of unfinished requests');
    server.closeAllConnections();
    await closed;
    return { drained };
  }

  return {
    server,
    port,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/graphql`,
    get draining() {
      return draining;
    },
    close,
  };
}

/**
 * node:http's bounds on a client sending its request (a body that trickles in a byte at a time):
 * past `ms` it answers 408 and closes. Node checks every `connectionsCheckingInterval`, 30 s by
 * default: a quarter of the bound keeps the cut close to it.
 */
function requestTimeouts(ms: number) {
  return {
    requestTimeout: ms,
    headersTimeout: Math.min(ms, 60_000),
    connectionsCheckingInterval: Math.max(250, Math.min(30_000, Math.floor(ms / 4))),
  };
}
