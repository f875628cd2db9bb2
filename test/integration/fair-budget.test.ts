import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type GraphQLResponse,
  readResponse,
  startTestGateway,
  type TestGateway,
} from '../support/gateway.js';

/** Issue 14: in passthrough mode the shared rate budget is fair between callers. */

const SEARCH = '{ audienceSegments(first: 1) { totalCount } }';

describe('the rate budget in passthrough mode', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({
      env: { CRITEO_AUTH_MODE: 'passthrough' },
      // 4 calls per 400 ms, shared by every caller: 40 calls take about 4 s.
      client: { rateBudget: { limit: 4, windowMs: 400, marginMs: 0 } },
    });
  });
  afterAll(() => gateway.close());

  async function tokenOf(clientId: string, clientSecret: string): Promise<string> {
    const response = await fetch(`${gateway.emulator.url}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `grant_type=client_credentials&client_id=${clientId}&client_secret=${clientSecret}`,
    });
    return ((await response.json()) as { access_token: string }).access_token;
  }

  async function query(token: string): Promise<GraphQLResponse> {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: SEARCH }),
    });
    return readResponse(response);
  }

  it("answers a caller's single search before most of another caller's 40 queued ones", async () => {
    const flooder = await tokenOf('demo-client-id', 'demo-client-secret');
    const other = await tokenOf('other-client-id', 'other-client-secret');
    gateway.resetCalls();
    const finished: string[] = [];
    const flood = Array.from({ length: 40 }, (_, i) =>
      query(flooder).then((result) => {
        finished.push(`A${i}`);
        return result;
      }),
    );
    // A sync point, not a timing assertion: every one of A's calls reached the budget (sent or
    // queued), with some still waiting. How many were sent by then depends on the machine's load.
    const sent = () => gateway.emulator.requests.count('SearchAudienceSegments');
    const queued = () => gateway.criteo.budget?.queued ?? 0;
    while (queued() + sent() < 40) await sleep(5);
    const sentBeforeB = sent();
    const waitingBeforeB = queued();
    const single = await query(other);
    finished.push('B');
    const results = await Promise.all(flood);

    expect(waitingBeforeB).toBeGreaterThanOrEqual(10);
    expect(single.errors).toBeUndefined();
    for (const result of results) expect(result.errors).toBeUndefined();
    const searches = gateway.emulator.requests.list('SearchAudienceSegments');
    expect(searches).toHaveLength(41);
    const b = searches.findIndex((entry) => entry.applicationId !== searches[0]?.applicationId);
    // B queued behind A's waiting calls, yet goes out in the next turn: after at most one window
    // of A's calls (4) beyond those already sent, not after the other waiting ones.
    expect(b).toBeGreaterThanOrEqual(sentBeforeB);
    expect(b - sentBeforeB).toBeLessThanOrEqual(4);
    expect(finished.indexOf('B')).toBeLessThanOrEqual(sentBeforeB + 4);
  });
});
