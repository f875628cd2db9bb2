// Over 250 lines: every variable of src/config/variables.ts and every rule between them, in one place.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENV_VARIABLES } from '../../src/config/variables.js';
import { ConfigError, loadConfig } from '../../src/config.js';

/** Runs `loadConfig(env)`, expecting a `ConfigError`, and returns it. */
function configError(env: Record<string, string | undefined>): ConfigError {
  let caught: unknown;
  try {
    loadConfig(env);
  } catch (error) {
    caught = error;
  }
  if (!(caught instanceof ConfigError)) throw new Error(`expected a ConfigError, got ${String(caught)}`);
  return caught;
}

describe('loadConfig', () => {
  it('defaults: no credentials, the production API, version 2026-07, port 4000', () => {
    expect(loadConfig({})).toEqual({
      credentials: null,
      apiUrl: 'https://api.criteo.com',
      apiVersion: '2026-07',
      port: 4000,
      host: '127.0.0.1',
      auth: null,
      corsOrigins: [],
      federationSdl: true,
      upstream: {
        rateLimitPerMinute: 250,
        maxRetries: 3,
        maxConnections: 16,
        connectTimeoutMs: 5_000,
        requestTimeoutMs: 15_000,
        maxResponseBytes: 33_554_432,
      },
      cacheTtlMs: 30_000,
      redis: null,
      operationTimeoutMs: 20_000,
      maxUploadBytes: 104_857_600,
      maxRequestBytes: 8_388_608,
      requestBodyTimeoutMs: 60_000,
      operationLimits: { maxCost: 50_000, maxDepth: 12, maxTokens: 5_000 },
      maxUpstreamCallsPerOperation: 250,
      production: false,
      logLevel: 'info',
      graphiql: true,
      introspection: true,
      metrics: true,
      csrfPrevention: true,
      persistedOperationsFile: null,
      shutdownTimeoutMs: 25_000,
      readyCacheMs: 5_000,
      authMode: 'service',
      tokenHeader: 'authorization',
      tracing: null,
    });
  });

  it('does not read anything but the variables it knows', () => {
    expect(loadConfig({ HOME: '/root', NODE_ENV: 'production', CRITEO_OTHER: 'x' }).credentials).toBeNull();
  });

  it('describes every variable it reads, where its parser and default are written', () => {
    const undescribed = Object.entries(ENV_VARIABLES)
      .filter(([, schema]) => !schema.description?.trim())
      .map(([name]) => name);
    expect(undescribed).toEqual([]);
  });

  it('reads REDIS_URL as a redis:// URL only, and the fallback share as a percentage', () => {
    expect(configError({ REDIS_URL: 'http://redis:6379' }).message).toContain(
      'REDIS_URL: must be a redis:// or rediss:// URL',
    );
    expect(
      configError({ REDIS_URL: 'redis://r:6379', REDIS_FALLBACK_BUDGET_PERCENT: '0' }).message,
    ).toContain('REDIS_FALLBACK_BUDGET_PERCENT');
    expect(loadConfig({ REDIS_URL: 'rediss://r:6380' }).redis).toEqual({
      url: 'rediss://r:6380',
      fallbackBudgetPercent: 25,
    });
  });

  it("has a row in README.md's Configuration table for every variable it reads", () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const table = readme.slice(
      readme.indexOf('## Configuration'),
      readme.indexOf('\n## ', readme.indexOf('## Configuration') + 1),
    );
    const rows = new Set(
      [...table.matchAll(/^\| (.+?) \|/gm)].flatMap((m) =>
        [...(m[1] ?? '').matchAll(/`(\w+)`/g)].map((n) => n[1]),
      ),
    );
    const missing = Object.keys(ENV_VARIABLES).filter((name) => !rows.has(name));
    expect(missing).toEqual([]);
  });

  it('reads the client credentials together', () => {
    const config = loadConfig({ CRITEO_CLIENT_ID: 'my-client', CRITEO_CLIENT_SECRET: 'my-secret' });
    expect(config.credentials).toEqual({ clientId: 'my-client', clientSecret: 'my-secret' });
  });

  it('trims surrounding whitespace of the credentials', () => {
    const config = loadConfig({ CRITEO_CLIENT_ID: ' my-client ', CRITEO_CLIENT_SECRET: '\tmy-secret\n' });
    expect(config.credentials).toEqual({ clientId: 'my-client', clientSecret: 'my-secret' });
  });

  it('reads every variable', () => {
    expect(
      loadConfig({
        CRITEO_CLIENT_ID: 'id',
        CRITEO_CLIENT_SECRET: 'secret',
        CRITEO_API_URL: 'http://127.0.0.1:8080',
        CRITEO_API_VERSION: 'preview',
        PORT: '0',
        HOST: '0.0.0.0',
        AUTH_JWKS_URL: 'https://login.example.com/.well-known/jwks.json',
        AUTH_ISSUER: 'https://login.example.com/',
        AUTH_AUDIENCE: 'audience-gateway',
        AUTH_ADVERTISERS_CLAIM: 'https://example.com/advertisers',
        CORS_ORIGINS: 'https://app.example.com, http://localhost:5173',
        FEDERATION_SDL: 'false',
        CRITEO_RATE_LIMIT_PER_MINUTE: '0',
        CRITEO_MAX_RETRIES: '5',
        REDIS_URL: 'redis://redis.internal:6380/2',
        REDIS_FALLBACK_BUDGET_PERCENT: '50',
        CACHE_TTL_SECONDS: '5',
        CRITEO_MAX_CONNECTIONS: '4',
        CRITEO_CONNECT_TIMEOUT_MS: '100',
        CRITEO_REQUEST_TIMEOUT_MS: '200',
        CRITEO_MAX_RESPONSE_BYTES: '2048',
        OPERATION_TIMEOUT_MS: '300',
        MAX_UPLOAD_BYTES: '1048576',
        MAX_REQUEST_BYTES: '65536',
        REQUEST_BODY_TIMEOUT_MS: '5000',
        MAX_OPERATION_COST: '1000',
        MAX_OPERATION_DEPTH: '20',
        MAX_OPERATION_TOKENS: '100000',
        MAX_UPSTREAM_CALLS_PER_OPERATION: '50',
        NODE_ENV: 'production',
        LOG_LEVEL: 'debug',
        GRAPHIQL: 'true',
        INTROSPECTION: 'yes',
        METRICS: 'off',
        CSRF_PREVENTION: '0',
        PERSISTED_OPERATIONS_FILE: '/etc/gateway/operations.json',
        SHUTDOWN_TIMEOUT_MS: '1000',
        READY_CACHE_MS: '0',
        CRITEO_AUTH_MODE: 'passthrough',
        CRITEO_TOKEN_HEADER: 'X-Criteo-Token',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/',
        OTEL_EXPORTER_OTLP_HEADERS: 'api-key=k%3D1, tenant=t',
        OTEL_SERVICE_NAME: 'audience-gateway',
      }),
    ).toEqual({
      credentials: { clientId: 'id', clientSecret: 'secret' },
      apiUrl: 'http://127.0.0.1:8080',
      apiVersion: 'preview',
      port: 0,
      host: '0.0.0.0',
      auth: {
        jwksUrl: 'https://login.example.com/.well-known/jwks.json',
        issuer: 'https://login.example.com/',
        audience: 'audience-gateway',
        advertisersClaim: 'https://example.com/advertisers',
      },
      corsOrigins: ['https://app.example.com', 'http://localhost:5173'],
      federationSdl: false,
      upstream: {
        rateLimitPerMinute: 0,
        maxRetries: 5,
        maxConnections: 4,
        connectTimeoutMs: 100,
        requestTimeoutMs: 200,
        maxResponseBytes: 2_048,
      },
      cacheTtlMs: 5_000,
      redis: { url: 'redis://redis.internal:6380/2', fallbackBudgetPercent: 50 },
      operationTimeoutMs: 300,
      maxUploadBytes: 1_048_576,
      maxRequestBytes: 65_536,
      requestBodyTimeoutMs: 5_000,
      operationLimits: { maxCost: 1_000, maxDepth: 20, maxTokens: 100_000 },
      maxUpstreamCallsPerOperation: 50,
      production: true,
      logLevel: 'debug',
      graphiql: true,
      introspection: true,
      metrics: false,
      csrfPrevention: false,
      persistedOperationsFile: '/etc/gateway/operations.json',
      shutdownTimeoutMs: 1_000,
      readyCacheMs: 0,
      authMode: 'passthrough',
      tokenHeader: 'x-criteo-token',
      tracing: {
        serviceName: 'audience-gateway',
        exporter: 'otlp',
        url: 'http://collector:4318/v1/traces',
        headers: { 'api-key': 'k=1', tenant: 't' },
      },
    });
    expect(loadConfig({ CRITEO_API_VERSION: '2024-07', PORT: '65535' })).toMatchObject({
      apiVersion: '2024-07',
      port: 65_535,
    });
  });

  it('passthrough mode without service credentials needs CRITEO_API_URL: it never assumes the emulator', () => {
    const error = configError({ CRITEO_AUTH_MODE: 'passthrough' });
    expect(error.issues).toEqual([
      'CRITEO_API_URL: must be set in passthrough mode without service credentials (e.g. https://api.criteo.com); the embedded emulator only runs in service mode',
    ]);
    expect(
      loadConfig({ CRITEO_AUTH_MODE: 'passthrough', CRITEO_API_URL: 'https://api.criteo.com' }),
    ).toMatchObject({ credentials: null, apiUrl: 'https://api.criteo.com', authMode: 'passthrough' });
    // Service mode without credentials still means the embedded emulator (main.ts).
    expect(loadConfig({}).credentials).toBeNull();
  });

  it('a client id without a secret is an error naming the missing secret', () => {
    const error = configError({ CRITEO_CLIENT_ID: 'my-client' });
    expect(error.issues).toHaveLength(1);
    expect(error.message).toContain('CRITEO_CLIENT_SECRET');
    expect(error.message).toMatch(/together/);
  });

  it('a secret without a client id is an error naming the missing id, not the secret value', () => {
    const secret = 'top-secret-value-9d3e';
    const error = configError({ CRITEO_CLIENT_SECRET: secret });
    expect(error.issues).toHaveLength(1);
    expect(error.message).toContain('CRITEO_CLIENT_ID');
    expect(error.message).not.toContain(secret);
  });

  it.each([
    ['PORT', 'abc', 'must be a port number between 0 and 65535'],
    ['PORT', '70000', 'must be a port number between 0 and 65535'],
    ['PORT', '-1', 'must be a port number between 0 and 65535'],
    ['PORT', '80.5', 'must be a port number between 0 and 65535'],
    ['PORT', '0x10', 'must be a port number between 0 and 65535'],
    ['PORT', '1e3', 'must be a port number between 0 and 65535'],
    ['CRITEO_AUTH_MODE', 'both', 'must be service or passthrough'],
    ['CRITEO_TOKEN_HEADER', 'x criteo', 'must be an HTTP header name'],
    ['CRITEO_MAX_RETRIES', '11', 'must be a whole number between 0 and 10'],
    ['OPERATION_TIMEOUT_MS', '0', 'must be a whole number between 1 and 600000'],
    ['MAX_UPLOAD_BYTES', '0', 'must be a whole number between 1 and 999999999'],
    ['MAX_UPLOAD_BYTES', '100MB', 'must be a whole number between 1 and 999999999'],
    ['MAX_OPERATION_COST', '0', 'must be a whole number between 1 and 999999999'],
    ['MAX_OPERATION_DEPTH', '1001', 'must be a whole number between 1 and 1000'],
    ['MAX_OPERATION_TOKENS', '5k', 'must be a whole number between 1 and 10000000'],
    ['MAX_UPSTREAM_CALLS_PER_OPERATION', '0', 'must be a whole number between 1 and 1000000'],
    ['CRITEO_RATE_LIMIT_PER_MINUTE', '-5', 'must be a whole number between 0 and 100000'],
    ['CRITEO_API_URL', 'ftp://x', 'must be an http(s) URL'],
    ['CRITEO_API_URL', 'not a url', 'must be an http(s) URL'],
    ['CRITEO_API_VERSION', 'v1', 'must be a Criteo API version such as 2026-07'],
    ['CRITEO_API_VERSION', '2025-1', 'must be a Criteo API version such as 2026-07'],
    ['LOG_LEVEL', 'verbose', 'must be one of fatal, error, warn, info, debug, trace, silent'],
    ['GRAPHIQL', 'maybe', 'must be true or false'],
    ['INTROSPECTION', '2', 'must be true or false'],
    ['METRICS', 'enabled', 'must be true or false'],
    ['CSRF_PREVENTION', 'nope', 'must be true or false'],
    ['SHUTDOWN_TIMEOUT_MS', '10s', 'must be a whole number between 0 and 600000'],
    ['OTEL_TRACES_EXPORTER', 'jaeger', 'must be otlp, console or none'],
  ])('%s=%s is an error naming the variable and the rule', (name, value, rule) => {
    const error = configError({ [name]: value });
    expect(error.name).toBe('ConfigError');
    expect(error.issues).toEqual([
      `${name}: ${rule}${rule.endsWith('URL') ? ', e.g. https://api.criteo.com' : ''}`,
    ]);
    expect(error.message).toContain(name);
    expect(error.message).toContain(rule);
  });

  it('reports every invalid variable at once', () => {
    const error = configError({ PORT: 'abc', CRITEO_API_URL: 'ftp://x', CRITEO_API_VERSION: 'v1' });
    expect(error.issues).toHaveLength(3);
    for (const name of ['PORT', 'CRITEO_API_URL', 'CRITEO_API_VERSION'])
      expect(error.message).toContain(name);
  });

  it('never puts the secret value in an error message', () => {
    const secret = 'S3cr3t-should-never-leak';
    const cases: Record<string, string | undefined>[] = [
      { CRITEO_CLIENT_SECRET: secret },
      { CRITEO_CLIENT_SECRET: secret, CRITEO_CLIENT_ID: 'id', PORT: 'abc' },
      { CRITEO_CLIENT_SECRET: secret, CRITEO_CLIENT_ID: 'id', CRITEO_API_URL: 'ftp://x' },
      { CRITEO_CLIENT_SECRET: secret, CRITEO_API_VERSION: 'v1', PORT: '70000' },
    ];
    for (const env of cases) {
      const error = configError(env);
      expect(error.message).not.toContain(secret);
      expect(error.issues.join('\n')).not.toContain(secret);
      expect(String(error)).not.toContain(secret);
    }
  });

  it('trims trailing slashes of CRITEO_API_URL', () => {
    expect(loadConfig({ CRITEO_API_URL: 'https://api.criteo.com/' }).apiUrl).toBe('https://api.criteo.com');
    expect(loadConfig({ CRITEO_API_URL: 'http://localhost:4010///' }).apiUrl).toBe('http://localhost:4010');
    expect(loadConfig({ CRITEO_API_URL: 'https://proxy.example/criteo/' }).apiUrl).toBe(
      'https://proxy.example/criteo',
    );
  });

  it('treats blank values as unset', () => {
    expect(
      loadConfig({
        CRITEO_CLIENT_ID: '',
        CRITEO_CLIENT_SECRET: '   ',
        CRITEO_API_URL: '',
        CRITEO_API_VERSION: ' ',
        PORT: '',
      }),
    ).toEqual(loadConfig({}));
    // A blank secret next to a set id is a missing secret.
    const error = configError({ CRITEO_CLIENT_ID: 'id', CRITEO_CLIENT_SECRET: ' ' });
    expect(error.message).toContain('CRITEO_CLIENT_SECRET');
  });

  it('NODE_ENV=production turns GraphiQL and introspection off unless they are set', () => {
    expect(loadConfig({ NODE_ENV: 'production' })).toMatchObject({
      production: true,
      graphiql: false,
      introspection: false,
      metrics: true,
      csrfPrevention: true,
    });
    expect(loadConfig({ NODE_ENV: 'production', GRAPHIQL: 'on', INTROSPECTION: 'TRUE' })).toMatchObject({
      graphiql: true,
      introspection: true,
    });
    expect(loadConfig({ NODE_ENV: 'development', GRAPHIQL: 'false', INTROSPECTION: 'no' })).toMatchObject({
      production: false,
      graphiql: false,
      introspection: false,
    });
  });

  it('reads LOG_LEVEL in any case', () => {
    expect(loadConfig({ LOG_LEVEL: 'WARN' }).logLevel).toBe('warn');
  });

  describe('tracing (standard OTEL_* variables)', () => {
    it('is off without an endpoint or an exporter', () => {
      expect(loadConfig({ OTEL_SERVICE_NAME: 'x' }).tracing).toBeNull();
    });

    it('uses the traces endpoint as is, and adds /v1/traces to the general one', () => {
      expect(loadConfig({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://c:4318/custom' }).tracing?.url).toBe(
        'http://c:4318/custom',
      );
      expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' }).tracing?.url).toBe(
        'http://c:4318/v1/traces',
      );
    });

    it('OTEL_TRACES_EXPORTER alone turns it on, with the default collector and service name', () => {
      expect(loadConfig({ OTEL_TRACES_EXPORTER: 'otlp' }).tracing).toEqual({
        serviceName: 'criteo-audience-gateway',
        exporter: 'otlp',
        url: 'http://localhost:4318/v1/traces',
        headers: {},
      });
      expect(loadConfig({ OTEL_TRACES_EXPORTER: 'console' }).tracing?.exporter).toBe('console');
    });

    it('OTEL_SDK_DISABLED=true and OTEL_TRACES_EXPORTER=none win over an endpoint', () => {
      const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' };
      expect(loadConfig({ ...endpoint, OTEL_SDK_DISABLED: 'true' }).tracing).toBeNull();
      expect(loadConfig({ ...endpoint, OTEL_TRACES_EXPORTER: 'none' }).tracing).toBeNull();
    });

    it('signal-specific headers override the general ones', () => {
      const tracing = loadConfig({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318',
        OTEL_EXPORTER_OTLP_HEADERS: 'a=1,b=2',
        OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'b=3',
      }).tracing;
      expect(tracing?.headers).toEqual({ a: '1', b: '3' });
    });

    it('malformed headers are an error that does not echo them (they carry API keys)', () => {
      const error = configError({ OTEL_EXPORTER_OTLP_HEADERS: 'secret-api-key-value' });
      expect(error.issues).toEqual([
        'OTEL_EXPORTER_OTLP_HEADERS: must be a list of key=value pairs separated by commas',
      ]);
      expect(error.message).not.toContain('secret-api-key-value');
    });
  });

  describe('caller authentication (AUTH_*)', () => {
    const auth = {
      AUTH_JWKS_URL: 'https://login.example.com/jwks.json',
      AUTH_ISSUER: 'https://login.example.com/',
      AUTH_AUDIENCE: 'gateway',
    };

    it('is off by default and reads the claim name advertiser_ids by default', () => {
      expect(loadConfig({}).auth).toBeNull();
      expect(loadConfig(auth).auth).toEqual({
        jwksUrl: auth.AUTH_JWKS_URL,
        issuer: auth.AUTH_ISSUER,
        audience: auth.AUTH_AUDIENCE,
        advertisersClaim: 'advertiser_ids',
      });
    });

    it('needs the issuer and the audience with the key set, and the key set with either', () => {
      expect(configError({ AUTH_JWKS_URL: auth.AUTH_JWKS_URL }).issues).toEqual([
        'AUTH_ISSUER: must be set with AUTH_JWKS_URL (tokens are checked for their issuer and audience)',
        'AUTH_AUDIENCE: must be set with AUTH_JWKS_URL (tokens are checked for their issuer and audience)',
      ]);
      expect(configError({ AUTH_AUDIENCE: 'gateway' }).issues).toEqual([
        'AUTH_JWKS_URL: must be set when AUTH_ISSUER or AUTH_AUDIENCE is (the keys that sign callers’ tokens)',
      ]);
    });

    it('refuses a key set URL that is not http(s)', () => {
      expect(configError({ ...auth, AUTH_JWKS_URL: 'file:///etc/jwks.json' }).issues).toEqual([
        'AUTH_JWKS_URL: must be an http(s) URL of a JSON Web Key Set',
      ]);
    });

    it('refuses passthrough with the Criteo token in Authorization, which carries the caller’s JWT', () => {
      // Passthrough without service credentials names its upstream (CRITEO_API_URL).
      const passthrough = {
        ...auth,
        CRITEO_AUTH_MODE: 'passthrough',
        CRITEO_API_URL: 'https://api.criteo.com',
      };
      const error = configError(passthrough);
      expect(error.issues).toHaveLength(1);
      expect(error.issues[0]).toMatch(/^CRITEO_TOKEN_HEADER: must name another header than authorization/);
      expect(loadConfig({ ...passthrough, CRITEO_TOKEN_HEADER: 'x-criteo-token' })).toMatchObject({
        authMode: 'passthrough',
        tokenHeader: 'x-criteo-token',
        auth: { audience: 'gateway' },
      });
    });
  });

  describe('browsers and disclosure (CORS_ORIGINS, FEDERATION_SDL)', () => {
    it('reads exact origins and refuses a wildcard, a path or a non-URL', () => {
      expect(
        loadConfig({ CORS_ORIGINS: 'https://a.example.com/,http://localhost:3000' }).corsOrigins,
      ).toEqual(['https://a.example.com', 'http://localhost:3000']);
      for (const bad of ['*', 'https://a.example.com/app', 'a.example.com']) {
        expect(configError({ CORS_ORIGINS: bad }).issues[0]).toMatch(
          /^CORS_ORIGINS: .* is not an exact origin/,
        );
      }
    });

    it('serves the federation SDL where introspection is on, unless FEDERATION_SDL says otherwise', () => {
      expect(loadConfig({}).federationSdl).toBe(true);
      expect(loadConfig({ NODE_ENV: 'production' }).federationSdl).toBe(false);
      expect(loadConfig({ NODE_ENV: 'production', FEDERATION_SDL: 'true' }).federationSdl).toBe(true);
      expect(loadConfig({ INTROSPECTION: 'false' }).federationSdl).toBe(false);
      expect(loadConfig({ FEDERATION_SDL: 'off' }).federationSdl).toBe(false);
    });
  });

  describe('safe defaults (HOST, ALLOW_UNAUTHENTICATED)', () => {
    const real = { CRITEO_CLIENT_ID: 'id', CRITEO_CLIENT_SECRET: 'secret' };

    it('listens on loopback by default', () => {
      expect(loadConfig({}).host).toBe('127.0.0.1');
      expect(loadConfig(real).host).toBe('127.0.0.1');
    });

    it('refuses real credentials on a reachable interface with no caller authentication', () => {
      const error = configError({ ...real, HOST: '0.0.0.0' });
      expect(error.issues).toHaveLength(1);
      expect(error.issues[0]).toMatch(
        /^HOST: 0\.0\.0\.0 is reachable from other machines, and with CRITEO_CLIENT_ID set and no AUTH_JWKS_URL/,
      );
      expect(error.issues[0]).toMatch(/ALLOW_UNAUTHENTICATED=true/);
      expect(error.message).not.toContain('secret');
    });

    it('starts on a reachable interface with authentication, on purpose, on loopback, or with the emulator', () => {
      const auth = { AUTH_JWKS_URL: 'https://l.example/jwks', AUTH_ISSUER: 'i', AUTH_AUDIENCE: 'a' };
      expect(loadConfig({ ...real, HOST: '0.0.0.0', ...auth }).host).toBe('0.0.0.0');
      expect(loadConfig({ ...real, HOST: '10.0.0.5', ALLOW_UNAUTHENTICATED: 'true' }).host).toBe('10.0.0.5');
      for (const host of ['localhost', '127.0.0.1', '127.1.2.3', '::1'])
        expect(loadConfig({ ...real, HOST: host }).host).toBe(host);
      // No CRITEO_CLIENT_ID: the embedded emulator and its demo data, nothing real to protect.
      expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    });

    it('refuses a HOST that is not a host name or an address', () => {
      expect(configError({ HOST: 'http://0.0.0.0' }).issues).toEqual([
        'HOST: must be a host name or an IP address, e.g. 127.0.0.1 or 0.0.0.0',
      ]);
    });
  });
});
