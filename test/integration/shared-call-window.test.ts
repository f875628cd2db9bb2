import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MemoryCallWindow, RedisCallWindow } from '../../src/shared-state/call-window.js';
import { FallbackCallWindow, type FallbackState } from '../../src/shared-state/fallback-call-window.js';
import { hasRedisServer, startRedis, type TestRedis } from '../support/redis.js';

const connect = (url: string) =>
  new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => 50 });

async function ready(client: Redis): Promise<void> {
  if (client.status === 'ready') return;
  await new Promise<void>((resolve) => client.once('ready', () => resolve()));
}

describe.skipIf(!hasRedisServer())('the call window shared on Redis', () => {
  let redis: TestRedis;
  const clients: Redis[] = [];
  let key = '';

  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    for (const client of clients) client.disconnect();
    await redis.stop();
  });
  beforeEach(() => {
    key = `criteo:budget:test-${Math.random().toString(36).slice(2)}`;
  });

  async function replica(): Promise<Redis> {
    const client = connect(redis.url);
    clients.push(client);
    await ready(client);
    return client;
  }

  it('admits the limit across three replicas, not three times the limit', async () => {
    const windows = await Promise.all(
      [1, 2, 3].map(async () => new RedisCallWindow(await replica(), key, { limit: 10, windowMs: 60_000 })),
    );
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => windows[i % 3]?.tryStart()));
    expect(answers.filter((wait) => wait === 0)).toHaveLength(10);
    // The others learn how long until the oldest start leaves the window: at most the window.
    for (const wait of answers.filter((w) => w !== 0)) {
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(60_000);
    }
  });

  it("lowers every replica's budget when Criteo reports fewer calls remaining", async () => {
    const [a, b] = [await replica(), await replica()];
    const windowA = new RedisCallWindow(a, key, { limit: 10, windowMs: 60_000 });
    const windowB = new RedisCallWindow(b, key, { limit: 10, windowMs: 60_000 });
    expect(await windowA.tryStart()).toBe(0);
    // Another application's calls on the same Criteo key: only 3 left until the reset.
    await windowA.shrink(3, Date.now() + 30_000);
    const answers = await Promise.all(Array.from({ length: 6 }, () => windowB.tryStart()));
    expect(answers.filter((wait) => wait === 0)).toHaveLength(3);
  });

  it('falls back to a share of the limit while Redis is down, and returns to it after a restart', async () => {
    const client = await replica();
    const changes: FallbackState[] = [];
    const window = new FallbackCallWindow(
      new RedisCallWindow(client, key, { limit: 10, windowMs: 60_000 }),
      new MemoryCallWindow({ limit: 4, windowMs: 60_000 }),
      () => client.status === 'ready',
      (state) => changes.push({ ...state }),
    );
    expect(await window.tryStart()).toBe(0);
    await redis.stop();
    // Each replica alone takes its share (4 of 10), counting the call it made before the failure.
    const during = await Promise.all(Array.from({ length: 6 }, () => window.tryStart()));
    expect(during.filter((wait) => wait === 0)).toHaveLength(3);
    expect(window.state.degraded).toBe(true);
    expect(changes).toEqual([{ degraded: true, reason: expect.any(String) }]);

    await redis.restart();
    await ready(client);
    expect(await window.tryStart()).toBe(0);
    expect(window.state.degraded).toBe(false);
    expect(changes.at(-1)).toEqual({ degraded: false, reason: null });
    // The restarted Redis is empty: the shared window counts again from there.
    expect(await client.zcard(key)).toBe(1);
  });
});

describe('the call window of one process', () => {
  it('never holds more than the limit in any window, and says when the next call may start', async () => {
    let now = 0;
    const window = new MemoryCallWindow({ limit: 3, windowMs: 1_000 }, () => now);
    expect([await window.tryStart(), await window.tryStart()]).toEqual([0, 0]);
    now = 600;
    expect(await window.tryStart()).toBe(0);
    expect(await window.tryStart()).toBe(400);
    // The two starts at 0 leave the window at 1,000; the one at 600 stays until 1,600.
    now = 1_000;
    expect([await window.tryStart(), await window.tryStart(), await window.tryStart()]).toEqual([0, 0, 600]);
  });

  it('counts what Criteo says is spent until the reset, then frees it', async () => {
    let now = 0;
    const window = new MemoryCallWindow({ limit: 5, windowMs: 1_000 }, () => now);
    await window.shrink(1, 300);
    expect(await window.tryStart()).toBe(0);
    expect(await window.tryStart()).toBe(300);
    now = 300;
    expect(await window.tryStart()).toBe(0);
    // A reset in the past tells nothing.
    await window.shrink(0, 100);
    expect(await window.tryStart()).toBe(0);
  });
});
