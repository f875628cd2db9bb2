import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { SharedClientState } from '../criteo/client.js';
import { type CallWindowOptions, MemoryCallWindow, RedisCallWindow } from './call-window.js';
import { FallbackCallWindow } from './fallback-call-window.js';
import { RedisReadStore } from './read-store.js';
import { RedisTokenStore } from './token-store.js';

export interface SharedStateOptions {
  url: string;
  /** Share of the limit one replica takes while Redis is unreachable, in percent. */
  fallbackBudgetPercent: number;
  /** Names what the replicas share: the Criteo API and the application (never its secret). */
  scope: { apiUrl: string; clientId: string | null };
  logger: Logger;
}

export interface SharedStateStatus {
  /** False while Redis cannot be reached: budget and token are this replica's own meanwhile. */
  up: boolean;
  reason: string | null;
}

export interface SharedState {
  client: SharedClientState;
  status(): SharedStateStatus;
  close(): Promise<void>;
}

/**
 * Every Redis command fails fast instead of queueing while the connection is down (no offline
 * queue, no per-command retries, a command timeout), so Redis down or slow costs a request a few
 * hundred milliseconds at most, never its deadline; ioredis reconnects in the background.
 */
const REDIS_OPTIONS = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 0,
  commandTimeout: 500,
  connectTimeout: 2_000,
  retryStrategy: (attempt: number) => Math.min(attempt * 200, 2_000),
} as const;

/**
 * The replicas' shared state on Redis (`REDIS_URL`), with the fallback of each piece. Waits for the
 * first connection (at most `connectTimeout`), so the first requests already share the token; a
 * Redis that is down at start-up leaves the replica degraded, not stopped.
 */
export async function createSharedState(options: SharedStateOptions): Promise<SharedState> {
  const redis = new Redis(options.url, REDIS_OPTIONS);
  await once(redis, 'ready', { signal: AbortSignal.timeout(REDIS_OPTIONS.connectTimeout) }).catch(() => {});
  const key = `criteo-gateway:${createHash('sha256')
    .update(`${options.scope.apiUrl}\n${options.scope.clientId ?? 'passthrough'}`)
    .digest('hex')
    .slice(0, 24)}`;
  const status: SharedStateStatus = { up: true, reason: null };

  // One log line per change, however many calls see the failure.
  const down = (error: unknown) => {
    if (!status.up) return;
    status.up = false;
    status.reason = error instanceof Error ? error.message : String(error);
    options.logger.warn(
      { reason: status.reason },
      'Redis unreachable: this replica counts its own share of the rate budget, fetches its own token and reads nothing cached',
    );
  };
  const up = () => {
    if (status.up) return;
    status.up = true;
    status.reason = null;
    options.logger.info(
      'Redis reachable again: the rate budget, the token and the read cache are shared again',
    );
  };
  redis.on('error', down);
  redis.on('ready', up);

  return {
    client: {
      window: (spec: CallWindowOptions) =>
        new FallbackCallWindow(
          new RedisCallWindow(redis, `${key}:budget`, spec),
          new MemoryCallWindow({
            limit: Math.max(1, Math.floor((spec.limit * options.fallbackBudgetPercent) / 100)),
            windowMs: spec.windowMs,
          }),
          () => redis.status === 'ready',
          (state) => (state.degraded ? down(state.reason) : up()),
        ),
      tokens: new RedisTokenStore(redis, { key }),
      reads: new RedisReadStore(redis, key),
      onError: down,
      onSuccess: up,
    },
    status: () => ({ ...status, up: status.up && redis.status === 'ready' }),
    async close() {
      redis.disconnect();
    },
  };
}
