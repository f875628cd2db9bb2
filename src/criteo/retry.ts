import { setTimeout as sleep } from 'node:timers/promises';
import type { RetryHandler } from 'undici';
import { deadlineOf } from '../deadline.js';
import type { BudgetGate } from './rate-budget.js';

export interface RetryPolicy {
  /** Retries after the first attempt (0 turns retrying off). @default 3 */
  maxRetries: number;
  /** First backoff ceiling; it doubles each retry up to `maxDelayMs` (full jitter below the ceiling). @default 200 */
  minDelayMs: number;
  /** @default 5000 */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 3, minDelayMs: 200, maxDelayMs: 5_000 };

/** Statuses worth another try: throttling and transient gateway failures (not 500: it may have applied). */
export const RETRY_STATUSES = [429, 502, 503, 504];
export const RETRY_ERROR_CODES = [
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
];

/**
 * Options for undici's retry interceptor: exponential backoff with full jitter, honouring Criteo's
 * `x-ratelimit-reset` (Unix seconds) on a 429, every retry first taking rate budget, and giving up
 * when the operation's deadline aborts, or at once when the 429's reset lies beyond that deadline
 * (waiting could not help). After the last retry the final response is returned as is.
 */
export function retryOptions(
  policy: RetryPolicy,
  budget: BudgetGate | null,
  signal: AbortSignal | undefined,
  onRetry: () => void = () => {},
  random: () => number = Math.random,
): RetryHandler.RetryOptions {
  return {
    maxRetries: policy.maxRetries,
    minTimeout: policy.minDelayMs,
    maxTimeout: policy.maxDelayMs,
    statusCodes: RETRY_STATUSES,
    errorCodes: RETRY_ERROR_CODES,
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    throwOnError: false,
    retry(error, { state }, callback) {
      const { statusCode, code, headers } = error as Error & {
        statusCode?: number;
        code?: string;
        headers?: Record<string, string | string[] | undefined>;
      };
      const retryable =
        (statusCode !== undefined && RETRY_STATUSES.includes(statusCode)) ||
        (statusCode === undefined && code !== undefined && RETRY_ERROR_CODES.includes(code));
      if (!retryable || state.counter > policy.maxRetries || signal?.aborted) {
        callback(error);
        return;
      }
      const ceiling = Math.min(policy.maxDelayMs, policy.minDelayMs * 2 ** (state.counter - 1));
      const resetAt = rateLimitReset(headers) ?? Number.NaN;
      const deadline = deadlineOf(signal);
      if (deadline !== undefined && resetAt > deadline) {
        callback(error);
        return;
      }
      const delay =
        Number.isFinite(resetAt) && resetAt > 0
          ? Math.min(policy.maxDelayMs, Math.max(0, resetAt - Date.now()) + random() * policy.minDelayMs)
          : random() * ceiling;
      onRetry();
      sleep(delay, undefined, { signal })
        .then(() => budget?.take(signal))
        .then(
          () => callback(null),
          () => callback(error),
        );
    },
  };
}

/**
 * When a 429's limit resets, in `Date.now()` milliseconds: Criteo's `x-ratelimit-reset` (Unix
 * seconds), else a standard `retry-after` in seconds; null without either.
 */
export function rateLimitReset(
  headers: Record<string, string | string[] | undefined> | undefined,
  now: number = Date.now(),
): number | null {
  const first = (name: string) => {
    const value = headers?.[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const reset = Number(first('x-ratelimit-reset'));
  if (first('x-ratelimit-reset') !== undefined && Number.isFinite(reset) && reset > 0) return reset * 1000;
  const after = Number(first('retry-after'));
  if (first('retry-after') !== undefined && Number.isFinite(after) && after >= 0) return now + after * 1000;
  return null;
}
