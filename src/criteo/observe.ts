import { CriteoError } from './errors.js';
import type { CriteoHttpOptions, Handler } from './http.js';

/**
 * The step that tells `onResponse` how each call ended, once, after its retries: the final status,
 * the duration and the `CriteoError` (undefined for other failures). Without `onResponse` it is left out.
 */
export function withObservation(next: Handler, onResponse: CriteoHttpOptions['onResponse']): Handler {
  if (!onResponse) return next;
  return async (call) => {
    const started = performance.now();
    const report = (ok: boolean, error?: unknown) => {
      const failure = error instanceof CriteoError ? error : undefined;
      onResponse({
        operation: call.operation,
        method: call.method,
        status: failure?.status ?? call.status,
        durationMs: performance.now() - started,
        ok,
        error: failure,
      });
    };
    try {
      const result = await next(call);
      report(true);
      return result;
    } catch (error) {
      report(false, error);
      throw error;
    }
  };
}

/** The outermost step: `wrapCall` runs the whole call, e.g. inside an active tracing span. */
export function withSpan(next: Handler, wrapCall: CriteoHttpOptions['wrapCall']): Handler {
  if (!wrapCall) return next;
  return async (call) => wrapCall({ operation: call.operation, method: call.method }, () => next(call));
}
