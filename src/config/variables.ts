import { z } from 'zod';
import { CRITEO_CALLS_PER_MINUTE } from '../contract/limits.js';
import { DEFAULT_READY_CACHE_MS } from '../observability/readiness.js';
import { ARMOR_LIMITS } from '../plugins/use-armor.js';
import { DEFAULT_MAX_REQUEST_BYTES } from '../plugins/use-request-limits.js';
import { DEFAULT_MAX_UPSTREAM_CALLS } from '../plugins/use-upstream-call-limit.js';
import { flag, httpUrl, integer, LOG_LEVELS, nonEmpty, oneOf, originList, otlpHeaders } from './parsers.js';

/**
 * Every environment variable the gateway reads, each written once: its name, its parser with the
 * default, and what it means. `loadConfig` (src/config.ts) reads exactly these names and turns them
 * into the typed config; README.md's Configuration table is the user's copy of the meanings.
 */
export const ENV_VARIABLES = {
  CRITEO_CLIENT_ID: nonEmpty()
    .optional()
    .describe('OAuth2 client id of the Criteo application; unset in service mode: the embedded emulator'),
  CRITEO_CLIENT_SECRET: nonEmpty().optional().describe('its secret; set together with the id'),
  CRITEO_API_URL: httpUrl('must be an http(s) URL, e.g. https://api.criteo.com')
    .default('https://api.criteo.com')
    .describe('Criteo API origin (the token endpoint is <url>/oauth2/token)'),
  CRITEO_API_VERSION: z
    .string()
    .regex(/^(\d{4}-\d{2}|preview)$/, 'must be a Criteo API version such as 2026-07')
    // 2025-10 left support on 2026-10-27; 2026-07 is the newest stable version.
    .default('2026-07')
    .describe('API version path segment'),
  PORT: z
    .string()
    .regex(/^\d{1,5}$/, 'must be a port number between 0 and 65535')
    .transform(Number)
    .refine((port) => port <= 65_535, 'must be a port number between 0 and 65535')
    .default(4000)
    .describe('HTTP port of the gateway'),
  HOST: z
    .string()
    .trim()
    .regex(/^[\w.:[\]-]+$/, 'must be a host name or an IP address, e.g. 127.0.0.1 or 0.0.0.0')
    .default('127.0.0.1')
    .describe('interface to listen on (default: this machine only)'),
  ALLOW_UNAUTHENTICATED: flag().describe(
    'start with real credentials on a reachable HOST without AUTH_JWKS_URL (something in front authenticates)',
  ),
  AUTH_JWKS_URL: httpUrl('must be an http(s) URL of a JSON Web Key Set')
    .optional()
    .describe("caller authentication: callers' JWTs are checked against this key set"),
  AUTH_ISSUER: nonEmpty().optional().describe("the JWT's iss must equal it (with AUTH_JWKS_URL)"),
  AUTH_AUDIENCE: nonEmpty().optional().describe("the JWT's aud must contain it (with AUTH_JWKS_URL)"),
  AUTH_ADVERTISERS_CLAIM: z
    .string()
    .trim()
    .regex(/^\S+$/, 'must be a claim name without spaces')
    .default('advertiser_ids')
    .describe('the claim listing the Criteo advertiser ids a caller may reach'),
  CORS_ORIGINS: originList().describe('browser origins allowed to call cross-origin (CORS); unset: none'),
  FEDERATION_SDL: flag().describe('`_service { sdl }`; off hides the schema as introspection does'),
  CRITEO_RATE_LIMIT_PER_MINUTE: integer(0, 100_000, CRITEO_CALLS_PER_MINUTE).describe(
    'client-side budget of calls per minute shared by the process; 0 turns it off',
  ),
  REDIS_URL: z
    .url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379' })
    .optional()
    .describe(
      'Redis shared by the replicas: one rate budget, one Criteo token and one read cache for all; unset: each process on its own',
    ),
  CACHE_TTL_SECONDS: integer(0, 86_400, 30).describe(
    'seconds a read (segments and audiences by id, search pages, sizes, statistics) is answered again without a Criteo call, per application (passthrough: per caller token); every write makes what it changed stale on every replica; 0 turns the cache off',
  ),
  REDIS_FALLBACK_BUDGET_PERCENT: integer(1, 100, 25).describe(
    'share of CRITEO_RATE_LIMIT_PER_MINUTE one replica takes while Redis is unreachable (25: four replicas stay under the limit together)',
  ),
  CRITEO_MAX_RETRIES: integer(0, 10, 3).describe('retries of safe upstream calls'),
  CRITEO_MAX_CONNECTIONS: integer(1, 1_024, 16).describe('keep-alive connections to Criteo'),
  CRITEO_CONNECT_TIMEOUT_MS: integer(1, 600_000, 5_000).describe('connect timeout'),
  CRITEO_REQUEST_TIMEOUT_MS: integer(1, 600_000, 15_000).describe(
    'time to the response headers, and longest pause inside a body',
  ),
  // 32 MiB: a page of 100 segments or a bulk answer of 50 items is well under 1 MiB.
  CRITEO_MAX_RESPONSE_BYTES: integer(1_024, 999_999_999, 32 * 1024 * 1024).describe(
    'largest response body read from Criteo; a larger one is a contract mismatch',
  ),
  OPERATION_TIMEOUT_MS: integer(1, 600_000, 20_000).describe(
    'deadline of one GraphQL operation: outstanding upstream calls are cancelled when it passes',
  ),
  // 100 MiB: a CSV of 600,000 emails is about 20 MB; the multipart parser holds a file in memory.
  MAX_UPLOAD_BYTES: integer(1, 999_999_999, 100 * 1024 * 1024).describe(
    'largest file of a multipart request (a contact-list CSV), refused while it arrives',
  ),
  // Model and default: src/plugins/use-request-limits.ts.
  MAX_REQUEST_BYTES: integer(1_024, 999_999_999, DEFAULT_MAX_REQUEST_BYTES).describe(
    'largest body of any other request (JSON); a larger one is refused with HTTP 413',
  ),
  REQUEST_BODY_TIMEOUT_MS: integer(1_000, 3_600_000, 60_000).describe(
    'longest a client may take to send a whole request (headers and body); node:http answers 408 and closes past it',
  ),
  // Defaults and their model: src/plugins/use-armor.ts (ARMOR_LIMITS).
  MAX_OPERATION_COST: integer(1, 999_999_999, ARMOR_LIMITS.maxCost).describe(
    'graphql-armor cost limit of one operation',
  ),
  MAX_OPERATION_DEPTH: integer(1, 1_000, ARMOR_LIMITS.maxDepth).describe('deepest field nesting'),
  MAX_OPERATION_TOKENS: integer(1, 10_000_000, ARMOR_LIMITS.maxTokens).describe(
    'most tokens in one document',
  ),
  // Default and its model: src/plugins/use-upstream-call-limit.ts.
  MAX_UPSTREAM_CALLS_PER_OPERATION: integer(1, 1_000_000, DEFAULT_MAX_UPSTREAM_CALLS).describe(
    'most Criteo calls one operation may cause, estimated before it runs; above it, refused',
  ),
  NODE_ENV: z.string().trim().optional().describe('production: GraphiQL and introspection default to off'),
  LOG_LEVEL: oneOf(LOG_LEVELS, `must be one of ${LOG_LEVELS.join(', ')}`)
    .default('info')
    .describe('level of the JSON log lines on stdout'),
  GRAPHIQL: flag().describe('GraphiQL at /graphql for browsers (default on, off in production)'),
  INTROSPECTION: flag().describe(
    'schema introspection (default on, off in production); off also hides "did you mean" suggestions',
  ),
  METRICS: flag().describe('Prometheus metrics at /metrics (default on)'),
  CSRF_PREVENTION: flag().describe(
    "reject requests a browser could send cross-site without a preflight (Yoga's CSRF prevention; default on)",
  ),
  PERSISTED_OPERATIONS_FILE: nonEmpty('must be a file path')
    .optional()
    .describe('allow-list mode: only the operations of this JSON file ({ "<id>": "<document>" }) run'),
  SHUTDOWN_TIMEOUT_MS: integer(0, 600_000, 25_000).describe(
    'on SIGTERM, how long in-flight operations may take to finish before connections are closed',
  ),
  READY_CACHE_MS: integer(0, 600_000, DEFAULT_READY_CACHE_MS).describe(
    'how long a /ready result answers every probe: one upstream check per interval at most',
  ),
  CRITEO_AUTH_MODE: oneOf(['service', 'passthrough'], 'must be service or passthrough')
    .default('service')
    .describe("service: the client credentials for every call; passthrough: each caller's own Criteo token"),
  CRITEO_TOKEN_HEADER: z
    .string()
    .regex(/^[A-Za-z0-9-]+$/, 'must be an HTTP header name')
    .transform((name) => name.toLowerCase())
    .default('authorization')
    .describe("the request header carrying the caller's Criteo token in passthrough mode"),
  OTEL_SDK_DISABLED: flag().describe('true: tracing off whatever else is set'),
  OTEL_TRACES_EXPORTER: oneOf(['otlp', 'console', 'none'], 'must be otlp, console or none')
    .optional()
    .describe('otlp or console turns tracing on; none turns it off'),
  OTEL_EXPORTER_OTLP_ENDPOINT: httpUrl('must be an http(s) URL, e.g. http://localhost:4318')
    .optional()
    .describe('OTLP/HTTP collector (traces go to <url>/v1/traces); turns tracing on'),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: httpUrl('must be an http(s) URL, e.g. http://localhost:4318')
    .optional()
    .describe('OTLP/HTTP traces URL, used as is; turns tracing on'),
  OTEL_EXPORTER_OTLP_HEADERS: otlpHeaders().describe('key=value,… headers for the collector'),
  OTEL_EXPORTER_OTLP_TRACES_HEADERS: otlpHeaders().describe(
    'headers for the traces URL, over the general ones',
  ),
  OTEL_SERVICE_NAME: z
    .string()
    .trim()
    .min(1)
    .default('criteo-audience-gateway')
    .describe('service name on spans'),
};
