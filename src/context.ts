import type { TokenSource } from './criteo/auth.js';
import type { CriteoClient, CriteoOperations } from './criteo/client.js';
import { createLoaders, type LoaderOptions, type Loaders } from './loaders/index.js';
import type { Caller } from './scope.js';

/** Per-request context: the Criteo client scoped to this operation, and a fresh set of DataLoaders. */
export interface GatewayContext {
  criteo: CriteoOperations;
  loaders: Loaders;
  /** This request's id (`x-request-id`): on every log line and in every error's `extensions`. */
  requestId: string;
  /** Upstream calls this operation made so far, and their retries: `extensions.criteo`. */
  upstream: { calls: number; retries: number };
  /** The verified caller (`AUTH_JWKS_URL`); null when callers are not authenticated. */
  caller: Caller | null;
}

export interface ContextOptions extends LoaderOptions {
  /** Aborts the operation's outstanding upstream calls (its deadline, or the client going away). */
  signal?: AbortSignal;
  requestId?: string;
  /** Passthrough mode: the caller's own Criteo token instead of the service credentials. */
  tokens?: TokenSource;
  caller?: Caller | null;
}

export function createContext(client: CriteoClient, options: ContextOptions = {}): GatewayContext {
  const upstream = { calls: 0, retries: 0 };
  const criteo = client.forRequest({
    signal: options.signal,
    tokens: options.tokens,
    onAttempt: (event) => {
      if (event.retry) upstream.retries += 1;
      else upstream.calls += 1;
    },
  });
  return {
    upstream,
    criteo,
    loaders: createLoaders(criteo, {
      batch: options.batch,
      onBatch: options.onBatch,
      caller: options.caller ?? null,
    }),
    requestId: options.requestId ?? '',
    caller: options.caller ?? null,
  };
}
