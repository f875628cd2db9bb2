import { StaticTokenSource } from '../criteo/auth.js';
import type { CriteoClient } from '../criteo/client.js';
import { CriteoError } from '../criteo/errors.js';
import { createDeadline } from '../deadline.js';

/** The body of `/ready`; `ready` decides its status (200 or 503). */
export type Readiness =
  | { ready: true; status: 'ready' }
  | {
      ready: true;
      /** Serving, without the state shared with the other replicas (Redis): budget and token are its own. */
      status: 'degraded';
      check: 'redis';
      reason: string;
    }
  | {
      ready: false;
      /** `draining`: shutting down; `unavailable`: a token or the upstream could not be had. */
      status: 'draining' | 'unavailable';
      /** What failed: `token` (Criteo's token endpoint) or `upstream` (`GET /me`). */
      check?: 'token' | 'upstream';
      code?: string;
      reason: string;
    };

export interface ReadinessCheckOptions {
  /** Longest a check may take (default 5 s): past it, the gateway is not ready. */
  timeoutMs?: number;
  /** True once shutdown started: the load balancer must stop sending requests. */
  draining?: () => boolean;
  /**
   * How long a result (ready or not) answers every probe (default 5 s): `/ready` is anonymous, and
   * each check costs a Criteo call from the shared budget, so a flood of probes costs one call per
   * interval. 0 checks on every probe.
   */
  cacheMs?: number;
  /**
   * `authenticated` (default): a service token is obtained and `GET /me` answers. `reachable`
   * (passthrough without service credentials, no token of its own): `GET /me` without a token
   * answers, 401 included.
   */
  probe?: 'authenticated' | 'reachable';
  /** The state shared with the other replicas (`REDIS_URL`): while it is down, ready but `degraded`. */
  shared?: () => { up: boolean; reason: string | null };
  now?: () => number;
}

export const DEFAULT_READY_CACHE_MS = 5_000;

/** An empty bearer token: the reachability probe has no credentials to send. */
const NO_TOKEN = new StaticTokenSource('');

const DRAINING: Readiness = { ready: false, status: 'draining', reason: 'the gateway is shutting down' };

/**
 * Ready = a token can be obtained and Criteo answers `GET /me`. Concurrent probes share one check,
 * and its result is reused for `cacheMs`; draining is told at once.
 * Reasons name the failing step and the error code, never a credential.
 */
export function createReadinessCheck(
  client: Pick<CriteoClient, 'tokens' | 'forRequest'>,
  options: ReadinessCheckOptions = {},
): () => Promise<Readiness> {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const cacheMs = options.cacheMs ?? DEFAULT_READY_CACHE_MS;
  const now = options.now ?? Date.now;
  let pending: Promise<Readiness> | null = null;
  let cached: { result: Readiness; until: number } | null = null;

  async function run(): Promise<Readiness> {
    // The gateway's own deadline: an `AbortSignal.timeout` may be collected before it fires (Node 20).
    const deadline = createDeadline(timeoutMs);
    try {
      return await check(deadline.signal);
    } finally {
      deadline.clear();
    }
  }

  async function check(signal: AbortSignal): Promise<Readiness> {
    if (options.probe === 'reachable') return reachable(signal);
    try {
      await untilAborted(client.tokens.get(), signal);
    } catch (error) {
      return notReady('token', error, signal, 'no Criteo access token could be obtained');
    }
    try {
      await client.forRequest({ signal }).getCurrentApplication();
    } catch (error) {
      return notReady('upstream', error, signal, 'Criteo did not answer GET /me');
    }
    return { ready: true, status: 'ready' };
  }

  async function reachable(signal: AbortSignal): Promise<Readiness> {
    try {
      await client.forRequest({ signal, tokens: NO_TOKEN }).getCurrentApplication();
    } catch (error) {
      // Criteo refusing a call without a token is Criteo answering.
      if (!(error instanceof CriteoError && error.status === 401))
        return notReady('upstream', error, signal, 'Criteo did not answer GET /me');
    }
    return { ready: true, status: 'ready' };
  }

  // Told on every probe (it costs nothing), over the cached upstream check.
  const withShared = (result: Readiness): Readiness => {
    const shared = options.shared?.();
    if (!result.ready || !shared || shared.up) return result;
    const reason = `Redis unreachable (${shared.reason ?? 'connecting'}): the rate budget and the token are this replica's own`;
    return { ready: true, status: 'degraded', check: 'redis', reason };
  };

  return () => {
    if (options.draining?.()) return Promise.resolve(DRAINING);
    if (cached && now() < cached.until) return Promise.resolve(withShared(cached.result));
    pending ??= run()
      .then((result) => {
        cached = { result, until: now() + cacheMs };
        return result;
      })
      .finally(() => {
        pending = null;
      });
    return pending.then(withShared);
  };
}

function notReady(
  check: 'token' | 'upstream',
  error: unknown,
  signal: AbortSignal,
  failure: string,
): Readiness {
  const base = { ready: false, status: 'unavailable', check } as const;
  if (error instanceof CriteoError) return { ...base, code: error.code, reason: error.message };
  if (signal.aborted) return { ...base, code: 'TIMEOUT', reason: `${failure} in time` };
  return { ...base, code: 'ERROR', reason: failure };
}

/** The token source takes no signal: a hung token endpoint must not hang the probe. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/**
 * The answer of Yoga's `useReadinessCheck` (readiness, as opposed to Yoga's `/health` liveness):
 * 200 when ready, else 503 with the reason as JSON, which the built-in's plain statuses cannot
 * carry. Load balancers stop sending traffic while it fails; no cache may keep it.
 */
export function toReadinessResponse(readiness: Readiness, fetchAPI: { Response: typeof Response }): Response {
  return fetchAPI.Response.json(readiness, {
    status: readiness.ready ? 200 : 503,
    headers: { 'cache-control': 'no-store' },
  });
}
