import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { useDeferStream } from '@graphql-yoga/plugin-defer-stream';
import type { Tracer } from '@opentelemetry/api';
import { createYoga, type Plugin, useReadinessCheck } from 'graphql-yoga';
import type { Logger } from 'pino';
import { createContext, type GatewayContext } from './context.js';
import { MissingTokenSource, StaticTokenSource, type TokenSource } from './criteo/auth.js';
import type { CriteoClient } from './criteo/client.js';
import { createDeadline, type Deadline } from './deadline.js';
import { GRAPHIQL_TABS } from './graphiql-tabs.js';
import { currentRequestId } from './observability/logged-request.js';
import { toYogaLogger } from './observability/logger.js';
import type { Metrics } from './observability/metrics.js';
import { type Readiness, toReadinessResponse } from './observability/readiness.js';
import { maskError, useIncrementalErrorMasking } from './plugins/mask-errors.js';
import { useAccessLog } from './plugins/use-access-log.js';
import { useAllowList } from './plugins/use-allow-list.js';
import { type ArmorOptions, useArmor } from './plugins/use-armor.js';
import { type CallerAuthOptions, callerOf, useCallerAuth } from './plugins/use-caller-auth.js';
import { useDisableIntrospection } from './plugins/use-disable-introspection.js';
import { useHideFederationSdl } from './plugins/use-hide-federation-sdl.js';
import { useInputLimits } from './plugins/use-input-limits.js';
import { useListLimits } from './plugins/use-list-limits.js';
import { useMetrics } from './plugins/use-metrics.js';
import { useNoSuggestions } from './plugins/use-no-suggestions.js';
import { useRequestId } from './plugins/use-request-id.js';
import { useRequestLimits } from './plugins/use-request-limits.js';
import { maxRequestBodySize, useStreamingUploads } from './plugins/use-streaming-uploads.js';
import { useTracing } from './plugins/use-tracing.js';
import { useUpstreamCallLimit } from './plugins/use-upstream-call-limit.js';
import { schema } from './schema/index.js';

export interface GatewayOptions {
  criteo: CriteoClient;
  /** DataLoader batching; off only for the N+1 control of the benchmarks. */
  batch?: boolean;
  /** Serve GraphiQL at `/graphql` (assets served locally, no CDN). */
  graphiql?: boolean;
  /** Deadline of one GraphQL operation (default 20 s): outstanding upstream calls are cancelled. */
  operationTimeoutMs?: number;
  /** Largest file of a multipart request (default 100 MiB), refused while it arrives. */
  maxUploadBytes?: number;
  /** Largest body of any other request, JSON above all (default 8 MiB), refused while it arrives. */
  maxRequestBytes?: number;
  /**
   * Passthrough credentials: each request carries its caller's Criteo token in this header
   * (`Bearer <token>`), forwarded upstream; the service credentials are never used in its place.
   */
  passthroughHeader?: string;
  /**
   * Caller authentication: a GraphQL request without a valid JWT answers 401 before anything runs,
   * and the verified caller's advertisers scope every read and write. Absent: callers are trusted.
   */
  callerAuth?: CallerAuthOptions;
  /** Browser origins allowed to call cross-origin (exact, with credentials); default none. */
  corsOrigins?: readonly string[];
  /** Request ids, structured logs, metrics, tracing and readiness; absent, none of them (tests, benchmarks). */
  observability?: ObservabilityOptions;
  /** Operation limits, CSRF prevention, introspection, allow-list; absent, none of them (tests, benchmarks). */
  hardening?: HardeningOptions;
}

export interface ObservabilityOptions {
  /** Yoga's errors (unexpected ones with their stack) and one access line per request. */
  logger?: Logger;
  /** `/metrics`, and the DataLoader batch sizes (the upstream hooks are the client's). */
  metrics?: Metrics;
  /** A span per GraphQL operation (only when OpenTelemetry is configured). */
  tracer?: Tracer;
  /** `/ready`. */
  readiness?: () => Promise<Readiness>;
}

export interface HardeningOptions {
  /** graphql-armor (depth, cost, aliases, tokens, directives); on unless `false`. */
  armor?: ArmorOptions | false;
  /** Yoga's CSRF prevention (default on): simple requests need an `x-graphql-yoga-csrf` header. */
  csrfPrevention?: boolean;
  /** Schema introspection (default on); off also removes every "Did you mean …?" hint. */
  introspection?: boolean;
  /** `_service { sdl }` (default: as `introspection`). */
  federationSdl?: boolean;
  /** Longest list argument of a query (default 100). */
  maxListArgument?: number;
  /** Allow-list mode: only these operations (id -> document) run. */
  allowList?: ReadonlyMap<string, string> | null;
  /** Most Criteo calls one operation may cause (estimated before it runs); absent, none refused. */
  maxUpstreamCalls?: number;
}

const DEFAULT_MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

/** The GraphQL server: schema, per-request context, error masking and GraphiQL. */
export function createGateway(options: GatewayOptions) {
  const { observability, hardening } = options;
  const onBatch = observability?.metrics?.onBatch;
  const maxUploadBytes = options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
  const corsOrigins = new Set(options.corsOrigins ?? []);
  // Each operation's deadline, cleared when its response is ready.
  const deadlines = new WeakMap<Request, Deadline>();
  const startDeadline = (request: Request) => {
    const deadline = createDeadline(options.operationTimeoutMs ?? 20_000, request.signal);
    deadlines.set(request, deadline);
    return deadline.signal;
  };
  return createYoga<Record<string, unknown>, GatewayContext>({
    schema,
    maxRequestBodySize: maxRequestBodySize(maxUploadBytes),
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    context: ({ request }) =>
      createContext(options.criteo, {
        batch: options.batch ?? true,
        signal: startDeadline(request),
        onBatch,
        requestId: currentRequestId(),
        tokens: options.passthroughHeader ? callerToken(request, options.passthroughHeader) : undefined,
        caller: callerOf(request),
      }),
    // Yoga's default reflects any Origin with credentials: any web page could drive a visitor's browser.
    cors: (request) => {
      const origin = request.headers.get('origin');
      return origin !== null && corsOrigins.has(origin) ? { origin: [origin], credentials: true } : false;
    },
    // Never the original message or stack in a response, whatever NODE_ENV says.
    maskedErrors: { maskError, isDev: false },
    ...(observability?.logger ? { logging: toYogaLogger(observability.logger) } : {}),
    ...(hardening?.allowList ? { extraParamNames: ['documentId', 'doc_id'] } : {}),
    graphiql:
      options.graphiql === false ? false : { title: 'Criteo Audience GraphQL', defaultTabs: GRAPHIQL_TABS },
    // GraphiQL's page carries its whole bundle: about 33 MB of heap once loaded, for the life of the
    // process. Only a process that serves it loads it, on the first visit (production serves none).
    renderGraphiQL: async (graphiql) =>
      (await import('@graphql-yoga/render-graphiql')).renderGraphiQL(graphiql),
    // Input limits are always on: graphql-js coerces variables recursively and a deep one overflows the stack.
    plugins: [
      // First: a refused caller costs no parsing, no upload and no upstream call.
      options.callerAuth && useCallerAuth(options.callerAuth),
      useInputLimits(),
      useStreamingUploads(maxUploadBytes),
      // @defer / @stream: a page first, its slow sizes in later parts of the same response.
      useDeferStream(),
      useIncrementalErrorMasking(),
      useRequestLimits(options.maxRequestBytes),
      // The operation's deadline, from its execution to its answer.
      {
        // A client that went away: execution stops at once, instead of completing every pending field
        // with its cancelled upstream call's error, masking and serialising an answer nobody reads.
        // (Yoga's useExecutionCancellation does it with the request's signal, a proxy the executor
        // then asks once per field: 2% of Q2's CPU.)
        onExecute: ({ args }) => {
          const deadline = deadlines.get(args.contextValue.request);
          if (deadline) Object.assign(args, { signal: deadline.disconnected });
        },
        // The answer is ready: the deadline's timer goes. An incremental answer (@defer / @stream) is
        // still running its later parts: they keep the deadline (its timer is unref'd and ends with it).
        onResponse: ({ request, response }) => {
          if (!isIncremental(response)) deadlines.get(request)?.clear();
        },
      } satisfies Plugin<GatewayContext>,
      ...observabilityPlugins(observability),
      ...hardeningPlugins(hardening),
      // Always on: every response says its estimated and actual upstream calls.
      useUpstreamCallLimit({ max: hardening?.maxUpstreamCalls ?? null, maxUploadBytes }),
    ].filter((plugin): plugin is Plugin => Boolean(plugin)),
  });
}

const isIncremental = (response: Response) =>
  /^(multipart\/mixed|text\/event-stream)/i.test(response.headers.get('content-type') ?? '');

function observabilityPlugins(options: ObservabilityOptions | undefined): Plugin[] {
  if (!options) return [];
  const { readiness } = options;
  return [
    useRequestId(),
    options.tracer && useTracing(options.tracer),
    options.logger && useAccessLog(options.logger),
    options.metrics && useMetrics({ registry: options.metrics.registry }),
    readiness &&
      useReadinessCheck({
        endpoint: '/ready',
        check: async ({ fetchAPI }) => toReadinessResponse(await readiness(), fetchAPI),
      }),
  ].filter((plugin): plugin is Plugin => Boolean(plugin));
}

function hardeningPlugins(options: HardeningOptions | undefined): Plugin[] {
  if (!options) return [];
  const introspection = options.introspection ?? true;
  return [
    (options.csrfPrevention ?? true) && useCSRFPrevention({ requestHeaders: ['x-graphql-yoga-csrf'] }),
    options.allowList && useAllowList(options.allowList),
    options.armor !== false && useArmor({ blockFieldSuggestions: !introspection, ...options.armor }),
    !introspection && useDisableIntrospection(),
    !introspection && useNoSuggestions(),
    !(options.federationSdl ?? introspection) && useHideFederationSdl(),
    useListLimits({ max: options.maxListArgument }),
  ].filter((plugin): plugin is Plugin => Boolean(plugin));
}

/** The bearer token of a passthrough request, or a source that refuses every call when it has none. */
function callerToken(request: Request, header: string): TokenSource {
  const token = /^Bearer\s+(\S+)$/i.exec(request.headers.get(header) ?? '')?.[1];
  return token ? new StaticTokenSource(token) : new MissingTokenSource(header);
}

export type Gateway = ReturnType<typeof createGateway>;
