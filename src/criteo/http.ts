import type { Dispatcher } from 'undici';
import type { z } from 'zod';
import { type TokenSource, withToken } from './auth.js';
import type { CriteoError } from './errors.js';
import { withObservation, withSpan } from './observe.js';
import { type BudgetGate, withRateBudget } from './rate-budget.js';
import { type ReadCache, type ResourceKind, withReadCache } from './read-cache.js';
import { withResend, withWriteOutcome } from './resend.js';
import { withResponse } from './response.js';
import type { RetryPolicy } from './retry.js';
import { createSend } from './send.js';

export { createDispatcher, type DispatcherOptions } from './dispatcher.js';
export { DEFAULT_MAX_RESPONSE_BYTES } from './response.js';

export interface CriteoHttpOptions {
  /** Origin (and optional base path) of the API, e.g. `https://api.criteo.com`. */
  apiUrl: string;
  /** API version path segment, e.g. `2025-10`. */
  apiVersion: string;
  tokens: TokenSource;
  /** From `createDispatcher`: keep-alive, timeouts, and undici's retry interceptor. */
  dispatcher: Dispatcher;
  /** Backoff of idempotent calls. @default DEFAULT_RETRY_POLICY (3 retries, 200 ms to 5 s) */
  retry?: RetryPolicy;
  /** Process-wide rate budget (or its view for one caller); null turns it off. @default null */
  budget?: BudgetGate | null;
  /** Aborts every call (the GraphQL operation's deadline). */
  signal?: AbortSignal | undefined;
  /** Largest response body read; a larger one is cut and is a contract mismatch. @default 32 MiB */
  maxResponseBytes?: number;
  /** Observes each upstream attempt (metrics). */
  onAttempt?: (event: { operation: string; retry: boolean }) => void;
  /** Observes each finished call, success or failure, after its retries (metrics, logs, span attributes). */
  onResponse?: (event: UpstreamResponseEvent) => void;
  /** Runs each call (retries included) inside, e.g. a tracing span made active for its duration. */
  wrapCall?: <T>(call: { operation: string; method: string }, run: () => Promise<T>) => Promise<T>;
  /** Extra headers for each request, e.g. W3C `traceparent` of the active span. */
  headers?: () => Record<string, string>;
  /** The read cache (`CACHE_TTL_SECONDS`); null or absent: every read goes upstream. */
  cache?: ReadCache | null;
  /** Whose data the cached reads are: `''` the service application, a token hash in passthrough; null: uncached. */
  cacheOwner?: string | null;
  /** A read was answered without a call of its own (`extensions.criteo.cached`). */
  onCached?: () => void;
}

export interface UpstreamResponseEvent {
  operation: string;
  method: string;
  /** The final HTTP status; undefined when no response arrived (network error, timeout). */
  status: number | undefined;
  durationMs: number;
  ok: boolean;
  /** The failure as a `CriteoError` (with `code` and Criteo's `traceId`); undefined for other failures. */
  error: CriteoError | undefined;
}

export interface CallOptions<S extends z.ZodType> {
  /** The spec's operationId: named in errors and in upstream metrics. */
  operation: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Path under `/{version}/marketing-solutions`, e.g. `/audience-segments/search`. */
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** The zod schema of the success body; `null` for an empty (204) body. */
  schema: S;
  /** Statuses treated as success. @default [200] */
  expect?: number[];
  /**
   * Safe to send again (searches, compute-sizes, estimates, GETs): retried on 429/502/503/504 and resets.
   * @default true for GET, false otherwise
   */
  idempotent?: boolean;
  /**
   * Most items `data` may hold: the page size asked for, or the number of items sent. More is a
   * contract mismatch, told before the body is validated item by item.
   */
  maxItems?: number;
  /** A read the cache may answer: the kinds of resource its answer depends on. */
  reads?: readonly ResourceKind[];
  /** A write: the kinds of resource it changes, made stale in the cache before its answer goes on. */
  invalidates?: readonly ResourceKind[];
}

/** One call on its way through the steps below. */
export interface UpstreamCall<S extends z.ZodType = z.ZodType> extends CallOptions<S> {
  readonly idempotent: boolean;
  /** The latest response's status, once one arrived: what `onResponse` reports when the failure has none. */
  status: number | undefined;
}

/** Sends one request with `token`; resolves to the response head, its body still unread. */
export type Send = (call: UpstreamCall, token: string) => Promise<Dispatcher.ResponseData>;
/** Sends one request with the token it gets itself. */
export type Exchange = (call: UpstreamCall) => Promise<Dispatcher.ResponseData>;
/** A whole call: resolves to the body parsed by the call's schema, or rejects with a `CriteoError`. */
export type Handler = <S extends z.ZodType>(call: UpstreamCall<S>) => Promise<z.infer<S>>;

/** The one place that speaks HTTP to Criteo's API (README.md of this folder). */
export interface CriteoHttp {
  call<S extends z.ZodType>(options: CallOptions<S>): Promise<z.infer<S>>;
}

/**
 * A call's pipeline, built from the inside out: each step wraps the one above it, so a call enters
 * at the last line and its request leaves at the first.
 */
export function createCriteoHttp(options: CriteoHttpOptions): CriteoHttp {
  const { tokens, signal, onAttempt, onResponse, wrapCall } = options;
  const send = createSend(options); // URL, headers, undici; its retry interceptor retries idempotent calls
  const budgeted = withRateBudget(send, options); // rate budget, then the deadline, before anything leaves
  const authorized = withToken(budgeted, tokens); // bearer token; one fresh token and resend on a 401
  const parsed = withResponse(authorized, options); // bounded body, status -> CriteoError, maxItems, zod
  const told = withWriteOutcome(parsed); // a failed write says whether it left (writes are never re-sent)
  const resent = withResend(told, { signal, onAttempt }); // a safe call's body cut mid-way: asked once more
  const observed = withObservation(resent, onResponse); // onResponse once per call, after its retries
  const run = withSpan(observed, wrapCall); // wrapCall around the whole call
  const cacheOwner = options.cacheOwner === undefined ? '' : options.cacheOwner;
  const cached = withReadCache(run, cacheOwner === null ? null : (options.cache ?? null), {
    owner: cacheOwner ?? '',
    signal,
    onCached: options.onCached,
  }); // a read answered again, a write making reads stale
  return {
    call: (call) =>
      cached({ ...call, idempotent: call.idempotent ?? call.method === 'GET', status: undefined }),
  };
}
