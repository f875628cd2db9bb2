/** The reason a deadline's signal aborts with once its time passed. */
export class DeadlineExceededError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`the deadline of ${timeoutMs} ms passed`);
    this.name = 'TimeoutError';
  }
}

/** The reason it aborts with when the client closed the connection first. */
export class ClientDisconnectedError extends Error {
  constructor() {
    super('the client closed the connection');
    this.name = 'AbortError';
  }
}

export interface Deadline {
  /** Aborts with `DeadlineExceededError` at `at`, or `ClientDisconnectedError` when `parent` aborts first. */
  readonly signal: AbortSignal;
  /** When the signal aborts, in `Date.now()` milliseconds. */
  readonly at: number;
  /**
   * Aborts only when `parent` does (the client went away), never on time: what stops an execution
   * whose answer nobody will read. A native signal, cheap to ask once per field (Yoga's request
   * signal is a proxy).
   */
  readonly disconnected: AbortSignal;
  /** Stops the timer and lets go of `parent` (the request ended). */
  clear(): void;
}

/** Every deadline signal and the instant it aborts at, for callers that only receive the signal. */
const instants = new WeakMap<AbortSignal, number>();

/**
 * A deadline the gateway owns. `AbortSignal.timeout` is weakly held on Node 20: once nothing else
 * references it a garbage collection drops it and it never fires (`AbortSignal.any` does not keep it
 * alive). Here the pending timer references the controller, so the signal aborts on time whatever
 * is collected, until `clear()`.
 */
export function createDeadline(timeoutMs: number, parent?: AbortSignal): Deadline {
  const controller = new AbortController();
  const disconnected = new AbortController();
  const at = Date.now() + timeoutMs;
  instants.set(controller.signal, at);
  const onParentAbort = () => {
    // The default reason, a DOMException "AbortError": Yoga drops such an execution without masking
    // and logging it as an unexpected error.
    disconnected.abort();
    controller.abort(new ClientDisconnectedError());
  };
  const timer = setTimeout(() => {
    parent?.removeEventListener('abort', onParentAbort);
    controller.abort(new DeadlineExceededError(timeoutMs));
  }, timeoutMs);
  // The server and its sockets keep the process alive; a pending deadline must not delay its exit.
  timer.unref();
  if (parent?.aborted) onParentAbort();
  else parent?.addEventListener('abort', onParentAbort, { once: true });
  return {
    signal: controller.signal,
    at,
    disconnected: disconnected.signal,
    clear() {
      clearTimeout(timer);
      parent?.removeEventListener('abort', onParentAbort);
    },
  };
}

/** When `signal` (a deadline's) aborts; undefined for any other signal. */
export function deadlineOf(signal: AbortSignal | undefined): number | undefined {
  return signal ? instants.get(signal) : undefined;
}

/** True when `signal` aborted because the client went away (not because time ran out). */
export const isDisconnect = (signal: AbortSignal | undefined): boolean =>
  signal?.aborted === true && signal.reason instanceof ClientDisconnectedError;

/** `promise`, or `fallback` once `ms` passed (the timer does not outlive it). */
export async function within<T, F>(promise: Promise<T>, ms: number, fallback: F): Promise<T | F> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<F>((resolve) => {
    timer = setTimeout(resolve, ms, fallback);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
