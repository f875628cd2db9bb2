import type { Config } from './config.js';
import { MissingTokenSource } from './criteo/auth.js';
import type { CriteoClientOptions } from './criteo/client.js';

/** Backoff of the retried calls: from 200 ms up to 5 s, with jitter (Criteo's reset header wins). */
const RETRY_BACKOFF_MS = { minDelayMs: 200, maxDelayMs: 5_000 };

/**
 * The Criteo client's options read from the configuration (`CRITEO_*`): shared by the gateway
 * (`app.ts`, which adds its observability hooks) and the benchmark's gateway target.
 */
export function toCriteoClientOptions(config: Config): CriteoClientOptions {
  const { credentials, upstream } = config;
  return {
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
    retry: { maxRetries: upstream.maxRetries, ...RETRY_BACKOFF_MS },
    maxResponseBytes: upstream.maxResponseBytes,
    rateBudget: upstream.rateLimitPerMinute === 0 ? false : { limit: upstream.rateLimitPerMinute },
    cacheTtlMs: config.cacheTtlMs,
  };
}
