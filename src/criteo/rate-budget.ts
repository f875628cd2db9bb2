import type { Dispatcher } from 'undici';
import { type CallWindow, type CallWindowOptions, MemoryCallWindow } from '../shared-state/call-window.js';
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
  /**
   * Where call starts are counted, built for this budget's limit and window (margin included).
   * @default this process's own window (`MemoryCallWindow`)
   */
  window?: ((options: CallWindowOptions) => CallWindow) | undefined;
  now?: () => number;
}

/** What a call needs of the budget: `RateBudget` itself, or its view for one caller (`forCaller`). */
export interface BudgetGate {
  take(signal?: AbortSignal): Promise<void>;
  /** Criteo said only `remaining` calls are left until `resetAt` (ms since the epoch). */
  shrink(remaining: number, resetAt: number): Promise<void>;
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
  /** Waiting calls per caller; the Map's order is the turn: a served caller moves to the end. */
  private readonly queues = new Map<string, Waiter[]>();
  private waiting = 0;
  private timer: NodeJS.Timeout | null = null;
  private draining = false;
  private readonly window: CallWindow;
  private readonly maxQueue: number;
  private readonly maxQueueTotal: number;

  constructor(options: RateBudgetOptions) {
    const windowMs = options.windowMs ?? 60_000;
    const counted = { limit: options.limit, windowMs: windowMs + (options.marginMs ?? windowMs * 0.05) };
    this.window = options.window ? options.window(counted) : new MemoryCallWindow(counted, options.now);
    this.maxQueue = options.maxQueue ?? 1_000;
    this.maxQueueTotal = options.maxQueueTotal ?? this.maxQueue * 10;
  }

  /** Calls waiting for budget now (a metric for operators). */
  get queued(): number {
    return this.waiting;
  }

  /** The budget as one caller takes it: its calls queue behind its own, not behind other callers'. */
  forCaller(caller: string): BudgetGate {
    // A caller's own token spends its own application's budget at Criteo: what Criteo tells about it
    // says nothing of the budget the callers share here.
    return { take: (signal) => this.take(signal, caller), shrink: () => Promise.resolve() };
  }

  /** Criteo's `x-ratelimit-remaining` / `x-ratelimit-reset`: less budget than counted lowers the count. */
  shrink(remaining: number, resetAt: number): Promise<void> {
    return this.window.shrink(remaining, resetAt);
  }

  /** Calls that may start now before the window is full: what a response tells of the budget. */
  remaining(): Promise<number> {
    return this.window.remaining();
  }

  take(signal?: AbortSignal, caller = ''): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.waiting > 0 || this.draining) return this.enqueue(signal, caller, 0);
    // The process's own window answers at once; a shared one (Redis) is asked over the network.
    if (this.window instanceof MemoryCallWindow) {
      const wait = this.window.tryStartNow();
      return wait === 0 ? Promise.resolve() : this.enqueue(signal, caller, wait);
    }
    return this.window
      .tryStart()
      .then((wait) => (wait === 0 ? undefined : this.enqueue(signal, caller, wait)));
  }

  private enqueue(signal: AbortSignal | undefined, caller: string, wait: number): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
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
      this.schedule(wait);
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

  private schedule(delay: number): void {
    if (this.timer || this.draining) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.drain();
    }, delay);
    this.timer.unref();
  }

  /** Starts waiting calls in turn while the window admits them; then sleeps until it says. */
  private async drain(): Promise<void> {
    this.draining = true;
    let wait = 0;
    try {
      while (this.waiting > 0) {
        wait = await this.window.tryStart();
        if (wait > 0) break;
        const waiter = this.next();
        waiter?.signal?.removeEventListener('abort', waiter.onAbort);
        waiter?.resolve();
      }
    } catch (error) {
      // A shared window that fails without a fallback: every waiter fails rather than hanging.
      for (let waiter = this.next(); waiter; waiter = this.next()) waiter.reject(error);
    } finally {
      this.draining = false;
    }
    if (this.waiting > 0) this.schedule(wait);
  }
}

/**
 * The step before a request leaves: it waits for rate budget (`budget`, off when null), then checks
 * the deadline (`signal`). A failure here is marked `notSent`: Criteo cannot have seen the call.
 * After the response, Criteo's own count (`x-ratelimit-*`) lowers the budget when it is lower.
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
    const response = await send(call, token);
    const told = budget ? criteoCount(response.headers) : null;
    // Best effort: the answer does not wait for the shared count, and a failure there is the window's to report.
    if (told) budget?.shrink(told.remaining, told.resetAt).catch(() => {});
    return response;
  };
}

type Headers = Dispatcher.ResponseData['headers'];

/** `x-ratelimit-remaining` and `x-ratelimit-reset` (Unix seconds), when Criteo sent both. */
function criteoCount(headers: Headers): { remaining: number; resetAt: number } | null {
  const first = (value: Headers[string]) => (Array.isArray(value) ? value[0] : value);
  const remaining = Number(first(headers['x-ratelimit-remaining']));
  const reset = Number(first(headers['x-ratelimit-reset']));
  if (!Number.isInteger(remaining) || remaining < 0 || !Number.isFinite(reset) || reset <= 0) return null;
  return { remaining, resetAt: reset * 1000 };
}
