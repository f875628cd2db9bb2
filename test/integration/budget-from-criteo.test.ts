import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CriteoClient, createCriteoClient } from '../../src/criteo/client.js';
import { CriteoError } from '../../src/criteo/errors.js';
import { startTestEmulator, type TestEmulator } from '../support/emulator.js';

const SEARCH = '/audience-segments/search';

describe("the rate budget, told by Criteo's x-ratelimit headers", () => {
  let upstream: TestEmulator;
  let client: CriteoClient;

  beforeAll(async () => {
    upstream = await startTestEmulator({ rateLimit: { limit: 5, windowMs: 60_000 } });
    client = createCriteoClient({
      apiUrl: upstream.emulator.url,
      apiVersion: upstream.emulator.version,
      auth: { credentials: { clientId: 'demo-client-id', clientSecret: 'demo-client-secret' } },
      retry: { maxRetries: 0, minDelayMs: 1, maxDelayMs: 1 },
      rateBudget: { limit: 5, windowMs: 60_000 },
    });
  });
  afterAll(async () => {
    await client.close();
    await upstream.close();
  });

  it('counts calls another client of the application made, and sends no call Criteo would refuse', async () => {
    // Another process of the same application spends 3 of the 5 calls of the window.
    for (let i = 0; i < 3; i += 1) {
      const response = await upstream.call('POST', SEARCH, { body: { data: { attributes: {} } } });
      expect(response.status).toBe(200);
    }
    upstream.emulator.requests.clear();
    const search = (signal?: AbortSignal) =>
      client.forRequest({ signal }).searchAudienceSegments({}, { limit: 1, offset: 0 });

    await search();
    // Criteo said 1 call remains: the budget lets exactly one more through, then holds the next.
    await search();
    const held = await search(AbortSignal.timeout(300)).then(
      () => null,
      (error: unknown) => error,
    );

    expect(held).toBeInstanceOf(CriteoError);
    expect(held).toMatchObject({ code: 'CRITEO_TIMEOUT', notSent: true });
    const sent = upstream.emulator.requests.list('SearchAudienceSegments');
    expect(sent.map((entry) => entry.status)).toEqual([200, 200]);
  });
});
