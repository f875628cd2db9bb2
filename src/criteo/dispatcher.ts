import { Agent, type Dispatcher, interceptors } from 'undici';

export interface DispatcherOptions {
  /** Concurrent connections to the Criteo origin; further requests queue in undici. @default 16 */
  connections?: number;
  /** @default 5000 */
  connectTimeoutMs?: number;
  /** Time to the response headers. @default 15000 */
  headersTimeoutMs?: number;
  /** Longest pause between two chunks of a response body. @default 15000 */
  bodyTimeoutMs?: number;
}

/**
 * The keep-alive dispatcher every call to Criteo goes through, with undici's retry interceptor
 * (off unless a request brings its `retryOptions`: see `send.ts`).
 */
export function createDispatcher(options: DispatcherOptions = {}): Dispatcher {
  return new Agent({
    connections: options.connections ?? 16,
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 120_000,
    connect: { timeout: options.connectTimeoutMs ?? 5_000 },
    headersTimeout: options.headersTimeoutMs ?? 15_000,
    bodyTimeout: options.bodyTimeoutMs ?? 15_000,
  }).compose(interceptors.retry({ maxRetries: 0, throwOnError: false }));
}
