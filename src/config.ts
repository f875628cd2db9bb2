import { z } from 'zod';
import { ENV_VARIABLES } from './config/variables.js';

export type { LogLevel } from './config/parsers.js';

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|::1|\[::1\])$/i;
/** Only this machine can reach an interface of these names. */
export const isLoopback = (host: string) => LOOPBACK.test(host);

/** The variables of src/config/variables.ts, and the rules that tie several of them together. */
const EnvSchema = z.object(ENV_VARIABLES).superRefine((env, ctx) => {
  if (Boolean(env.CRITEO_CLIENT_ID) !== Boolean(env.CRITEO_CLIENT_SECRET)) {
    const missing = env.CRITEO_CLIENT_ID ? 'CRITEO_CLIENT_SECRET' : 'CRITEO_CLIENT_ID';
    ctx.addIssue({
      code: 'custom',
      path: [missing],
      message: 'must be set together with its pair (client id and secret)',
    });
  }
  if (env.AUTH_JWKS_URL) {
    for (const name of ['AUTH_ISSUER', 'AUTH_AUDIENCE'] as const) {
      if (!env[name])
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: 'must be set with AUTH_JWKS_URL (tokens are checked for their issuer and audience)',
        });
    }
    if (env.CRITEO_AUTH_MODE === 'passthrough' && env.CRITEO_TOKEN_HEADER === 'authorization') {
      ctx.addIssue({
        code: 'custom',
        path: ['CRITEO_TOKEN_HEADER'],
        message:
          "must name another header than authorization when AUTH_JWKS_URL is set: Authorization carries the caller's JWT (e.g. CRITEO_TOKEN_HEADER=x-criteo-token)",
      });
    }
  } else if (env.AUTH_ISSUER || env.AUTH_AUDIENCE) {
    ctx.addIssue({
      code: 'custom',
      path: ['AUTH_JWKS_URL'],
      message: 'must be set when AUTH_ISSUER or AUTH_AUDIENCE is (the keys that sign callers’ tokens)',
    });
  }
  // Real credentials, nobody authenticated, reachable from other machines: anyone could act for the application.
  if (env.CRITEO_CLIENT_ID && !env.AUTH_JWKS_URL && !isLoopback(env.HOST) && !env.ALLOW_UNAUTHENTICATED) {
    ctx.addIssue({
      code: 'custom',
      path: ['HOST'],
      message: `${env.HOST} is reachable from other machines, and with CRITEO_CLIENT_ID set and no AUTH_JWKS_URL anyone who reaches it acts with the application's Criteo credentials: set AUTH_JWKS_URL (with AUTH_ISSUER and AUTH_AUDIENCE), listen on 127.0.0.1, or set ALLOW_UNAUTHENTICATED=true if something in front authenticates callers`,
    });
  }
});

type Env = z.infer<typeof EnvSchema>;

export interface CriteoCredentials {
  clientId: string;
  clientSecret: string;
}

export interface CallerAuthConfig {
  jwksUrl: string;
  issuer: string;
  audience: string;
  /** The claim listing the Criteo advertiser ids a caller may reach. */
  advertisersClaim: string;
}

export interface TracingConfig {
  serviceName: string;
  exporter: 'otlp' | 'console';
  /** OTLP/HTTP traces URL (`…/v1/traces`). */
  url: string;
  headers: Record<string, string>;
}

/** The typed configuration; what each field means: its variable in src/config/variables.ts. */
export type Config = ReturnType<typeof toConfig>;

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Environment -> typed config. The only reader of `process.env`; a bad value names the variable and the rule. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Only the known names are read; a blank value is an unset one.
  const set = Object.fromEntries(
    Object.keys(ENV_VARIABLES).map((name) => [name, env[name]?.trim() ? env[name] : undefined]),
  );
  const parsed = EnvSchema.safeParse(set);
  if (!parsed.success) {
    // Values are not echoed: a secret must never reach a log.
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const e = parsed.data;
  // The embedded emulator stands in for Criteo only in service mode: a passthrough caller's token is
  // for the real API, so without service credentials the upstream must be named, never assumed.
  if (e.CRITEO_AUTH_MODE === 'passthrough' && !e.CRITEO_CLIENT_ID && !set.CRITEO_API_URL) {
    throw new ConfigError([
      'CRITEO_API_URL: must be set in passthrough mode without service credentials (e.g. https://api.criteo.com); the embedded emulator only runs in service mode',
    ]);
  }
  return toConfig(e);
}

function toConfig(e: Env) {
  const production = e.NODE_ENV === 'production';
  const introspection = e.INTROSPECTION ?? !production;
  return {
    /**
     * Absent in service mode: `npm start` runs the embedded emulator with its demo credentials. Absent
     * in passthrough mode: callers' tokens only, against `apiUrl` (which must then be set).
     */
    credentials: credentialsOf(e),
    apiUrl: e.CRITEO_API_URL.replace(/\/+$/, ''),
    apiVersion: e.CRITEO_API_VERSION,
    port: e.PORT,
    host: e.HOST,
    /** Caller authentication (JWTs checked against a JWKS); null: callers are not authenticated. */
    auth: callerAuthOf(e),
    corsOrigins: e.CORS_ORIGINS ?? [],
    federationSdl: e.FEDERATION_SDL ?? introspection,
    upstream: {
      rateLimitPerMinute: e.CRITEO_RATE_LIMIT_PER_MINUTE,
      maxRetries: e.CRITEO_MAX_RETRIES,
      maxConnections: e.CRITEO_MAX_CONNECTIONS,
      connectTimeoutMs: e.CRITEO_CONNECT_TIMEOUT_MS,
      requestTimeoutMs: e.CRITEO_REQUEST_TIMEOUT_MS,
      maxResponseBytes: e.CRITEO_MAX_RESPONSE_BYTES,
    },
    /** How long a read is answered again without a call (ms); 0: no cache. */
    cacheTtlMs: e.CACHE_TTL_SECONDS * 1000,
    /** Redis shared by the replicas (budget, token, read cache); null: this process keeps its own. */
    redis: e.REDIS_URL ? { url: e.REDIS_URL, fallbackBudgetPercent: e.REDIS_FALLBACK_BUDGET_PERCENT } : null,
    operationTimeoutMs: e.OPERATION_TIMEOUT_MS,
    maxUploadBytes: e.MAX_UPLOAD_BYTES,
    maxRequestBytes: e.MAX_REQUEST_BYTES,
    requestBodyTimeoutMs: e.REQUEST_BODY_TIMEOUT_MS,
    /** Cost, depth and token limits of one operation, checked before it runs (graphql-armor). */
    operationLimits: {
      maxCost: e.MAX_OPERATION_COST,
      maxDepth: e.MAX_OPERATION_DEPTH,
      maxTokens: e.MAX_OPERATION_TOKENS,
    },
    maxUpstreamCallsPerOperation: e.MAX_UPSTREAM_CALLS_PER_OPERATION,
    production,
    logLevel: e.LOG_LEVEL,
    graphiql: e.GRAPHIQL ?? !production,
    introspection,
    metrics: e.METRICS ?? true,
    csrfPrevention: e.CSRF_PREVENTION ?? true,
    persistedOperationsFile: e.PERSISTED_OPERATIONS_FILE ?? null,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    readyCacheMs: e.READY_CACHE_MS,
    authMode: e.CRITEO_AUTH_MODE,
    tokenHeader: e.CRITEO_TOKEN_HEADER,
    /** OpenTelemetry tracing; null (the default) loads no OpenTelemetry SDK at all. */
    tracing: tracingOf(e),
  };
}

function credentialsOf(e: Env): CriteoCredentials | null {
  return e.CRITEO_CLIENT_ID && e.CRITEO_CLIENT_SECRET
    ? { clientId: e.CRITEO_CLIENT_ID, clientSecret: e.CRITEO_CLIENT_SECRET }
    : null;
}

function callerAuthOf(e: Env): CallerAuthConfig | null {
  return e.AUTH_JWKS_URL && e.AUTH_ISSUER && e.AUTH_AUDIENCE
    ? {
        jwksUrl: e.AUTH_JWKS_URL,
        issuer: e.AUTH_ISSUER,
        audience: e.AUTH_AUDIENCE,
        advertisersClaim: e.AUTH_ADVERTISERS_CLAIM,
      }
    : null;
}

/**
 * Tracing is off unless the standard OpenTelemetry variables ask for it: an OTLP endpoint, or
 * `OTEL_TRACES_EXPORTER=otlp|console`. `OTEL_SDK_DISABLED=true` or `OTEL_TRACES_EXPORTER=none` win.
 */
function tracingOf(e: Env): TracingConfig | null {
  const endpoint = e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? e.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (e.OTEL_SDK_DISABLED || e.OTEL_TRACES_EXPORTER === 'none') return null;
  if (!endpoint && !e.OTEL_TRACES_EXPORTER) return null;
  // The signal-specific URL is used as is; the general one gets the traces path (OTLP exporter spec).
  const url =
    e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ??
    `${(e.OTEL_EXPORTER_OTLP_ENDPOINT ?? 'http://localhost:4318').replace(/\/+$/, '')}/v1/traces`;
  return {
    serviceName: e.OTEL_SERVICE_NAME,
    exporter: e.OTEL_TRACES_EXPORTER === 'console' ? 'console' : 'otlp',
    url,
    headers: { ...e.OTEL_EXPORTER_OTLP_HEADERS, ...e.OTEL_EXPORTER_OTLP_TRACES_HEADERS },
  };
}
