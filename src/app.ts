import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-node';
import type { DestinationStream, Logger } from 'pino';
import type { Config } from './config.js';
import { MissingTokenSource } from './criteo/auth.js';
import { type CriteoClient, type CriteoClientOptions, createCriteoClient } from './criteo/client.js';
import type { UpstreamResponseEvent } from './criteo/http.js';
import { createLogger } from './observability/logger.js';
import { createMetrics, type Metrics } from './observability/metrics.js';
import { createReadinessCheck } from './observability/readiness.js';
import type { Tracing } from './observability/tracing.js';
import { readAllowList } from './plugins/use-allow-list.js';
import { createGateway } from './server.js';

export interface StartOptions {
  /** Where log lines go (default stdout; tests capture them). */
  logDestination?: DestinationStream;
  /** Replaces the configured span exporter (tests: an in-memory one). Only used when tracing is on. */
  spanProcessor?: SpanProcessor;
  /** Interface to listen on (default: `HOST`, i.e. 127.0.0.1). */
  host?: string;
  /** Caller-authentication settings without an environment variable (tests shorten the key-set cooldown). */
  auth?: { jwksCooldownMs?: number };
  /** Runs last on `stop()` (the embedded emulator of `npm start`). */
  onStop?: () => Promise<void>;
  /**
   * Client settings that have no environment variable: the test harness shortens the retry
   * backoff and sets budget windows here. Production leaves it empty.
   */
  client?: Pick<CriteoClientOptions, 'retry' | 'rateBudget'>;
  /** DataLoader batching; off only for the N+1 control of the tests and benchmarks. */
  batch?: boolean;
}

export interface RunningGateway {
  server: Server;
  /** `http://<host>:<port>/graphql` */
  url: string;
  port: number;
  logger: Logger;
  criteo: CriteoClient;
  metrics: Metrics | null;
  /**
   * Graceful shutdown: `/ready` turns 503, the listening socket closes (new connections are
   * refused), in-flight requests get up to `SHUTDOWN_TIMEOUT_MS` to finish, then the remaining
   * connections are closed, the upstream pool and the tracer flushed. `drained`: nothing was cut.
   */
  stop(): Promise<{ drained: boolean }>;
}

/** How long closing the upstream pool and flushing spans may take once requests are done. */
const CLOSE_GRACE_MS = 2_000;

/**
 * The gateway as it runs in production: config -> logger, metrics, optional tracing, the Criteo
 * client with its hooks, the hardened Yoga server, and an HTTP server that shuts down gracefully.
 */
export async function startGateway(config: Config, options: StartOptions = {}): Promise<RunningGateway> {
  const { credentials } = config;
  if (!credentials && config.authMode !== 'passthrough')
    throw new Error('startGateway needs Criteo credentials (main.ts supplies the emulator’s)');
  // Loaded only when configured: without OTEL_* variables no OpenTelemetry SDK is imported.
  const tracing: Tracing | null = config.tracing
    ? (await import('./observability/tracing.js')).startTracing(config.tracing, {
        spanProcessor: options.spanProcessor,
      })
    : null;
  const logger = createLogger({
    level: config.logLevel,
    destination: options.logDestination,
    secrets: credentials ? [credentials.clientSecret] : [],
    // The scrubber only spots tokens that look like one (Bearer …, a JWT); this header is a token whatever it holds.
    secretHeaders: config.authMode === 'passthrough' ? [config.tokenHeader] : [],
    mixin: tracing?.logFields,
  });
  const metrics = config.metrics ? createMetrics() : null;
  const allowList = config.persistedOperationsFile
    ? await readAllowList(config.persistedOperationsFile)
    : null;

  const logUpstream = (event: UpstreamResponseEvent) =>
    logger.debug(
      {
        operation: event.operation,
        method: event.method,
        status: event.status,
        durationMs: Math.round(event.durationMs * 10) / 10,
        ...(event.error ? { code: event.error.code, traceId: event.error.traceId } : {}),
      },
      'upstream call',
    );
  const { upstream } = config;
  const criteo = createCriteoClient({
    apiUrl: config.apiUrl,
    apiVersion: config.apiVersion,
    // Passthrough without service credentials: every call carries its caller's token, nothing else.
    auth: credentials ? { credentials } : { tokens: new MissingTokenSource(config.tokenHeader) },
    http: {
      connections: upstream.maxConnections,
      connectTimeoutMs: upstream.connectTimeoutMs,
      headersTimeoutMs: upstream.requestTimeoutMs,
      bodyTimeoutMs: upstream.requestTimeoutMs,
    },
    retry: { maxRetries: upstream.maxRetries, minDelayMs: 200, maxDelayMs: 5_000 },
    maxResponseBytes: upstream.maxResponseBytes,
    rateBudget: upstream.rateLimitPerMinute === 0 ? false : { limit: upstream.rateLimitPerMinute },
    onAttempt: metrics?.onAttempt,
    onResponse: (event) => {
      metrics?.onResponse(event);
      tracing?.upstream.onResponse(event);
      logUpstream(event);
    },
    wrapCall: tracing?.upstream.wrapCall,
    headers: tracing?.upstream.headers,
    ...options.client,
  });
  metrics?.observeClient(criteo);

  let draining = false;
  const yoga = createGateway({
    criteo,
    batch: options.batch,
    graphiql: config.graphiql,
    operationTimeoutMs: config.operationTimeoutMs,
    maxUploadBytes: config.maxUploadBytes,
    maxRequestBytes: config.maxRequestBytes,
    passthroughHeader: config.authMode === 'passthrough' ? config.tokenHeader : undefined,
    callerAuth: config.auth ? { ...config.auth, logger, ...options.auth } : undefined,
    corsOrigins: config.corsOrigins,
    observability: {
      logger,
      metrics: metrics ?? undefined,
      tracer: tracing?.tracer,
      readiness: createReadinessCheck(criteo, {
        draining: () => draining,
        cacheMs: config.readyCacheMs,
        probe: credentials ? 'authenticated' : 'reachable',
      }),
    },
    hardening: {
      armor: { limits: config.operationLimits },
      csrfPrevention: config.csrfPrevention,
      introspection: config.introspection,
      federationSdl: config.federationSdl,
      allowList,
      maxUpstreamCalls: config.maxUpstreamCallsPerOperation,
    },
  });

  const server = createServer(requestTimeouts(config.requestBodyTimeoutMs), yoga);
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
    server.listen(config.port, options.host ?? config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? config.host;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}/graphql`;
  logger.info(
    {
      url,
      upstream: `${config.apiUrl}/${config.apiVersion}/marketing-solutions`,
      graphiql: config.graphiql,
      introspection: config.introspection,
      callerAuth: Boolean(config.auth),
      corsOrigins: config.corsOrigins,
      metrics: Boolean(metrics),
      tracing: Boolean(tracing),
      allowList: allowList?.size ?? null,
    },
    'GraphQL gateway listening',
  );

  let stopping: Promise<{ drained: boolean }> | null = null;
  async function shutdown(): Promise<{ drained: boolean }> {
    draining = true;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    // Written once the listening socket is closed: a reader of this line can rely on that.
    logger.info(
      { inFlight, timeoutMs: config.shutdownTimeoutMs },
      'shutting down: finishing in-flight requests',
    );
    const idle = new Promise<true>((resolve) => {
      onIdle = () => resolve(true);
      if (inFlight === 0) resolve(true);
    });
    const drained = await within(idle, config.shutdownTimeoutMs, false);
    if (!drained)
      logger.warn({ inFlight }, 'shutdown timeout: closing the connections of unfinished requests');
    server.closeAllConnections();
    await closed;
    await within(
      Promise.allSettled([criteo.close(), tracing?.shutdown(), options.onStop?.()]),
      CLOSE_GRACE_MS,
      [],
    );
    logger.info({ drained }, 'stopped');
    return { drained };
  }

  return {
    server,
    url,
    port,
    logger,
    criteo,
    metrics,
    stop() {
      stopping ??= shutdown();
      return stopping;
    },
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

/** `promise`, or `fallback` once `ms` passed (the timer does not outlive it). */
async function within<T, F>(promise: Promise<T>, ms: number, fallback: F): Promise<T | F> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<F>((resolve) => {
    timer = setTimeout(resolve, ms, fallback);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
