import type { CriteoClient } from '../criteo/client.js';
import { CriteoError } from '../criteo/errors.js';
import type { Readiness } from '../plugins/use-readiness.js';

export interface ReadinessCheckOptions {
  /** Longest a check may take (default 5 s): past it, the gateway is not ready. */
  timeoutMs?: number;
  /** True once shutdown started: the load balancer must stop sending requests. */
  draining?: () => boolean;
}

/**
 * Ready = a token can be obtained and Criteo answers `GET /me`. Concurrent probes share one check.
 * Reasons name the failing step and the error code, never a credential.
 */
export function createReadinessCheck(
  client: Pick<CriteoClient, 'tokens' | 'forRequest'>,
  options: ReadinessCheckOptions = {},
): () => Promise<Readiness> {
  const timeoutMs = options.timeoutMs ?? 5_000;
  let pending: Promise<Readiness> | null = null;

  async function run(): Promise<Readiness> {
    if (options.draining?.())
      return { ready: false, status: 'draining', reason: 'the gateway is shutting down' };
    const signal = AbortSignal.timeout(timeoutMs);
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

  return () => {
    pending ??= run().finally(() => {
      pending = null;
    });
    return pending;
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
