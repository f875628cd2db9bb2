import { CriteoError } from './errors.js';

export interface RateBudgetOptions {
  /** Calls allowed in any window of `windowMs` (Criteo: 250 per minute per application). */
  limit: number;
  windowMs?: number;
  /** Calls allowed to wait; beyond this a call fails at once instead of queueing without bound. */
  maxQueue?: number;
  /**
   * Extra spacing on top of the window (default 5% of it), because Criteo starts counting when a call
   * arrives, a little after the gateway admits it.
   */
  marginMs?: number;
  now?: () => number;
}

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

/**
 * The process-wide client-side budget of upstream calls. It admits a call when fewer than `limit`
 * calls started in the last `windowMs`: a sliding window, so the gateway never exceeds Criteo's
 * per-minute limit whatever window Criteo counts in (a refilling bucket allows up to twice the
 * limit in some 60 s windows). Callers queue in order; a queued call leaves when its signal aborts.
 */
export class RateBudget {
  private readonly starts: number[] = [];
  private readonly waiters: Waiter[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly windowMs: number;
  private readonly maxQueue: number;
  private readonly now: () => number;

  constructor(private readonly options: RateBudgetOptions) {
    const window = options.windowMs ?? 60_000;
    this.windowMs = window + (options.marginMs ?? window * 0.05);
    this.maxQueue = options.maxQueue ?? 1_000;
    this.now = options.now ?? Date.now;
  }

  /** Calls waiting for budget now (a metric for operators). */
  get queued(): number {
    return this.waiters.length;
  }

  take(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.waiters.length === 0 && this.admit()) return Promise.resolve();
    if (this.waiters.length >= this.maxQueue) {
      return Promise.reject(
        new CriteoError(
          'CRITEO_RATE_LIMITED',
          `The upstream call queue is full (${this.maxQueue} calls waiting for rate budget)`,
          {
            operation: 'RateBudget',
          },
        ),
      );
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          reject(signal?.reason);
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.waiters.push(waiter);
      this.schedule();
    });
  }

  private admit(): boolean {
    const now = this.now();
    while (this.starts.length > 0 && (this.starts[0] ?? 0) <= now - this.windowMs) this.starts.shift();
    if (this.starts.length >= this.options.limit) return false;
    this.starts.push(now);
    return true;
  }

  private schedule(): void {
    if (this.timer) return;
    const oldest = this.starts[0] ?? this.now();
    const delay = Math.max(0, oldest + this.windowMs - this.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      while (this.waiters.length > 0 && this.admit()) {
        const waiter = this.waiters.shift();
        waiter?.signal?.removeEventListener('abort', waiter.onAbort);
        waiter?.resolve();
      }
      if (this.waiters.length > 0) this.schedule();
    }, delay);
    this.timer.unref();
  }
}
