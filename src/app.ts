import type { Server } from 'node:http';
import type { Logger } from 'pino';
import { toCriteoClientOptions } from './client-options.js';
import type { Config } from './config.js';
import { type CriteoClient, type CriteoClientOptions, createCriteoClient } from './criteo/client.js';
import { within } from './deadline.js';
import { type Listener, listen } from './listener.js';
import type { Metrics } from './observability/metrics.js';
import { createReadinessCheck } from './observability/readiness.js';
import { createObservability, type ObservabilitySetupOptions } from './observability/setup.js';
import { readAllowList } from './plugins/use-allow-list.js';
import { createGateway } from './server.js';
import { createSharedState } from './shared-state/index.js';

export interface StartOptions extends ObservabilitySetupOptions {
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
 * The gateway as it runs in production: config -> logger, metrics, optional tracing
 * (`observability/setup.ts`), the Criteo client with their hooks (`client-options.ts`), the
 * hardened Yoga server (`server.ts`), and an HTTP listener that shuts down gracefully (`listener.ts`).
 */
export async function startGateway(config: Config, options: StartOptions = {}): Promise<RunningGateway> {
  const { credentials } = config;
  if (!credentials && config.authMode !== 'passthrough')
    throw new Error('startGateway needs Criteo credentials (main.ts supplies the emulator’s)');
  const { logger, metrics, tracing, clientHooks } = await createObservability(config, options);
  const allowList = config.persistedOperationsFile
    ? await readAllowList(config.persistedOperationsFile)
    : null;
  const shared = config.redis
    ? await createSharedState({
        ...config.redis,
        scope: { apiUrl: config.apiUrl, clientId: credentials?.clientId ?? null },
        logger,
      })
    : null;
  const criteo = createCriteoClient({
    ...toCriteoClientOptions(config),
    ...clientHooks,
    ...options.client,
    shared: shared?.client,
  });
  metrics?.observeClient(criteo);
  if (shared) metrics?.observeSharedState(shared.status);

  // Set once listening; readiness only asks for it when a probe arrives.
  let listener: Listener | null = null;
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
        draining: () => listener?.draining ?? false,
        cacheMs: config.readyCacheMs,
        probe: credentials ? 'authenticated' : 'reachable',
        shared: shared?.status,
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

  const running = await listen(yoga, {
    port: config.port,
    host: options.host ?? config.host,
    requestBodyTimeoutMs: config.requestBodyTimeoutMs,
    shutdownTimeoutMs: config.shutdownTimeoutMs,
    logger,
  });
  listener = running;
  logger.info(
    {
      url: running.url,
      upstream: `${config.apiUrl}/${config.apiVersion}/marketing-solutions`,
      graphiql: config.graphiql,
      introspection: config.introspection,
      callerAuth: Boolean(config.auth),
      corsOrigins: config.corsOrigins,
      metrics: Boolean(metrics),
      tracing: Boolean(tracing),
      allowList: allowList?.size ?? null,
      sharedState: shared ? 'redis' : 'process',
    },
    'GraphQL gateway listening',
  );

  async function shutdown(): Promise<{ drained: boolean }> {
    const { drained } = await running.close();
    await within(
      Promise.allSettled([criteo.close(), shared?.close(), tracing?.shutdown(), options.onStop?.()]),
      CLOSE_GRACE_MS,
      [],
    );
    logger.info({ drained }, 'stopped');
    return { drained };
  }

  let stopping: Promise<{ drained: boolean }> | null = null;
  return {
    server: running.server,
    url: running.url,
    port: running.port,
    logger,
    criteo,
    metrics,
    stop() {
      stopping ??= shutdown();
      return stopping;
    },
  };
}
