import { z } from 'zod';
import { CRITEO_CALLS_PER_MINUTE } from './contract/limits.js';
import { DEFAULT_READY_CACHE_MS } from './observability/readiness.js';
import { ARMOR_LIMITS } from './plugins/use-armor.js';
import { DEFAULT_MAX_REQUEST_BYTES } from './plugins/use-request-limits.js';
import { DEFAULT_MAX_UPSTREAM_CALLS } from './plugins/use-upstream-call-limit.js';

/** A whole number in [min, max] written as plain digits (no sign, exponent or fraction). */
const integer = (min: number, max: number, fallback: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, `must be a whole number between ${min} and ${max}`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `must be a whole number between ${min} and ${max}`)
    .default(fallback);

/** `true`/`false` (also `1`/`0`, `yes`/`no`, `on`/`off`); unset keeps the per-environment default. */
const flag = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(true|false|1|0|yes|no|on|off)$/, 'must be true or false')
  .transform((value) => ['true', '1', 'yes', 'on'].includes(value))
  .optional();

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const otlpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL, e.g. http://localhost:4318' });

/** `key1=value1,key2=value2` (W3C baggage format, values percent-encoded), as OpenTelemetry reads it. */
const otlpHeaders = z
  .string()
  .transform((text, ctx) => {
    const headers: Record<string, string> = {};
    for (const pair of text.split(',')) {
      if (pair.trim() === '') continue;
      const at = pair.indexOf('=');
      const key = at > 0 ? pair.slice(0, at).trim() : '';
      if (!/^[\w.-]+$/.test(key)) {
        // The value is not echoed: these headers usually carry an API key.
        ctx.addIssue({ code: 'custom', message: 'must be a list of key=value pairs separated by commas' });
        return z.NEVER;
      }
      try {
        headers[key] = decodeURIComponent(pair.slice(at + 1).trim());
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be a list of key=value pairs separated by commas' });
        return z.NEVER;
      }
    }
    return headers;
  })
  .optional();

/** `https://app.example.com,http://localhost:5173`: exact origins (scheme, host, port), never `*`. */
const originList = z
  .string()
  .transform((text, ctx) => {
    const origins: string[] = [];
    for (const entry of text.split(',').map((part) => part.trim())) {
      if (entry === '') continue;
      let origin: string | null = null;
      try {
        origin = new URL(entry).origin;
      } catch {
        origin = null;
      }
      if (entry === '*' || origin === null || origin === 'null' || origin !== entry.replace(/\/+$/, '')) {
        ctx.addIssue({
          code: 'custom',
          message: `${JSON.stringify(entry)} is not an exact origin such as https://app.example.com (no path, no wildcard: browsers send credentials)`,
        });
        return z.NEVER;
      }
      origins.push(origin);
    }
    return origins;
  })
  .optional();

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|::1|\[::1\])$/i;
/** Only this machine can reach an interface of these names. */
export const isLoopback = (host: string) => LOOPBACK.test(host);

const EnvSchema = z
  .object({
    CRITEO_CLIENT_ID: z.string().trim().min(1, 'must not be empty').optional(),
    CRITEO_CLIENT_SECRET: z.string().trim().min(1, 'must not be empty').optional(),
    CRITEO_API_URL: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL, e.g. https://api.criteo.com' })
      .default('https://api.criteo.com'),
    CRITEO_API_VERSION: z
      .string()
      .regex(/^(\d{4}-\d{2}|preview)$/, 'must be a Criteo API version such as 2026-07')
      // 2025-10 left support on 2026-10-27; 2026-07 is the newest stable version.
      .default('2026-07'),
    PORT: z
      .string()
      .regex(/^\d{1,5}$/, 'must be a port number between 0 and 65535')
      .transform(Number)
      .refine((port) => port <= 65_535, 'must be a port number between 0 and 65535')
      .default(4000),
    HOST: z
      .string()
      .trim()
      .regex(/^[\w.:[\]-]+$/, 'must be a host name or an IP address, e.g. 127.0.0.1 or 0.0.0.0')
      .default('127.0.0.1'),
    ALLOW_UNAUTHENTICATED: flag,
    AUTH_JWKS_URL: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL of a JSON Web Key Set' })
      .optional(),
    AUTH_ISSUER: z.string().trim().min(1, 'must not be empty').optional(),
    AUTH_AUDIENCE: z.string().trim().min(1, 'must not be empty').optional(),
    AUTH_ADVERTISERS_CLAIM: z
      .string()
      .trim()
      .regex(/^\S+$/, 'must be a claim name without spaces')
      .default('advertiser_ids'),
    CORS_ORIGINS: originList,
    FEDERATION_SDL: flag,
    CRITEO_RATE_LIMIT_PER_MINUTE: integer(0, 100_000, CRITEO_CALLS_PER_MINUTE),
    CRITEO_MAX_RETRIES: integer(0, 10, 3),
    CRITEO_MAX_CONNECTIONS: integer(1, 1_024, 16),
    CRITEO_CONNECT_TIMEOUT_MS: integer(1, 600_000, 5_000),
    CRITEO_REQUEST_TIMEOUT_MS: integer(1, 600_000, 15_000),
    // 32 MiB: a page of 100 segments or a bulk answer of 50 items is well under 1 MiB.
    CRITEO_MAX_RESPONSE_BYTES: integer(1_024, 999_999_999, 32 * 1024 * 1024),
    OPERATION_TIMEOUT_MS: integer(1, 600_000, 20_000),
    // 100 MiB: a CSV of 600,000 emails is about 20 MB; the multipart parser holds a file in memory.
    MAX_UPLOAD_BYTES: integer(1, 999_999_999, 100 * 1024 * 1024),
    // Model and default: src/plugins/use-request-limits.ts.
    MAX_REQUEST_BYTES: integer(1_024, 999_999_999, DEFAULT_MAX_REQUEST_BYTES),
    // A slow client's whole request (headers and body); node:http answers 408 and closes past it.
    REQUEST_BODY_TIMEOUT_MS: integer(1_000, 3_600_000, 60_000),
    // Defaults and their model: src/plugins/use-armor.ts (ARMOR_LIMITS).
    MAX_OPERATION_COST: integer(1, 999_999_999, ARMOR_LIMITS.maxCost),
    MAX_OPERATION_DEPTH: integer(1, 1_000, ARMOR_LIMITS.maxDepth),
    MAX_OPERATION_TOKENS: integer(1, 10_000_000, ARMOR_LIMITS.maxTokens),
    // Default and its model: src/plugins/use-upstream-call-limit.ts.
    MAX_UPSTREAM_CALLS_PER_OPERATION: integer(1, 1_000_000, DEFAULT_MAX_UPSTREAM_CALLS),
    NODE_ENV: z.string().trim().optional(),
    LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
    GRAPHIQL: flag,
    INTROSPECTION: flag,
    METRICS: flag,
    CSRF_PREVENTION: flag,
    PERSISTED_OPERATIONS_FILE: z.string().trim().min(1, 'must be a file path').optional(),
    SHUTDOWN_TIMEOUT_MS: integer(0, 600_000, 25_000),
    READY_CACHE_MS: integer(0, 600_000, DEFAULT_READY_CACHE_MS),
    CRITEO_AUTH_MODE: z
      .enum(['service', 'passthrough'], { error: 'must be service or passthrough' })
      .default('service'),
    CRITEO_TOKEN_HEADER: z
      .string()
      .regex(/^[A-Za-z0-9-]+$/, 'must be an HTTP header name')
      .transform((name) => name.toLowerCase())
      .default('authorization'),
    OTEL_SDK_DISABLED: flag,
    OTEL_TRACES_EXPORTER: z
      .enum(['otlp', 'console', 'none'], { error: 'must be otlp, console or none' })
      .optional(),
    OTEL_EXPORTER_OTLP_ENDPOINT: otlpUrl.optional(),
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: otlpUrl.optional(),
    OTEL_EXPORTER_OTLP_HEADERS: otlpHeaders,
    OTEL_EXPORTER_OTLP_TRACES_HEADERS: otlpHeaders,
    OTEL_SERVICE_NAME: z.string().trim().min(1).default('criteo-audience-gateway'),
  })
  .superRefine((env, ctx) => {
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

export interface CriteoCredentials {
  clientId: string;
  clientSecret: string;
}

export interface Config {
  /**
   * Absent in service mode: `npm start` runs the embedded emulator with its demo credentials. Absent
   * in passthrough mode: callers' tokens only, against `apiUrl` (which must then be set).
   */
  credentials: CriteoCredentials | null;
  apiUrl: string;
  apiVersion: string;
  port: number;
  /** Interface to listen on (`HOST`, default 127.0.0.1: this machine only). */
  host: string;
  /** Caller authentication (JWTs checked against a JWKS); null: callers are not authenticated. */
  auth: CallerAuthConfig | null;
  /** Browser origins allowed to call cross-origin (CORS); empty: none. */
  corsOrigins: string[];
  /** `_service { sdl }` (the federation SDL); off hides the schema as introspection does. */
  federationSdl: boolean;
  upstream: {
    /** Client-side budget of calls per minute shared by the process; 0 turns it off. */
    rateLimitPerMinute: number;
    maxRetries: number;
    maxConnections: number;
    connectTimeoutMs: number;
    /** Time to the response headers, and longest pause inside a body. */
    requestTimeoutMs: number;
    /** Largest response body read from Criteo; a larger one is a contract mismatch. */
    maxResponseBytes: number;
  };
  /** Deadline of one GraphQL operation: outstanding upstream calls are cancelled when it passes. */
  operationTimeoutMs: number;
  /** Largest file of a multipart request (a contact-list CSV); a larger one is refused while it arrives. */
  maxUploadBytes: number;
  /** Largest body of any other request (JSON); a larger one is refused with HTTP 413. */
  maxRequestBytes: number;
  /** Longest a client may take to send a whole request; past it node:http answers 408 and closes. */
  requestBodyTimeoutMs: number;
  /** Cost, depth and token limits of one operation, checked before it runs (graphql-armor). */
  operationLimits: { maxCost: number; maxDepth: number; maxTokens: number };
  /** Most Criteo calls one operation may cause, estimated before it runs; above it, refused. */
  maxUpstreamCallsPerOperation: number;
  /** `NODE_ENV=production`: GraphiQL and introspection default to off. */
  production: boolean;
  logLevel: LogLevel;
  /** GraphiQL at `/graphql` for browsers. */
  graphiql: boolean;
  /** Schema introspection (`__schema`, `__type`); off also hides "did you mean" field suggestions. */
  introspection: boolean;
  /** Prometheus metrics at `/metrics`. */
  metrics: boolean;
  /** Reject requests a browser could send cross-site without a preflight (Yoga's CSRF prevention). */
  csrfPrevention: boolean;
  /** Allow-list mode: only the operations of this JSON file (`{ "<id>": "<document>" }`) run. */
  persistedOperationsFile: string | null;
  /** On SIGTERM, how long in-flight operations may take to finish before connections are closed. */
  shutdownTimeoutMs: number;
  /** How long a `/ready` result answers every probe: one upstream check per interval at most. */
  readyCacheMs: number;
  /**
   * `service`: every call uses the client credentials. `passthrough`: each request carries its
   * caller's Criteo token in `tokenHeader`, and only that token is used.
   */
  authMode: 'service' | 'passthrough';
  tokenHeader: string;
  /** OpenTelemetry tracing; null (the default) loads no OpenTelemetry SDK at all. */
  tracing: TracingConfig | null;
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

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Environment -> typed config. The only reader of `process.env`; a bad value names the variable and the rule. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const blankToUndefined = (value: string | undefined) =>
    value === undefined || value.trim() === '' ? undefined : value;
  const parsed = EnvSchema.safeParse({
    CRITEO_CLIENT_ID: blankToUndefined(env.CRITEO_CLIENT_ID),
    CRITEO_CLIENT_SECRET: blankToUndefined(env.CRITEO_CLIENT_SECRET),
    CRITEO_API_URL: blankToUndefined(env.CRITEO_API_URL),
    CRITEO_API_VERSION: blankToUndefined(env.CRITEO_API_VERSION),
    PORT: blankToUndefined(env.PORT),
    HOST: blankToUndefined(env.HOST),
    ALLOW_UNAUTHENTICATED: blankToUndefined(env.ALLOW_UNAUTHENTICATED),
    AUTH_JWKS_URL: blankToUndefined(env.AUTH_JWKS_URL),
    AUTH_ISSUER: blankToUndefined(env.AUTH_ISSUER),
    AUTH_AUDIENCE: blankToUndefined(env.AUTH_AUDIENCE),
    AUTH_ADVERTISERS_CLAIM: blankToUndefined(env.AUTH_ADVERTISERS_CLAIM),
    CORS_ORIGINS: blankToUndefined(env.CORS_ORIGINS),
    FEDERATION_SDL: blankToUndefined(env.FEDERATION_SDL),
    CRITEO_RATE_LIMIT_PER_MINUTE: blankToUndefined(env.CRITEO_RATE_LIMIT_PER_MINUTE),
    CRITEO_MAX_RETRIES: blankToUndefined(env.CRITEO_MAX_RETRIES),
    CRITEO_MAX_CONNECTIONS: blankToUndefined(env.CRITEO_MAX_CONNECTIONS),
    CRITEO_CONNECT_TIMEOUT_MS: blankToUndefined(env.CRITEO_CONNECT_TIMEOUT_MS),
    CRITEO_REQUEST_TIMEOUT_MS: blankToUndefined(env.CRITEO_REQUEST_TIMEOUT_MS),
    CRITEO_MAX_RESPONSE_BYTES: blankToUndefined(env.CRITEO_MAX_RESPONSE_BYTES),
    OPERATION_TIMEOUT_MS: blankToUndefined(env.OPERATION_TIMEOUT_MS),
    MAX_UPLOAD_BYTES: blankToUndefined(env.MAX_UPLOAD_BYTES),
    MAX_REQUEST_BYTES: blankToUndefined(env.MAX_REQUEST_BYTES),
    REQUEST_BODY_TIMEOUT_MS: blankToUndefined(env.REQUEST_BODY_TIMEOUT_MS),
    MAX_OPERATION_COST: blankToUndefined(env.MAX_OPERATION_COST),
    MAX_OPERATION_DEPTH: blankToUndefined(env.MAX_OPERATION_DEPTH),
    MAX_OPERATION_TOKENS: blankToUndefined(env.MAX_OPERATION_TOKENS),
    MAX_UPSTREAM_CALLS_PER_OPERATION: blankToUndefined(env.MAX_UPSTREAM_CALLS_PER_OPERATION),
    NODE_ENV: blankToUndefined(env.NODE_ENV),
    LOG_LEVEL: blankToUndefined(env.LOG_LEVEL)?.trim().toLowerCase(),
    GRAPHIQL: blankToUndefined(env.GRAPHIQL),
    INTROSPECTION: blankToUndefined(env.INTROSPECTION),
    METRICS: blankToUndefined(env.METRICS),
    CSRF_PREVENTION: blankToUndefined(env.CSRF_PREVENTION),
    PERSISTED_OPERATIONS_FILE: blankToUndefined(env.PERSISTED_OPERATIONS_FILE),
    SHUTDOWN_TIMEOUT_MS: blankToUndefined(env.SHUTDOWN_TIMEOUT_MS),
    READY_CACHE_MS: blankToUndefined(env.READY_CACHE_MS),
    CRITEO_AUTH_MODE: blankToUndefined(env.CRITEO_AUTH_MODE),
    CRITEO_TOKEN_HEADER: blankToUndefined(env.CRITEO_TOKEN_HEADER),
    OTEL_SDK_DISABLED: blankToUndefined(env.OTEL_SDK_DISABLED),
    OTEL_TRACES_EXPORTER: blankToUndefined(env.OTEL_TRACES_EXPORTER)?.trim().toLowerCase(),
    OTEL_EXPORTER_OTLP_ENDPOINT: blankToUndefined(env.OTEL_EXPORTER_OTLP_ENDPOINT),
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: blankToUndefined(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT),
    OTEL_EXPORTER_OTLP_HEADERS: blankToUndefined(env.OTEL_EXPORTER_OTLP_HEADERS),
    OTEL_EXPORTER_OTLP_TRACES_HEADERS: blankToUndefined(env.OTEL_EXPORTER_OTLP_TRACES_HEADERS),
    OTEL_SERVICE_NAME: blankToUndefined(env.OTEL_SERVICE_NAME),
  });
  if (!parsed.success) {
    // Values are not echoed: a secret must never reach a log.
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const introspection = e.INTROSPECTION ?? !production;
  // The embedded emulator stands in for Criteo only in service mode: a passthrough caller's token is
  // for the real API, so without service credentials the upstream must be named, never assumed.
  if (e.CRITEO_AUTH_MODE === 'passthrough' && !e.CRITEO_CLIENT_ID && !blankToUndefined(env.CRITEO_API_URL)) {
    throw new ConfigError([
      'CRITEO_API_URL: must be set in passthrough mode without service credentials (e.g. https://api.criteo.com); the embedded emulator only runs in service mode',
    ]);
  }
  return {
    credentials:
      e.CRITEO_CLIENT_ID && e.CRITEO_CLIENT_SECRET
        ? { clientId: e.CRITEO_CLIENT_ID, clientSecret: e.CRITEO_CLIENT_SECRET }
        : null,
    apiUrl: e.CRITEO_API_URL.replace(/\/+$/, ''),
    apiVersion: e.CRITEO_API_VERSION,
    port: e.PORT,
    host: e.HOST,
    auth:
      e.AUTH_JWKS_URL && e.AUTH_ISSUER && e.AUTH_AUDIENCE
        ? {
            jwksUrl: e.AUTH_JWKS_URL,
            issuer: e.AUTH_ISSUER,
            audience: e.AUTH_AUDIENCE,
            advertisersClaim: e.AUTH_ADVERTISERS_CLAIM,
          }
        : null,
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
    operationTimeoutMs: e.OPERATION_TIMEOUT_MS,
    maxUploadBytes: e.MAX_UPLOAD_BYTES,
    maxRequestBytes: e.MAX_REQUEST_BYTES,
    requestBodyTimeoutMs: e.REQUEST_BODY_TIMEOUT_MS,
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
    tracing: tracingConfig(e),
  };
}

/**
 * Tracing is off unless the standard OpenTelemetry variables ask for it: an OTLP endpoint, or
 * `OTEL_TRACES_EXPORTER=otlp|console`. `OTEL_SDK_DISABLED=true` or `OTEL_TRACES_EXPORTER=none` win.
 */
function tracingConfig(e: z.infer<typeof EnvSchema>): TracingConfig | null {
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
