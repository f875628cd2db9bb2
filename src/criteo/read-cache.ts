import { createHash } from 'node:crypto';
import type { ReadStore } from '../shared-state/read-store.js';
import type { Handler, UpstreamCall } from './http.js';
import { toCriteoError } from './to-criteo-error.js';

/** The kinds of resource a cached read depends on and a write makes stale. */
export type ResourceKind = 'AudienceSegment' | 'Audience';

export interface ReadCacheOptions {
  store: ReadStore;
  /** `CACHE_TTL_SECONDS` in ms: how long an answer is served again. */
  ttlMs: number;
  /**
   * What else makes an answer differ: the API version (a rolling upgrade to another version must
   * not read the old version's answers). Part of every key.
   */
  namespace: string;
  /** The store failed: the read goes upstream, the failure is the shared state's to report. */
  onError?: (error: unknown) => void;
  /** The store answered: the shared state is reachable (it may have been reported down). */
  onSuccess?: () => void;
}

/** One upstream read in flight, shared by the identical reads that arrive meanwhile. */
interface Flight {
  answer: Promise<string>;
  /** The deadline of the request that sent it: when it fires, the others send their own. */
  signal: AbortSignal | undefined;
}

/** What a request brings to the cache: whose data it reads, its deadline, and its count of hits. */
export interface CacheScope {
  /** Whose data: the service application (`''`), or in passthrough a hash of the caller's token. */
  owner: string;
  signal?: AbortSignal | undefined;
  /** An answer came from the cache or from an identical read in flight, not from a call of its own. */
  onCached?: () => void;
}

/**
 * The read cache of the client (`CACHE_TTL_SECONDS`): answers of searches, compute-sizes and
 * statistics, keyed by everything the call sends and by whose data it reads (never by a token
 * itself), kept in a `ReadStore` (this process, or Redis for every replica). Identical reads in
 * flight at once share one call.
 */
export class ReadCache {
  private readonly flights = new Map<string, Flight>();
  /** Reads answered from the store, from an identical read in flight, and by a call (`/metrics`). */
  readonly counts = { hit: 0, shared: 0, miss: 0 };

  constructor(private readonly options: ReadCacheOptions) {}

  async read<T>(
    call: UpstreamCall & { reads: readonly ResourceKind[] },
    scope: CacheScope,
    send: () => Promise<T>,
  ): Promise<T> {
    const key = keyOf(call, scope.owner, this.options.namespace);
    const stored = await this.options.store.get(key, call.reads).then(
      (answer) => {
        this.options.onSuccess?.();
        return answer;
      },
      (error: unknown) => {
        this.options.onError?.(error);
        return null;
      },
    );
    // Redis unreachable, or a write of this replica it has not counted yet: straight upstream.
    if (!stored || stored.generation === null) {
      this.counts.miss += 1;
      return send();
    }
    if (stored.value !== undefined) {
      this.counts.hit += 1;
      scope.onCached?.();
      return JSON.parse(stored.value) as T;
    }
    // Only reads of the same generation share a flight: one that started before a write never
    // answers a read that started after it.
    const { generation } = stored;
    const flightKey = `${key}@${generation}`;
    const flight = this.flights.get(flightKey);
    if (flight && !flight.signal?.aborted) {
      const answer = await untilAborted(flight.answer, scope.signal).catch((error: unknown) => {
        if (scope.signal?.aborted)
          throw toCriteoError(scope.signal.reason, {
            operation: call.operation,
            signal: scope.signal,
            stage: 'before-send',
          });
        if (flight.signal?.aborted) return null; // the sender's deadline, not ours
        throw error;
      });
      if (answer === null) return this.read(call, scope, send); // share again, among the ones left
      this.counts.shared += 1;
      scope.onCached?.();
      return JSON.parse(answer) as T;
    }

    this.counts.miss += 1;
    const sent = send();
    const answer = sent.then((value) => JSON.stringify(value));
    answer.catch(() => {}); // a follower or the caller below sees the failure
    const mine: Flight = { answer, signal: scope.signal };
    this.flights.set(flightKey, mine);
    try {
      const value = await sent;
      this.options.store
        .set(key, generation, await answer, this.options.ttlMs)
        .catch((error: unknown) => this.options.onError?.(error));
      return value;
    } finally {
      // A flight that outlived its sender's deadline may have been replaced: leave the new one.
      if (this.flights.get(flightKey) === mine) this.flights.delete(flightKey);
    }
  }

  /** After a write (answered or not: it may have been applied), before the mutation answers. */
  invalidate(kinds: readonly ResourceKind[]): Promise<void> {
    return this.options.store.invalidate(kinds).catch((error: unknown) => this.options.onError?.(error));
  }
}

/**
 * The pipeline step of the cache: reads that name the kinds they depend on (`reads`) are answered
 * from it; writes that name what they change (`invalidates`) make those kinds stale on every replica
 * once Criteo answered, before their answer goes on.
 */
export function withReadCache(run: Handler, cache: ReadCache | null, scope: CacheScope): Handler {
  if (!cache) return run;
  return async (call) => {
    const { reads, invalidates } = call;
    if (reads) return cache.read({ ...call, reads }, scope, () => run(call));
    if (!invalidates) return run(call);
    try {
      return await run(call);
    } finally {
      await cache.invalidate(invalidates);
    }
  };
}

/** Everything the call sends, and whose data it reads, hashed: no token or filter shows in a key. */
function keyOf(call: UpstreamCall, owner: string, namespace: string): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        namespace,
        owner,
        call.operation,
        call.method,
        call.path,
        call.query ?? null,
        call.body ?? null,
      ]),
    )
    .digest('base64url');
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason);
    signal.addEventListener('abort', abort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}
