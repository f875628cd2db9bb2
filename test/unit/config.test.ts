import { describe, expect, it } from 'vitest';
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
      upstream: {
        rateLimitPerMinute: 250,
        maxRetries: 3,
        maxConnections: 16,
        connectTimeoutMs: 5_000,
        requestTimeoutMs: 15_000,
      },
      operationTimeoutMs: 20_000,
      maxUploadBytes: 104_857_600,
      operationLimits: { maxCost: 50_000, maxDepth: 12, maxTokens: 5_000 },
      maxUpstreamCallsPerOperation: 125,
      production: false,
      logLevel: 'info',
      graphiql: true,
      introspection: true,
      metrics: true,
      csrfPrevention: true,
      persistedOperationsFile: null,
      shutdownTimeoutMs: 25_000,
      authMode: 'service',
      tokenHeader: 'authorization',
      tracing: null,
    });
  });

  it('does not read anything but the variables it knows', () => {
    expect(loadConfig({ HOME: '/root', NODE_ENV: 'production', CRITEO_OTHER: 'x' }).credentials).toBeNull();
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
        CRITEO_RATE_LIMIT_PER_MINUTE: '0',
        CRITEO_MAX_RETRIES: '5',
        CRITEO_MAX_CONNECTIONS: '4',
        CRITEO_CONNECT_TIMEOUT_MS: '100',
        CRITEO_REQUEST_TIMEOUT_MS: '200',
        OPERATION_TIMEOUT_MS: '300',
        MAX_UPLOAD_BYTES: '1048576',
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
      upstream: {
        rateLimitPerMinute: 0,
        maxRetries: 5,
        maxConnections: 4,
        connectTimeoutMs: 100,
        requestTimeoutMs: 200,
      },
      operationTimeoutMs: 300,
      maxUploadBytes: 1_048_576,
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
});
