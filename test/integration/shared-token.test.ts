import { Redis } from 'ioredis';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientCredentialsTokenSource } from '../../src/criteo/auth.js';
import { type Emulator, startEmulator } from '../../src/emulator/server.js';
import { RedisTokenStore } from '../../src/shared-state/token-store.js';
import { hasRedisServer, startRedis, type TestRedis } from '../support/redis.js';

const credentials = { clientId: 'demo-client-id', clientSecret: 'demo-client-secret' };

describe.skipIf(!hasRedisServer())('the service token shared on Redis', () => {
  let redis: TestRedis;
  let emulator: Emulator;
  const dispatcher = new Agent();
  const clients: Redis[] = [];

  beforeAll(async () => {
    [redis, emulator] = await Promise.all([startRedis(), startEmulator({ rateLimit: false })]);
  });
  afterAll(async () => {
    for (const client of clients) client.disconnect();
    await Promise.all([redis.stop(), emulator.close(), dispatcher.close()]);
  });

  /** One replica's token source: its own Redis connection, the application's one key. */
  function replica(key: string, errors: unknown[] = []): ClientCredentialsTokenSource {
    const client = new Redis(redis.url, { enableOfflineQueue: false, maxRetriesPerRequest: 0 });
    clients.push(client);
    return new ClientCredentialsTokenSource({
      credentials,
      apiUrl: emulator.url,
      dispatcher,
      store: new RedisTokenStore(client, { key }),
      onStoreError: (error) => errors.push(error),
    });
  }

  const tokenRequests = () => emulator.requests.count('OAuthToken');

  it('makes one token request for three replicas asking at once', async () => {
    const key = `criteo:app:${Math.random().toString(36).slice(2)}`;
    const replicas = [replica(key), replica(key), replica(key)];
    await Promise.all(
      clients.map((c) => (c.status === 'ready' ? null : new Promise((r) => c.once('ready', r)))),
    );
    const before = tokenRequests();
    const tokens = await Promise.all(replicas.flatMap((source) => [source.get(), source.get()]));
    expect(new Set(tokens).size).toBe(1);
    expect(tokenRequests() - before).toBe(1);
    expect(replicas.map((source) => source.requests).reduce((a, b) => a + b)).toBe(1);
  });

  it('refreshes once for the cluster after Criteo refuses the shared token', async () => {
    const key = `criteo:app:${Math.random().toString(36).slice(2)}`;
    const [a, b] = [replica(key), replica(key)];
    await Promise.all(
      clients.map((c) => (c.status === 'ready' ? null : new Promise((r) => c.once('ready', r)))),
    );
    const first = await a.get();
    expect(await b.get()).toBe(first);
    const before = tokenRequests();
    // A 401 seen by replica A: it drops the token for everyone; B, asking next, gets A's new one.
    a.invalidate(first);
    const second = await a.get();
    expect(second).not.toBe(first);
    b.invalidate(first);
    expect(await b.get()).toBe(second);
    expect(tokenRequests() - before).toBe(1);
  });
});
