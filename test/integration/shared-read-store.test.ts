import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryReadStore, type ReadStore, RedisReadStore } from '../../src/shared-state/read-store.js';
import { hasRedisServer, startRedis, type TestRedis } from '../support/redis.js';

// The two stores of the read cache against the same expectations, the Redis one on a real Redis.

function behavesAsAReadStore(name: string, make: () => ReadStore) {
  describe(name, () => {
    it('answers an entry only at the generation it was stored with', async () => {
      const store = make();
      const empty = await store.get('page', ['AudienceSegment']);
      expect(empty.value).toBeUndefined();
      await store.set('page', empty.generation ?? '', '{"n":1}', 60_000);
      expect(await store.get('page', ['AudienceSegment'])).toEqual({
        generation: empty.generation,
        value: '{"n":1}',
      });

      await store.invalidate(['Audience']);
      expect((await store.get('page', ['AudienceSegment'])).value).toBe('{"n":1}');
      await store.invalidate(['AudienceSegment']);
      const after = await store.get('page', ['AudienceSegment']);
      expect(after.value).toBeUndefined();
      expect(after.generation).not.toBe(empty.generation);
    });

    it('never answers an entry stored with a generation older than a write made meanwhile', async () => {
      const store = make();
      const before = await store.get('sizes', ['Audience', 'AudienceSegment']);
      await store.invalidate(['AudienceSegment']); // the write lands while the read is upstream
      await store.set('sizes', before.generation ?? '', '[1]', 60_000);
      expect((await store.get('sizes', ['Audience', 'AudienceSegment'])).value).toBeUndefined();
    });

    it('forgets an entry after its TTL', async () => {
      const store = make();
      const { generation } = await store.get('short', []);
      await store.set('short', generation ?? '', 'x', 30);
      await sleep(60);
      expect((await store.get('short', [])).value).toBeUndefined();
    });
  });
}

behavesAsAReadStore('MemoryReadStore', () => new MemoryReadStore());

describe.skipIf(!hasRedisServer())('RedisReadStore', () => {
  let redis: TestRedis;
  const clients: Redis[] = [];
  let stores = 0;
  /** Commands wait for the connection, except where a test says `failFast` (as the gateway's do). */
  const connect = (failFast = false) => {
    const client = new Redis(
      redis.url,
      failFast ? { enableOfflineQueue: false, maxRetriesPerRequest: 0 } : {},
    );
    clients.push(client);
    return client;
  };
  const nextPrefix = () => {
    stores += 1;
    return `test:${stores}`;
  };
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    for (const client of clients) client.disconnect();
    await redis.stop();
  });

  // `make` runs inside each test, once Redis is up; every store gets its own key prefix.
  behavesAsAReadStore('on Redis', () => new RedisReadStore(connect(), nextPrefix()));

  it('shares entries and generations between replicas', async () => {
    const [a, b] = [new RedisReadStore(connect(), 'shared'), new RedisReadStore(connect(), 'shared')];
    const { generation } = await a.get('page', ['Audience']);
    await a.set('page', generation ?? '', 'A read it', 60_000);
    expect((await b.get('page', ['Audience'])).value).toBe('A read it');
    await b.invalidate(['Audience']);
    expect((await a.get('page', ['Audience'])).value).toBeUndefined();
  });

  it('keeps a write it could not count, reads nothing cached of that kind meanwhile, and counts it once Redis answers', async () => {
    const client = connect(true);
    await once(client, 'ready');
    const store = new RedisReadStore(client, 'outage');
    const other = new RedisReadStore(connect(), 'outage');
    const { generation } = await other.get('page', ['AudienceSegment']);
    await other.set('page', generation ?? '', 'before the write', 60_000);

    client.disconnect();
    await once(client, 'end');
    await expect(store.invalidate(['AudienceSegment'])).rejects.toThrow();
    // Redis answers the other replica all along, yet this one does not read the entry its write made stale.
    expect(await store.get('page', ['AudienceSegment'])).toEqual({ generation: null, value: undefined });

    await client.connect();
    // A sync point: the generation moves once the kept write is counted.
    while ((await other.get('page', ['AudienceSegment'])).value !== undefined) await sleep(10);
    const after = await store.get('page', ['AudienceSegment']);
    expect(after.generation).not.toBeNull();
    expect(after.generation).not.toBe(generation);
  });

  it('sends a write it could not count in time with its next command, Redis still connected', async () => {
    const client = new Redis(redis.url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: 100,
    });
    clients.push(client);
    await once(client, 'ready');
    const store = new RedisReadStore(client, 'slow');
    const other = new RedisReadStore(connect(), 'slow');
    const { generation } = await other.get('page', ['Audience']);
    await other.set('page', generation ?? '', 'before the write', 60_000);

    // Redis holds every write for 300 ms: the write's count times out, the connection stays up.
    await connect().call('CLIENT', 'PAUSE', '300', 'WRITE');
    await expect(store.invalidate(['Audience'])).rejects.toThrow(/timed out/i);
    await sleep(350);
    const after = await store.get('page', ['Audience']);
    expect(after.generation).not.toBeNull();
    expect(after.value).toBeUndefined();
    expect((await other.get('page', ['Audience'])).value).toBeUndefined();
  });

  it('never counts a generation again after Redis restarted empty', async () => {
    const store = new RedisReadStore(connect(), 'restart');
    await store.invalidate(['AudienceSegment']);
    const before = (await store.get('page', ['AudienceSegment'])).generation;
    await connect().flushall();
    await store.invalidate(['AudienceSegment']);
    const after = (await store.get('page', ['AudienceSegment'])).generation;
    expect(BigInt(after ?? 0)).toBeGreaterThan(BigInt(before ?? 0));
  });
});
