import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type Emulator, startEmulator } from '../../src/emulator/server.js';
import { type GatewayProcess, listeningUrl, startGatewayProcess } from '../support/gateway-process.js';
import { hasRedisServer, startRedis, type TestRedis } from '../support/redis.js';

// Three gateway processes as `npm start` runs them (src/main.ts), one emulator that enforces
// Criteo's limit per application, one real Redis: what an operator runs behind a load balancer.

const SEARCH = '{ audienceSegments(first: 1) { totalCount } }';
/** Pages of different sizes: the read cache (on, as in production) cannot answer one with another. */
const searchOf = (first: number) => `{ audienceSegments(first: ${first}) { totalCount } }`;
const LIMIT = 12;

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: { extensions?: { code?: string } }[];
}

const CreatedSchema = z.object({
  createAudienceSegments: z.object({ results: z.array(z.object({ id: z.string() })) }),
});

async function post(url: string, query: string, variables?: Record<string, unknown>): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as Answer;
}

describe.skipIf(!hasRedisServer())('three gateway processes on one Redis', () => {
  let redis: TestRedis;
  let emulator: Emulator;
  const processes: GatewayProcess[] = [];
  let urls: string[] = [];

  beforeAll(async () => {
    [redis, emulator] = await Promise.all([
      startRedis(),
      startEmulator({ rateLimit: { limit: LIMIT, windowMs: 60_000 } }),
    ]);
    for (let i = 0; i < 3; i += 1) {
      processes.push(
        startGatewayProcess({
          CRITEO_API_URL: emulator.url,
          CRITEO_API_VERSION: emulator.version,
          CRITEO_CLIENT_ID: 'demo-client-id',
          CRITEO_CLIENT_SECRET: 'demo-client-secret',
          REDIS_URL: redis.url,
          CRITEO_RATE_LIMIT_PER_MINUTE: String(LIMIT),
          CRITEO_MAX_RETRIES: '0',
          OPERATION_TIMEOUT_MS: '2000',
        }),
      );
    }
    urls = await Promise.all(processes.map(listeningUrl));
  }, 60_000);

  /** Every call to Criteo's API so far (the token endpoint aside). */
  const upstreamCalls = () => emulator.requests.list().filter((entry) => entry.operationId !== 'OAuthToken');

  afterAll(async () => {
    for (const child of processes) child.process.kill('SIGTERM');
    await Promise.all(processes.map((child) => child.exited));
    await Promise.all([redis.stop(), emulator.close()]);
  });

  it('fetches one token for the three, and sees through one replica what another wrote', async () => {
    const [a, b, c] = urls;
    if (!a || !b || !c) throw new Error('three replicas');
    const created = await post(
      a,
      'mutation { createAudienceSegments(input: [{ advertiserId: "4949", name: "Written through A", definition: { contactList: true } }]) { results { ... on Segment { id } } } }',
    );
    const id = CreatedSchema.parse(created.data).createAudienceSegments.results[0]?.id;
    expect(id).toMatch(/^\d+$/);
    const read = await post(b, 'query($id: ID!) { audienceSegment(id: $id) { ... on Segment { name } } }', {
      id,
    });
    expect(read.data).toEqual({ audienceSegment: { name: 'Written through A' } });
    // The third replica too works with the token the first one fetched.
    expect((await post(c, SEARCH)).errors).toBeUndefined();
    expect(emulator.requests.count('OAuthToken')).toBe(1);
  });

  it('keeps answering while Redis is down, and shares the budget again once it is back', async () => {
    await redis.stop();
    // Each replica on its own: a quarter of the limit (3 calls), its earlier calls included.
    for (const url of urls) expect((await post(url, SEARCH)).errors).toBeUndefined();
    await redis.restart();
    // Sync points, not timings: every replica reconnected (its /metrics says so: /ready would spend
    // a call), and the restarted, empty Redis learnt from Criteo's x-ratelimit headers how many calls
    // the minute already holds.
    const sharedStateUp = async (url: string) =>
      /^gateway_shared_state_up 1$/m.test(await (await fetch(new URL('/metrics', url))).text());
    for (const url of urls) while (!(await sharedStateUp(url))) await sleep(25);
    for (const url of urls) expect((await post(url, SEARCH)).errors).toBeUndefined();
    const client = new Redis(redis.url);
    try {
      const [key] = await client.keys('criteo-gateway:*:budget');
      while ((await client.zcard(key ?? '')) < upstreamCalls().length) await sleep(10);
    } finally {
      client.disconnect();
    }
  });

  it('sends no more calls than the limit from all three, and collects no 429', async () => {
    const spent = upstreamCalls().length;
    const tokens = emulator.requests.count('OAuthToken');
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => post(urls[i % 3] ?? '', searchOf(i + 2))),
    );

    const answered = answers.filter((answer) => answer.data?.audienceSegments);
    const held = answers.filter((answer) => answer.errors?.[0]?.extensions?.code === 'CRITEO_TIMEOUT');
    expect(spent).toBeLessThan(LIMIT);
    expect(answered).toHaveLength(LIMIT - spent);
    expect(held).toHaveLength(30 - (LIMIT - spent));
    expect(upstreamCalls()).toHaveLength(LIMIT);
    expect(upstreamCalls().filter((entry) => entry.status === 429)).toEqual([]);
    expect(emulator.requests.count('OAuthToken')).toBe(tokens);
  });
});
