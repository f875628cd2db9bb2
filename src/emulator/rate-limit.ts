export interface RateLimitOptions {
  /** Calls allowed per window and application (Criteo: 250 per minute). */
  limit: number;
  windowMs: number;
}

export interface RateLimitState {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Unix time in seconds at which a new call may be made (`x-ratelimit-reset`). */
  resetAt: number;
}

/** A fixed window per application, as Criteo's `x-ratelimit-*` headers describe it. */
export class RateLimiter {
  private windows = new Map<number, { start: number; count: number }>();

  constructor(private readonly options: RateLimitOptions) {}

  take(applicationId: number, now = Date.now()): RateLimitState {
    let window = this.windows.get(applicationId);
    if (!window || now >= window.start + this.options.windowMs) {
      window = { start: now, count: 0 };
      this.windows.set(applicationId, window);
    }
    const allowed = window.count < this.options.limit;
    if (allowed) window.count += 1;
    return {
      allowed,
      limit: this.options.limit,
      remaining: Math.max(0, this.options.limit - window.count),
      resetAt: Math.ceil((window.start + this.options.windowMs) / 1000),
    };
  }

  reset(): void {
    this.windows.clear();
  }
}

export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    'x-ratelimit-limit': String(state.limit),
    'x-ratelimit-remaining': String(state.remaining),
    'x-ratelimit-reset': String(state.resetAt),
  };
}
