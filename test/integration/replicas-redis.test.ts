import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningGateway, startGateway } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { DEMO_APPLICATIONS } from '../../src/emulator/demo-data.js';
import { type Emulator, type EmulatorOptions, startEmulator } from '../../src/emulator/server.js';
import { hasRedisServer, startRedis, type TestRedis } from '../support/redis.js';

// Replicas of the gateway as `npm start` builds them (startGateway with loadConfig), in this process,
// sharing one emulator and one real Redis through REDIS_URL. The multi-process run is in the bench.

const SEARCH = '{ audienceSegments(first: 1) { totalCount } }';
/** Pages of different sizes: the read cache (on, as in production) cannot answer one with another. */
const searchOf = (first: number) => `{ audienceSegments(first: ${first}) { totalCount } }`;
const demo = DEMO_APPLICATIONS[0];

interface Replicas {
  redis: TestRedis;
  emulator: Emulator;
  gateways: RunningGateway[];
  close(): Promise<void>;
}

async function startReplicas(
  count: number,
  env: Record<string, string>,
  emulatorOptions: EmulatorOptions,
): Promise<Replicas> {
  const [redis, emulator] = await Promise.all([startRedis(), startEmulator(emulatorOptions)]);
  const gateways = await Promise.all(
    Array.from({ length: count }, () =>
      startGateway(
        loadConfig({
          CRITEO_CLIENT_ID: demo?.clientId,
          CRITEO_CLIENT_SECRET: demo?.clientSecret,
          CRITEO_API_URL: emulator.url,
          CRITEO_API_VERSION: emulator.version,
          REDIS_URL: redis.url,
          PORT: '0',
          LOG_LEVEL: 'silent',
          READY_CACHE_MS: '0',
          ...env,
        }),
        { client: { retry: { maxRetries: 0, minDelayMs: 1, maxDelayMs: 1 } } },
      ),
    ),
  );
  return {
    redis,
    emulator,
    gateways,
    async close() {
      await Promise.all(gateways.map((gateway) => gateway.stop()));
      await Promise.all([redis.stop(), emulator.close()]);
    },
  };
}

interface Answer {
  data?: {
    audienceSegments?: { totalCount: number } | null;
    audienceSegment?: { name: string } | null;
  } | null;
  errors?: { extensions?: { code?: string } }[];
  extensions?: { criteo?: { calls: number; cached: number } };
}

async function post(gateway: RunningGateway, query: string, variables?: Record<string, unknown>) {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as Answer;
}

async function ready(gateway: RunningGateway): Promise<{ ready: boolean; status: string; check?: string }> {
  const response = await fetch(new URL('/ready', gateway.url));
  return (await response.json()) as { ready: boolean; status: string; check?: string };
}

/** The `gateway_shared_state_up` gauge of `/metrics`. */
async function sharedStateUp(gateway: RunningGateway): Promise<string | undefined> {
  const text = await (await fetch(new URL('/metrics', gateway.url))).text();
  return /^gateway_shared_state_up (\d)$/m.exec(text)?.[1];
}

describe.skipIf(!hasRedisServer())('replicas on one Redis (REDIS_URL)', () => {
  describe('with the budget at its limit', () => {
    let replicas: Replicas;
    beforeAll(async () => {
      // Criteo allows 8 calls a minute; each replica on its own would allow itself 8.
      replicas = await startReplicas(
        2,
        { CRITEO_RATE_LIMIT_PER_MINUTE: '8', OPERATION_TIMEOUT_MS: '1500' },
        { rateLimit: { limit: 8, windowMs: 60_000 } },
      );
    });
    afterAll(() => replicas.close());

    it('fetches one token for both replicas', async () => {
      const [a, b] = replicas.gateways;
      if (!a || !b) throw new Error('two replicas');
      // Two different pages, so neither replica answers from the other's cached read.
      const answers = await Promise.all([post(a, SEARCH), post(b, searchOf(40))]);
      for (const answer of answers) expect(answer.errors).toBeUndefined();
      expect(replicas.emulator.requests.count('OAuthToken')).toBe(1);
    });

    it('sends no more calls than the limit together, and collects no 429', async () => {
      const [a, b] = replicas.gateways;
      if (!a || !b) throw new Error('two replicas');
      const answers = await Promise.all(
        Array.from({ length: 16 }, (_, i) => post(i % 2 === 0 ? a : b, searchOf(i + 2))),
      );
      const answered = answers.filter((answer) => answer.data?.audienceSegments);
      const held = answers.filter((answer) => answer.errors?.[0]?.extensions?.code === 'CRITEO_TIMEOUT');
      // 2 of the minute's 8 calls went to the test above.
      expect(answered).toHaveLength(6);
      expect(held).toHaveLength(10);
      const searches = replicas.emulator.requests.list('SearchAudienceSegments');
      expect(searches).toHaveLength(8);
      expect(searches.filter((entry) => entry.status === 429)).toEqual([]);
    });
  });

  describe('when Redis goes away', () => {
    let replicas: Replicas;
    beforeAll(async () => {
      replicas = await startReplicas(2, {}, { rateLimit: false });
    });
    afterAll(() => replicas.close());

    it('keeps answering on its own, says degraded in /ready and /metrics, and shares again once Redis is back', async () => {
      const [a, b] = replicas.gateways;
      if (!a || !b) throw new Error('two replicas');
      expect((await post(a, SEARCH)).errors).toBeUndefined();
      expect(await ready(a)).toMatchObject({ ready: true, status: 'ready' });

      expect(await sharedStateUp(a)).toBe('1');

      await replicas.redis.stop();
      for (const gateway of [a, b]) {
        const answer = await post(gateway, SEARCH);
        expect(answer.errors).toBeUndefined();
        expect(answer.data?.audienceSegments?.totalCount).toBeGreaterThan(0);
        expect(await ready(gateway)).toMatchObject({ ready: true, status: 'degraded', check: 'redis' });
        expect(await sharedStateUp(gateway)).toBe('0');
      }

      await replicas.redis.restart();
      // A sync point, not a timing: ioredis reconnects in the background.
      while ((await ready(a)).status !== 'ready' || (await ready(b)).status !== 'ready') await sleep(50);
      for (const gateway of [a, b]) expect((await post(gateway, SEARCH)).errors).toBeUndefined();
      expect(await sharedStateUp(b)).toBe('1');
    });
  });

  describe('with the read cache (CACHE_TTL_SECONDS at its default)', () => {
    const NAME = 'query($id: ID!) { audienceSegment(id: $id) { ... on Segment { name } } }';
    const RENAME =
      'mutation($id: ID!, $name: String!) { updateAudienceSegments(input: [{ id: $id, name: $name }]) { results { __typename } } }';
    let replicas: Replicas;
    let id: string;
    beforeAll(async () => {
      replicas = await startReplicas(2, {}, { rateLimit: false });
      const segment = [...replicas.emulator.store.segments.values()].find(
        (s) => s.attributes.advertiserId === '4949' && s.attributes.type === 'Prospecting',
      );
      if (!segment) throw new Error('a demo segment');
      id = segment.id;
    });
    afterAll(() => replicas.close());

    const read = async (gateway: RunningGateway) => {
      const answer = await post(gateway, NAME, { id });
      expect(answer.errors).toBeUndefined();
      return { name: answer.data?.audienceSegment?.name, criteo: answer.extensions?.criteo };
    };
    const rename = async (gateway: RunningGateway, name: string) =>
      expect((await post(gateway, RENAME, { id, name })).errors).toBeUndefined();

    it('answers a read through one replica from what another read, and a write through one makes it stale for both', async () => {
      const [a, b] = replicas.gateways;
      if (!a || !b) throw new Error('two replicas');
      const first = await read(a);
      expect(first.criteo).toMatchObject({ calls: 1, cached: 0 });
      expect(await read(b)).toEqual({
        name: first.name,
        criteo: expect.objectContaining({ calls: 0, cached: 1 }),
      });

      await rename(a, 'Renamed through A');
      expect(await read(b)).toEqual({
        name: 'Renamed through A',
        criteo: expect.objectContaining({ calls: 1, cached: 0 }),
      });
      expect(await read(a)).toMatchObject({ name: 'Renamed through A', criteo: { calls: 0, cached: 1 } });
    });

    it('reads upstream while Redis is down, never a stale answer, and shares the cache again once it is back', async () => {
      const [a, b] = replicas.gateways;
      if (!a || !b) throw new Error('two replicas');
      await replicas.redis.stop();
      await rename(a, 'Renamed while Redis was down');
      for (const gateway of [a, b])
        expect(await read(gateway)).toMatchObject({
          name: 'Renamed while Redis was down',
          criteo: { calls: 1, cached: 0 },
        });

      await replicas.redis.restart();
      while ((await ready(a)).status !== 'ready' || (await ready(b)).status !== 'ready') await sleep(50);
      expect(await read(a)).toMatchObject({ name: 'Renamed while Redis was down', criteo: { calls: 1 } });
      expect(await read(b)).toMatchObject({
        name: 'Renamed while Redis was down',
        criteo: { calls: 0, cached: 1 },
      });
    });
  });
});
