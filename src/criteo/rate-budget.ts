import { CriteoError } from './errors.js';
import type { CriteoHttpOptions, Send } from './http.js';
import { toCriteoError } from './to-criteo-error.js';

export interface RateBudgetOptions {
  /** Calls allowed in any window of `windowMs` (Criteo: 250 per minute per application). */
  limit: number;
  /** @default 60000 */
  windowMs?: number;
  /**
   * Calls one caller may have waiting; beyond this its call fails at once instead of queueing without bound.
   * @default 1000
   */
  maxQueue?: number;
  /** Calls all callers together may have waiting. @default 10 × `maxQueue` */
  maxQueueTotal?: number;
  /**
   * Extra spacing on top of the window, because Criteo starts counting when a call arrives, a little
   * after the gateway admits it. @default 5% of `windowMs`
   */
  marginMs?: number;
  now?: () => number;
}

/** What a call needs of the budget: `RateBudget` itself, or its view for one caller (`forCaller`). */
export interface BudgetGate {
  take(signal?: AbortSignal): Promise<void>;
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
 * limit in some 60 s windows). Each caller (passthrough: one per token; service mode: one) queues in
 * order, and callers are served in turn, so one caller's flood delays only itself. A queued call
 * leaves when its signal aborts.
 */
export class RateBudget implements BudgetGate {
  private readonly starts: number[] = [];
  /** Waiting calls per caller; the Map's order is the turn: a served caller moves to the end. */
  private readonly queues = new Map<string, Waiter[]>();
  private waiting = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly windowMs: number;
  private readonly maxQueue: number;
  private readonly maxQueueTotal: number;
  private readonly now: () => number;

  constructor(private readonly options: RateBudgetOptions) {
    const window = options.windowMs ?? 60_000;
    this.windowMs = window + (options.marginMs ?? window * 0.05);
    this.maxQueue = options.maxQueue ?? 1_000;
    this.maxQueueTotal = options.maxQueueTotal ?? this.maxQueue * 10;
    this.now = options.now ?? Date.now;
  }

  /** Calls waiting for budget now (a metric for operators). */
  get queued(): number {
    return this.waiting;
  }

  /** The budget as one caller takes it: its calls queue behind its own, not behind other callers'. */
  forCaller(caller: string): BudgetGate {
    return { take: (signal) => this.take(signal, caller) };
  }

  take(signal?: AbortSignal, caller = ''): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.waiting === 0 && this.admit()) return Promise.resolve();
    const queue = this.queues.get(caller) ?? [];
    if (queue.length >= this.maxQueue || this.waiting >= this.maxQueueTotal) {
      const full = queue.length >= this.maxQueue ? this.maxQueue : this.maxQueueTotal;
      return Promise.reject(
        new CriteoError(
          'CRITEO_RATE_LIMITED',
          `The upstream call queue is full (${full} calls waiting for rate budget)`,
          { operation: 'RateBudget' },
        ),
      );
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          const own = this.queues.get(caller);
          const at = own?.indexOf(waiter) ?? -1;
          if (own && at >= 0) {
            own.splice(at, 1);
            this.waiting -= 1;
            if (own.length === 0) this.queues.delete(caller);
          }
          reject(signal?.reason);
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      queue.push(waiter);
      this.queues.set(caller, queue);
      this.waiting += 1;
      this.schedule();
    });
  }

  /** The first waiter of the caller whose turn it is; that caller goes to the end of the turn. */
  private next(): Waiter | undefined {
    const [caller, queue] = this.queues.entries().next().value ?? [];
    if (caller === undefined || !queue) return undefined;
    const waiter = queue.shift();
    this.queues.delete(caller);
    if (queue.length > 0) this.queues.set(caller, queue);
    this.waiting -= 1;
    return waiter;
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
      while (this.waiting > 0 && this.admit()) {
        const waiter = this.next();
        waiter?.signal?.removeEventListener('abort', waiter.onAbort);
        waiter?.resolve();
      }
      if (this.waiting > 0) this.schedule();
    }, delay);
    this.timer.unref();
  }
}

/**
 * The step before a request leaves: it waits for rate budget (`budget`, off when null), then checks
 * the deadline (`signal`). A failure here is marked `notSent`: Criteo cannot have seen the call.
 */
export function withRateBudget(send: Send, options: Pick<CriteoHttpOptions, 'budget' | 'signal'>): Send {
  const { budget = null, signal } = options;
  return async (call, token) => {
    try {
      await budget?.take(signal);
      signal?.throwIfAborted();
    } catch (cause) {
      throw toCriteoError(cause, { operation: call.operation, signal, stage: 'before-send' });
    }
    return send(call, token);
  };
}
