import type { Dispatcher } from 'undici';
import type { CriteoCredentials } from '../config.js';
import { CRITEO_CALLS_PER_MINUTE } from '../contract/limits.js';
import type { CallWindow, CallWindowOptions } from '../shared-state/call-window.js';
import { MemoryReadStore, type ReadStore } from '../shared-state/read-store.js';
import type { TokenStore } from '../shared-state/token-store.js';
import * as application from './application.js';
import * as audienceSegments from './audience-segments.js';
import * as audiences from './audiences.js';
import { ClientCredentialsTokenSource, type TokenSource } from './auth.js';
import * as contactLists from './contact-lists.js';
import {
  type CriteoHttp,
  type CriteoHttpOptions,
  createCriteoHttp,
  createDispatcher,
  type DispatcherOptions,
} from './http.js';
import { RateBudget, type RateBudgetOptions } from './rate-budget.js';
import { ReadCache } from './read-cache.js';
import type { RetryPolicy } from './retry.js';

export interface CriteoClientOptions {
  apiUrl: string;
  apiVersion: string;
  /** Service credentials (client credentials flow) or a ready token source. */
  auth: { credentials: CriteoCredentials } | { tokens: TokenSource };
  /** A dispatcher of `createDispatcher` to share; by default one is made from `http`. */
  dispatcher?: Dispatcher;
  http?: DispatcherOptions;
  retry?: RetryPolicy;
  maxResponseBytes?: CriteoHttpOptions['maxResponseBytes'];
  /** Client-side budget shared by every call of the process (default 250 a minute); `false` turns it off. */
  rateBudget?: RateBudgetOptions | false;
  /**
   * How long a read (search, compute-sizes, statistics) is answered again without a call
   * (`CACHE_TTL_SECONDS`); 0 or absent: no cache.
   */
  cacheTtlMs?: number;
  /**
   * State shared with the other replicas (`REDIS_URL`): where the rate budget counts call starts,
   * where the service token and the read cache are kept. Absent: this process's own.
   */
  shared?: SharedClientState;
  onAttempt?: CriteoHttpOptions['onAttempt'];
  onResponse?: CriteoHttpOptions['onResponse'];
  wrapCall?: CriteoHttpOptions['wrapCall'];
  headers?: CriteoHttpOptions['headers'];
}

export interface SharedClientState {
  /** Builds the rate budget's window for its limit and window length (margin included). */
  window: (options: CallWindowOptions) => CallWindow;
  tokens: TokenStore;
  /** The read cache of every replica, with the generations writes bump. */
  reads: ReadStore;
  /** The shared store failed; the process carries on with its own token meanwhile. */
  onError: (error: unknown) => void;
  /** The shared store answered again after a failure that did not drop the connection (a timeout). */
  onSuccess?: () => void;
}

export interface RequestScope {
  /** The GraphQL operation's deadline: aborting it cancels outstanding upstream calls. */
  signal?: AbortSignal;
  /** A caller's own token (passthrough), used instead of the service credentials. */
  tokens?: TokenSource;
  /** Observes this operation's upstream attempts (its count in `extensions.criteo.calls`). */
  onAttempt?: CriteoHttpOptions['onAttempt'];
  /** A read answered by the cache or by an identical call in flight (`extensions.criteo.cached`). */
  onCached?: () => void;
}

type Bound<T> = {
  [K in keyof T]: T[K] extends (http: CriteoHttp, ...args: infer A) => infer R ? (...args: A) => R : never;
};

type Modules = typeof audienceSegments & typeof audiences & typeof contactLists & typeof application;

// Listed once per process: every GraphQL operation binds them to its own pipeline (`forRequest`), and
// listing the modules' entries each time was most of a request's set-up.
const OPERATIONS = Object.entries({ ...audienceSegments, ...audiences, ...contactLists, ...application }) as [
  string,
  (http: CriteoHttp, ...args: never[]) => unknown,
][];

function operations(http: CriteoHttp): Bound<Modules> {
  const bound: Record<string, (...args: never[]) => unknown> = {};
  for (const [name, fn] of OPERATIONS) bound[name] = (...args: never[]) => fn(http, ...args);
  return bound as Bound<Modules>;
}

/**
 * One function per Criteo operation, named after it. All calls share one keep-alive dispatcher,
 * one token source and one rate budget; `forRequest` scopes them to a GraphQL operation.
 */
export function createCriteoClient(options: CriteoClientOptions) {
  const dispatcher = options.dispatcher ?? createDispatcher(options.http);
  const tokens =
    'tokens' in options.auth
      ? options.auth.tokens
      : new ClientCredentialsTokenSource({
          credentials: options.auth.credentials,
          apiUrl: options.apiUrl,
          dispatcher,
          store: options.shared?.tokens,
          onStoreError: options.shared?.onError,
        });
  const budget =
    options.rateBudget === false
      ? null
      : new RateBudget({
          window: options.shared?.window,
          ...(options.rateBudget ?? { limit: CRITEO_CALLS_PER_MINUTE }),
        });
  const cache = options.cacheTtlMs
    ? new ReadCache({
        store: options.shared?.reads ?? new MemoryReadStore(),
        ttlMs: options.cacheTtlMs,
        // Bump it when a cached body's shape changes, so replicas of two releases do not share answers.
        namespace: `${options.apiVersion}/1`,
        onError: options.shared?.onError,
        onSuccess: options.shared?.onSuccess,
      })
    : null;
  const base: CriteoHttpOptions = {
    apiUrl: options.apiUrl,
    apiVersion: options.apiVersion,
    tokens,
    dispatcher,
    budget,
    retry: options.retry,
    maxResponseBytes: options.maxResponseBytes,
    onAttempt: options.onAttempt,
    onResponse: options.onResponse,
    wrapCall: options.wrapCall,
    headers: options.headers,
    cache,
  };
  return {
    ...operations(createCriteoHttp(base)),
    tokens,
    budget,
    cache,
    /** The same client for one GraphQL operation: its deadline and, in passthrough mode, its caller's token. */
    forRequest(scope: RequestScope) {
      const { onAttempt } = scope;
      return operations(
        createCriteoHttp({
          ...base,
          signal: scope.signal,
          tokens: scope.tokens ?? tokens,
          // Passthrough: a caller's reads are cached apart from every other caller's; none without a token.
          cacheOwner: scope.tokens ? (scope.tokens.caller ?? null) : '',
          onCached: scope.onCached,
          // Passthrough: each caller queues for the shared budget on its own, served in turn.
          budget:
            budget && scope.tokens?.caller !== undefined ? budget.forCaller(scope.tokens.caller) : budget,
          onAttempt: onAttempt
            ? (event) => {
                onAttempt(event);
                base.onAttempt?.(event);
              }
            : base.onAttempt,
        }),
      );
    },
    close: () => dispatcher.close(),
  };
}

export type CriteoClient = ReturnType<typeof createCriteoClient>;
export type CriteoOperations = ReturnType<typeof operations>;
