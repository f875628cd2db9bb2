import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * Where the starts of upstream calls are counted: Criteo's budget (250 calls a minute) belongs to
 * the application, so every replica must count in the same window. A sliding window: a call starts
 * only when fewer than `limit` started in the last `windowMs`, so no window of that length, wherever
 * it falls, ever holds more than `limit` calls (a refilling bucket or a fixed window allows twice).
 */
export interface CallWindow {
  /** Counts a call as started and answers 0, or answers how many ms until one may start. */
  tryStart(): Promise<number>;
  /**
   * Criteo said only `remaining` calls are left until `resetAt` (ms since the epoch): count the
   * difference as spent until then, so every replica slows down, not just the one that was told.
   */
  shrink(remaining: number, resetAt: number): Promise<void>;
  /** Calls that may still start in the window as it stands now (`extensions.criteo.budgetRemaining`). */
  remaining(): Promise<number>;
}

export interface CallWindowOptions {
  limit: number;
  windowMs: number;
}

/** The window of one process. */
export class MemoryCallWindow implements CallWindow {
  private readonly starts: number[] = [];

  constructor(
    private readonly options: CallWindowOptions,
    private readonly now: () => number = Date.now,
  ) {}

  tryStart(): Promise<number> {
    return Promise.resolve(this.tryStartNow());
  }

  /** The synchronous form, for the in-process budget's fast path. */
  tryStartNow(): number {
    const now = this.now();
    this.expire(now);
    if (this.starts.length < this.options.limit) {
      this.starts.push(now);
      return 0;
    }
    return Math.max(1, (this.starts[0] ?? now) + this.options.windowMs - now);
  }

  /** Counts a start admitted elsewhere (the shared window), whatever the limit. */
  record(): void {
    const now = this.now();
    this.expire(now);
    this.starts.push(now);
  }

  shrink(remaining: number, resetAt: number): Promise<void> {
    const now = this.now();
    this.expire(now);
    const missing = Math.min(this.options.limit, this.options.limit - remaining) - this.starts.length;
    if (resetAt <= now || missing <= 0) return Promise.resolve();
    // Spent calls that leave the window exactly at `resetAt`; starts stay sorted.
    const at = resetAt - this.options.windowMs;
    const index = this.starts.findIndex((start) => start > at);
    this.starts.splice(index === -1 ? this.starts.length : index, 0, ...Array<number>(missing).fill(at));
    return Promise.resolve();
  }

  remaining(): Promise<number> {
    this.expire(this.now());
    return Promise.resolve(Math.max(0, this.options.limit - this.starts.length));
  }

  private expire(now: number): void {
    while (this.starts.length > 0 && (this.starts[0] ?? 0) <= now - this.options.windowMs)
      this.starts.shift();
  }
}

// Redis's own clock (`TIME`), so replicas with skewed clocks still count in one window. Atomic: a
// script runs alone, so two replicas can never both take the last call of a window.
const TRY_START = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + window - now)
`;

const SHRINK = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local remaining = tonumber(ARGV[3])
local reset = tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local missing = math.min(limit, limit - remaining) - redis.call('ZCARD', KEYS[1])
if reset <= now or missing <= 0 then return 0 end
for i = 1, missing do
  redis.call('ZADD', KEYS[1], reset - window, ARGV[5] .. ':' .. i)
end
redis.call('PEXPIRE', KEYS[1], window)
return missing
`;

const REMAINING = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))
return math.max(0, tonumber(ARGV[1]) - redis.call('ZCARD', KEYS[1]))
`;

/** The window of every replica on one Redis: one sorted set of call starts per Criteo application. */
export class RedisCallWindow implements CallWindow {
  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    private readonly options: CallWindowOptions,
  ) {}

  async tryStart(): Promise<number> {
    const wait = await this.redis.eval(
      TRY_START,
      1,
      this.key,
      this.options.limit,
      this.options.windowMs,
      randomUUID(),
    );
    return Number(wait);
  }

  async shrink(remaining: number, resetAt: number): Promise<void> {
    await this.redis.eval(
      SHRINK,
      1,
      this.key,
      this.options.limit,
      this.options.windowMs,
      remaining,
      resetAt,
      `spent:${randomUUID()}`,
    );
  }

  async remaining(): Promise<number> {
    return Number(await this.redis.eval(REMAINING, 1, this.key, this.options.limit, this.options.windowMs));
  }
}
