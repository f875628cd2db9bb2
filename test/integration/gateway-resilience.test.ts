import { afterEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

const SEGMENTS = '{ audienceSegments(advertiserIds: ["4949"], first: 5) { totalCount } }';
let gateway: TestGateway | undefined;

afterEach(async () => {
  await gateway?.close();
  gateway = undefined;
});

describe('upstream resilience', () => {
  it('retries a 503 burst on a search and answers the data, with a bounded number of calls', async () => {
    gateway = await startTestGateway();
    gateway.emulator.faults.failNext('SearchAudienceSegments', { kind: 'status', status: 503 }, 2);
    const result = await gateway.query(SEGMENTS);
    expect(result).toEqual({ data: { audienceSegments: { totalCount: 108 } } });
    expect(gateway.emulator.requests.list('SearchAudienceSegments').map((e) => e.status)).toEqual([
      503, 503, 200,
    ]);
  });

  it('gives up after 3 retries of a 429 storm with CRITEO_RATE_LIMITED', async () => {
    gateway = await startTestGateway();
    gateway.emulator.faults.set('SearchAudienceSegments', { rateLimitRate: 1 });
    const result = await gateway.query(SEGMENTS);
    expect(result.data).toBeNull();
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'CRITEO_RATE_LIMITED', status: 429 });
    expect(gateway.emulator.requests.count('SearchAudienceSegments')).toBe(4);
  });

  it('cancels upstream calls slower than the operation deadline with CRITEO_TIMEOUT', async () => {
    gateway = await startTestGateway({ gateway: { operationTimeoutMs: 150 } });
    await gateway.query('{ me { name } }'); // token fetched before the slow call
    gateway.emulator.faults.set('SearchAudienceSegments', { latencyMs: 3_000 });
    const result = await gateway.query(SEGMENTS);
    expect(result.data).toBeNull();
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'CRITEO_TIMEOUT',
      operation: 'SearchAudienceSegments',
    });
    expect(gateway.emulator.requests.count('SearchAudienceSegments')).toBe(1);
  });

  it('queues calls on its rate budget instead of collecting 429s', async () => {
    gateway = await startTestGateway({
      emulator: { rateLimit: { limit: 4, windowMs: 500 } },
      // A wide margin: on a loaded machine a call can reach the emulator well after the budget admitted it.
      client: { rateBudget: { limit: 4, windowMs: 500, marginMs: 400 } },
    });
    const { query, emulator } = gateway;
    // 9 searches against a limit of 4 per 500 ms: the budget spreads them over three windows.
    const results = await Promise.all(Array.from({ length: 9 }, () => query(SEGMENTS)));
    for (const result of results) expect(result).toEqual({ data: { audienceSegments: { totalCount: 108 } } });
    expect(emulator.requests.count('SearchAudienceSegments')).toBe(9);
    expect(emulator.requests.list().map((e) => e.status)).not.toContain(429);
  });
});
