import { initContextCache } from '@pothos/core';
import type { TokenSource } from './criteo/auth.js';
import type { CriteoClient, CriteoOperations } from './criteo/client.js';
import type { Batching } from './loaders/batching.js';
import type { Caller } from './scope.js';

/**
 * Per-request context: the Criteo client scoped to this operation, and how its DataLoaders batch.
 * The loaders themselves live in the context's Pothos cache (one set per request, made on first use).
 */
export interface GatewayContext {
  criteo: CriteoOperations;
  batching: Batching;
  /** This request's id (`x-request-id`): on every log line and in every error's `extensions`. */
  requestId: string;
  /**
   * Upstream calls this operation made so far, their retries, and the reads answered without a call
   * of their own (the read cache, or an identical read in flight): `extensions.criteo`.
   */
  upstream: { calls: number; retries: number; cached: number };
  /** Calls the application's rate budget can still start now; null when the budget is off. */
  budgetRemaining: () => Promise<number | null>;
  /** The verified caller (`AUTH_JWKS_URL`); null when callers are not authenticated. */
  caller: Caller | null;
}

export interface ContextOptions {
  /** False: one upstream call per loaded key (the N+1 control); default true. */
  batch?: boolean;
  /** Observes each batch a loader dispatches: its name and how many keys it carries (metrics). */
  onBatch?: Batching['onBatch'];
  /** Aborts the operation's outstanding upstream calls (its deadline, or the client going away). */
  signal?: AbortSignal;
  requestId?: string;
  /** Passthrough mode: the caller's own Criteo token instead of the service credentials. */
  tokens?: TokenSource;
  /** The verified caller: an object of another advertiser loads as a `ForbiddenError`, never as itself. */
  caller?: Caller | null;
}

export function createContext(client: CriteoClient, options: ContextOptions = {}): GatewayContext {
  const upstream = { calls: 0, retries: 0, cached: 0 };
  const criteo = client.forRequest({
    signal: options.signal,
    tokens: options.tokens,
    onAttempt: (event) => {
      if (event.retry) upstream.retries += 1;
      else upstream.calls += 1;
    },
    onCached: () => {
      upstream.cached += 1;
    },
  });
  return {
    // Keeps the request's loaders when Yoga copies the context into its own object.
    ...initContextCache(),
    upstream,
    budgetRemaining: () => client.budget?.remaining() ?? Promise.resolve(null),
    criteo,
    batching: { batch: options.batch ?? true, onBatch: options.onBatch },
    requestId: options.requestId ?? '',
    caller: options.caller ?? null,
  };
}
