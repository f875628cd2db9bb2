import { CriteoError } from './errors.js';
import type { CriteoHttpOptions, Handler } from './http.js';
import { toCriteoError } from './to-criteo-error.js';

/**
 * The step that tells a failed write's outcome. A write is never re-sent; its transport failure
 * becomes CRITEO_NOT_SENT (it never left: safe to send again) or CRITEO_OUTCOME_UNKNOWN (it may have
 * been applied). Safe calls, Criteo's answers and bugs pass as they are.
 */
export function withWriteOutcome(next: Handler): Handler {
  return async (call) => {
    try {
      return await next(call);
    } catch (error) {
      if (call.idempotent || !(error instanceof CriteoError)) throw error;
      throw toCriteoError(error, { operation: call.operation, stage: 'write' });
    }
  };
}

/**
 * The step that asks a safe call once more when its response was cut mid-body (a network error
 * after the status arrived). undici's retry would ask for the rest with a Range header, which Criteo
 * does not serve (UND_ERR_REQ_RETRY); the call is requested again from the start instead, unless
 * `signal` aborted. The new attempt is told to `onAttempt` as a retry.
 */
export function withResend(next: Handler, options: Pick<CriteoHttpOptions, 'signal' | 'onAttempt'>): Handler {
  const { signal, onAttempt } = options;
  return async (call) => {
    try {
      return await next(call);
    } catch (error) {
      const cutMidBody =
        error instanceof CriteoError && error.code === 'CRITEO_NETWORK_ERROR' && error.status !== undefined;
      if (!call.idempotent || !cutMidBody || signal?.aborted) throw error;
      onAttempt?.({ operation: call.operation, retry: true });
      return next(call);
    }
  };
}
