import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

/** A service token and when to stop using it (ms since the epoch, before its expiry). */
export interface StoredToken {
  value: string;
  refreshAt: number;
}

/**
 * Where replicas keep the one OAuth token of their Criteo application, so the cluster makes one
 * token request, and one refresh at a time, instead of one per replica.
 */
export interface TokenStore {
  read(): Promise<StoredToken | null>;
  /** True when this replica may fetch the next token: no other one is fetching it right now. */
  claimRefresh(): Promise<boolean>;
  /** Stores the fresh token and ends this replica's claim. */
  write(token: StoredToken): Promise<void>;
  /** Ends this replica's claim without a token (its fetch failed): another may try at once. */
  release(): Promise<void>;
  /** Drops `value` if it is still the stored token (Criteo answered 401 with it). */
  drop(value: string): Promise<void>;
}

// Deletes a key only while it holds the given value: a replica never drops a token (or a claim)
// another replica has written since.
const DELETE_IF = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

export interface RedisTokenStoreOptions {
  /** Names the application, never holds its secret, e.g. a hash of the client id. */
  key: string;
  /** How long a claim holds when its replica dies mid-fetch. @default 15000 */
  claimMs?: number;
}

export class RedisTokenStore implements TokenStore {
  private readonly claimId = randomUUID();
  private readonly tokenKey: string;
  private readonly claimKey: string;
  private readonly claimMs: number;

  constructor(
    private readonly redis: Redis,
    options: RedisTokenStoreOptions,
  ) {
    this.tokenKey = `${options.key}:token`;
    this.claimKey = `${options.key}:refresh`;
    this.claimMs = options.claimMs ?? 15_000;
  }

  async read(): Promise<StoredToken | null> {
    const text = await this.redis.get(this.tokenKey);
    if (text === null) return null;
    const parsed: unknown = JSON.parse(text);
    return isStoredToken(parsed) ? parsed : null;
  }

  async claimRefresh(): Promise<boolean> {
    return (await this.redis.set(this.claimKey, this.claimId, 'PX', this.claimMs, 'NX')) === 'OK';
  }

  async write(token: StoredToken): Promise<void> {
    const ttl = Math.max(1, token.refreshAt - Date.now());
    await this.redis.set(this.tokenKey, JSON.stringify(token), 'PX', ttl);
    await this.release();
  }

  async release(): Promise<void> {
    await this.redis.eval(DELETE_IF, 1, this.claimKey, this.claimId);
  }

  async drop(value: string): Promise<void> {
    const text = await this.redis.get(this.tokenKey);
    if (text === null) return;
    const stored: unknown = JSON.parse(text);
    if (isStoredToken(stored) && stored.value === value)
      await this.redis.eval(DELETE_IF, 1, this.tokenKey, text);
  }
}

function isStoredToken(value: unknown): value is StoredToken {
  return (
    typeof value === 'object' &&
    value !== null &&
    'value' in value &&
    typeof value.value === 'string' &&
    'refreshAt' in value &&
    typeof value.refreshAt === 'number'
  );
}
