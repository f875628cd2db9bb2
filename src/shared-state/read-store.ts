import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';

/**
 * Where cached upstream reads are kept. Every entry is stored with the generation of the kinds of
 * resource it depends on (`AudienceSegment`, `Audience`), and a write bumps those generations: an
 * entry stored before the bump never matches again, on any replica, whatever its TTL. A read that
 * started before a write and stores its answer after it is tagged with the old generation, so it
 * cannot slip in either.
 */
export interface ReadStore {
  /**
   * The current generation of `kinds`, and the entry under `key` if it was stored at that generation.
   * A null generation: unknown for now (a write of this replica not yet counted), read upstream.
   */
  get(
    key: string,
    kinds: readonly string[],
  ): Promise<{ generation: string | null; value: string | undefined }>;
  set(key: string, generation: string, value: string, ttlMs: number): Promise<void>;
  /** Makes stale every entry that depends on one of `kinds`. */
  invalidate(kinds: readonly string[]): Promise<void>;
}

/** Bytes of cached answers one process keeps (a page of 100 segments is about 60 KB). */
const MEMORY_MAX_BYTES = 64 * 1024 * 1024;

/** The store of one process (no `REDIS_URL`), least recently used entries dropped first. */
export class MemoryReadStore implements ReadStore {
  private readonly generations = new Map<string, number>();
  private readonly entries = new LRUCache<string, { generation: string; value: string }>({
    maxSize: MEMORY_MAX_BYTES,
    sizeCalculation: (entry, key) => key.length + entry.value.length,
  });

  get(key: string, kinds: readonly string[]) {
    const generation = kinds.map((kind) => this.generations.get(kind) ?? 0).join('.');
    const entry = this.entries.get(key);
    return Promise.resolve({ generation, value: entry?.generation === generation ? entry.value : undefined });
  }

  set(key: string, generation: string, value: string, ttlMs: number): Promise<void> {
    this.entries.set(key, { generation, value }, { ttl: ttlMs });
    return Promise.resolve();
  }

  invalidate(kinds: readonly string[]): Promise<void> {
    for (const kind of kinds) this.generations.set(kind, (this.generations.get(kind) ?? 0) + 1);
    return Promise.resolve();
  }
}

// A generation that is missing (Redis restarted empty) starts from Redis's clock in microseconds,
// not from 0: a read that was upstream across the restart holds an old number, which a later write
// could otherwise reach again and so make its stale answer match.
const BUMP = `
for _, key in ipairs(KEYS) do
  if redis.call('EXISTS', key) == 0 then
    local t = redis.call('TIME')
    redis.call('SET', key, t[1] .. string.sub('000000' .. t[2], -6))
  end
  redis.call('INCR', key)
end
return #KEYS
`;

/**
 * The store every replica shares. One round trip per read (`MGET` of the generations and the entry);
 * the entry holds `<generation>\n<answer>` and expires with its TTL.
 *
 * An invalidation that fails (Redis unreachable or slow) is kept and sent again with the next
 * command or reconnection; until then this replica reads nothing cached of those kinds, so its own
 * writes are never hidden by an entry it could not make stale. Entries on the other replicas are
 * bounded by their TTL.
 */
export class RedisReadStore implements ReadStore {
  private readonly pending = new Set<string>();

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {
    redis.on('ready', () => void this.flushPending());
  }

  async get(key: string, kinds: readonly string[]) {
    if (this.pending.size > 0) await this.flushPending();
    if (kinds.some((kind) => this.pending.has(kind))) return { generation: null, value: undefined };
    const values = await this.redis.mget(
      ...kinds.map((kind) => this.generationKey(kind)),
      this.entryKey(key),
    );
    const generation = kinds.map((_, i) => values[i] ?? '0').join('.');
    const entry = values[kinds.length];
    const split = entry?.indexOf('\n') ?? -1;
    const fresh = entry !== null && entry !== undefined && entry.slice(0, split) === generation;
    return { generation, value: fresh ? entry.slice(split + 1) : undefined };
  }

  async set(key: string, generation: string, value: string, ttlMs: number): Promise<void> {
    await this.redis.set(this.entryKey(key), `${generation}\n${value}`, 'PX', ttlMs);
  }

  async invalidate(kinds: readonly string[]): Promise<void> {
    const all = [...new Set([...this.pending, ...kinds])];
    try {
      await this.increment(all);
      for (const kind of all) this.pending.delete(kind);
    } catch (error) {
      for (const kind of all) this.pending.add(kind);
      throw error;
    }
  }

  private async flushPending(): Promise<void> {
    const kinds = [...this.pending];
    if (kinds.length === 0) return;
    // Cleared once Redis has counted them: a failure keeps them for the next reconnection.
    await this.increment(kinds).then(
      () => {
        for (const kind of kinds) this.pending.delete(kind);
      },
      () => {},
    );
  }

  private async increment(kinds: readonly string[]): Promise<void> {
    await this.redis.eval(BUMP, kinds.length, ...kinds.map((kind) => this.generationKey(kind)));
  }

  private generationKey(kind: string): string {
    return `${this.prefix}:generation:${kind}`;
  }

  private entryKey(key: string): string {
    return `${this.prefix}:read:${key}`;
  }
}
