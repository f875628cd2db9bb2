import { afterEach, describe, expect, it } from 'vitest';
import { graphql } from '../graphql/index.js';
import { bodyOf, readResponse, startTestGateway, type TestGateway } from '../support/gateway.js';

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
    expect(bodyOf(result)).toEqual({ data: { audienceSegments: { totalCount: 108 } } });
    expect(gateway.emulator.requests.list('SearchAudienceSegments').map((e) => e.status)).toEqual([
      503, 503, 200,
    ]);
  });

  it('gives up after 3 retries of a 429 storm with CRITEO_RATE_LIMITED', async () => {
    gateway = await startTestGateway();
    gateway.emulator.faults.set('SearchAudienceSegments', { rateLimitRate: 1 });
    const result = await gateway.query(SEGMENTS);
    expect(result.data).toEqual({ audienceSegments: null });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'CRITEO_RATE_LIMITED', status: 429 });
    expect(gateway.emulator.requests.count('SearchAudienceSegments')).toBe(4);
  });

  it('cancels upstream calls slower than the operation deadline with CRITEO_TIMEOUT', async () => {
    gateway = await startTestGateway({ env: { OPERATION_TIMEOUT_MS: '150' } });
    await gateway.query('{ me { name } }'); // token fetched before the slow call
    gateway.emulator.faults.set('SearchAudienceSegments', { latencyMs: 3_000 });
    const result = await gateway.query(SEGMENTS);
    expect(result.data).toEqual({ audienceSegments: null });
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
    for (const result of results)
      expect(bodyOf(result)).toEqual({ data: { audienceSegments: { totalCount: 108 } } });
    expect(emulator.requests.count('SearchAudienceSegments')).toBe(9);
    expect(emulator.requests.list().map((e) => e.status)).not.toContain(429);
  });
});

describe('a write whose response is lost', () => {
  it('is not re-sent, creates nothing twice, and tells the client the outcome is unknown', async () => {
    gateway = await startTestGateway();
    gateway.emulator.faults.failNext('CreateAudienceSegments', { kind: 'lostResponse' });
    const result = await gateway.query(
      graphql(`
        mutation CreateWithLostResponse {
          createAudienceSegments(input: [
            { advertiserId: "4949", name: "Lost A", definition: { contactList: true } }
            { advertiserId: "4949", name: "Lost B", definition: { contactList: true } }
          ]) {
            results { __typename ... on CriteoProblem { index code detail } }
          }
        }
      `),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.createAudienceSegments?.results).toEqual([
      expect.objectContaining({ __typename: 'CriteoProblem', index: 0, code: 'CRITEO_OUTCOME_UNKNOWN' }),
      expect.objectContaining({ __typename: 'CriteoProblem', index: 1, code: 'CRITEO_OUTCOME_UNKNOWN' }),
    ]);
    // Sent once; Criteo applied it once.
    expect(gateway.emulator.requests.count('CreateAudienceSegments')).toBe(1);
    const names = [...gateway.emulator.store.segments.values()].map((s) => s.attributes.name);
    expect(names.filter((n) => n === 'Lost A')).toHaveLength(1);
    expect(names.filter((n) => n === 'Lost B')).toHaveLength(1);
  });

  it('a single-call write (clearContactList) reports the unknown outcome as an error', async () => {
    gateway = await startTestGateway();
    gateway.emulator.faults.failNext('DeleteContactListByAudienceSegment', { kind: 'lostResponse' });
    const result = await gateway.query('mutation { clearContactList(segmentId: "100033") { __typename } }');
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'CRITEO_OUTCOME_UNKNOWN' });
    expect(gateway.emulator.requests.count('DeleteContactListByAudienceSegment')).toBe(1);
  });
});

describe('passthrough credentials', () => {
  async function post(url: string, query: string, headers: Record<string, string>) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query }),
    });
    return readResponse(response);
  }

  it("forwards the caller's token and never falls back to the service credentials", async () => {
    gateway = await startTestGateway({ env: { CRITEO_AUTH_MODE: 'passthrough' } });
    const token = await fetch(`${gateway.emulator.url}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&client_id=other-client-id&client_secret=other-client-secret',
    }).then(async (r) => ((await r.json()) as { access_token: string }).access_token);

    // The caller's own application (advertiser 7070) is what Criteo sees.
    const me = await post(gateway.url, '{ me { name } }', { authorization: `Bearer ${token}` });
    expect(me.errors).toBeUndefined();
    expect(me.data).toEqual({ me: { name: 'Other application' } });

    // Without a token: a clear error, no upstream call, no service token fetched.
    gateway.resetCalls();
    const missing = await post(gateway.url, '{ me { name } }', {});
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'CRITEO_UNAUTHENTICATED' });
    expect(missing.errors?.[0]?.message).toContain('Passthrough mode');
    expect(gateway.emulator.requests.list().map((e) => e.operationId)).toEqual([]);

    // A rejected caller token is reported once, not retried with another token.
    const bad = await post(gateway.url, '{ me { name } }', { authorization: 'Bearer not-a-token' });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'CRITEO_UNAUTHENTICATED', status: 401 });
    expect(gateway.emulator.requests.count('GetCurrentApplication')).toBe(1);
    expect(gateway.emulator.requests.count('OAuthToken')).toBe(0);
  });
});
