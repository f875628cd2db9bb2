import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_ADVERTISER,
  errorCodes,
  record,
  startTestEmulator,
  type TestEmulator,
} from '../support/emulator.js';

const searchBody = { data: { attributes: { advertiserIds: [DEMO_ADVERTISER] } } };

function firstError(body: unknown): Record<string, unknown> {
  const errors = record(body).errors;
  if (!Array.isArray(errors) || errors.length === 0) throw new Error(`no errors in ${JSON.stringify(body)}`);
  return record(errors[0]);
}

async function tokenCall(t: TestEmulator, body: string, contentType = 'application/x-www-form-urlencoded') {
  const response = await fetch(`${t.emulator.url}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
  });
  return { status: response.status, body: record(await response.json()) };
}

describe('POST /oauth2/token', () => {
  let t: TestEmulator;
  beforeAll(async () => {
    t = await startTestEmulator({ demoData: false });
  });
  afterAll(() => t.close());

  it('issues a bearer JWT for valid client credentials', async () => {
    const { status, body } = await tokenCall(
      t,
      'grant_type=client_credentials&client_id=demo-client-id&client_secret=demo-client-secret',
    );
    expect(status).toBe(200);
    expect(body).toEqual({
      access_token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      token_type: 'Bearer',
      expires_in: 900,
      refresh_token: null,
    });
  });

  it('answers 401 invalid_client for a wrong secret', async () => {
    const { status, body } = await tokenCall(
      t,
      'grant_type=client_credentials&client_id=demo-client-id&client_secret=nope',
    );
    expect(status).toBe(401);
    expect(body.error).toBe('invalid_client');
  });

  it('answers 400 for another grant type or a JSON body', async () => {
    expect(
      (await tokenCall(t, 'grant_type=password&client_id=demo-client-id&client_secret=demo-client-secret'))
        .body.error,
    ).toBe('unsupported_grant_type');
    const json = await tokenCall(t, JSON.stringify({ grant_type: 'client_credentials' }), 'application/json');
    expect(json.status).toBe(400);
    expect(json.body.error).toBe('invalid_request');
  });

  it('never writes the client secret into the request log', () => {
    const logged = JSON.stringify(t.emulator.requests.list('OAuthToken'));
    expect(logged).not.toContain('demo-client-secret');
    expect(logged).toContain('[redacted]');
  });
});

describe('authentication and authorization', () => {
  let t: TestEmulator;
  beforeAll(async () => {
    t = await startTestEmulator({ demoData: true });
  });
  afterAll(() => t.close());

  it('answers 401 authorization-token-missing without a token', async () => {
    const response = await t.call('POST', '/audience-segments/search', { body: searchBody, token: null });
    expect(response.status).toBe(401);
    expect(firstError(response.body)).toMatchObject({
      type: 'authentication',
      code: 'authorization-token-missing',
      traceId: expect.any(String),
    });
  });

  it('answers 401 authorization-token-invalid for a forged token', async () => {
    const real = await t.token();
    const [header, payload] = real.split('.');
    const response = await t.call('POST', '/audience-segments/search', {
      body: searchBody,
      token: `${header}.${payload}.forged`,
    });
    expect(response.status).toBe(401);
    expect(errorCodes(response.body)).toEqual(['authorization-token-invalid']);
  });

  it('answers 401 authorization-token-expired once tokens are expired, and a new token works', async () => {
    const old = await t.token();
    t.emulator.tokens.expireAll();
    const expired = await t.call('POST', '/audience-segments/search', { body: searchBody, token: old });
    expect(expired.status).toBe(401);
    expect(errorCodes(expired.body)).toEqual(['authorization-token-expired']);
    const fresh = await t.call('POST', '/audience-segments/search', {
      body: searchBody,
      token: await t.token(),
    });
    expect(fresh.status).toBe(200);
  });

  it("answers 403 with type authorization for another application's advertiser", async () => {
    const other = await t.token('other-client-id');
    const response = await t.call('POST', '/audience-segments/search', { body: searchBody, token: other });
    expect(response.status).toBe(403);
    expect(firstError(response.body)).toMatchObject({
      type: 'authorization',
      code: 'advertiser-not-authorized',
    });
  });

  it('expires tokens after their lifetime', async () => {
    const short = await startTestEmulator({ demoData: false, tokenTtlSeconds: 1 });
    try {
      const token = await short.token();
      expect((await short.call('GET', '/me', { token })).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      const response = await short.call('GET', '/me', { token });
      expect(response.status).toBe(401);
      expect(errorCodes(response.body)).toEqual(['authorization-token-expired']);
    } finally {
      await short.close();
    }
  });
});

describe('envelope and routing', () => {
  let t: TestEmulator;
  beforeAll(async () => {
    t = await startTestEmulator({ demoData: false });
  });
  afterAll(() => t.close());

  it('answers 400 invalid-request-body for malformed JSON', async () => {
    const response = await t.call('POST', '/audience-segments/search', { body: '{"data": ' });
    expect(response.status).toBe(400);
    expect(errorCodes(response.body)).toEqual(['invalid-request-body']);
  });

  it('answers 415 for a body that is not JSON', async () => {
    const response = await t.call('POST', '/audience-segments/search', {
      body: 'data=1',
      headers: { 'content-type': 'text/plain' },
    });
    expect(response.status).toBe(415);
    expect(errorCodes(response.body)).toEqual(['unsupported-media-type']);
  });

  it('answers 404 with a problem for an unknown path or another API version', async () => {
    const unknown = await t.call('GET', '/nothing-here');
    expect(unknown.status).toBe(404);
    expect(errorCodes(unknown.body)).toEqual(['not-found']);
    const other = await fetch(`${t.emulator.url}/2024-01/marketing-solutions/me`);
    expect(other.status).toBe(404);
  });

  it('answers 400 invalid-query-parameter for an offset or limit that is not an int32', async () => {
    const queries: Record<string, string>[] = [
      { offset: '3000000000' },
      { offset: '1e2' },
      { limit: '-1' },
      { limit: '5.5' },
    ];
    for (const query of queries) {
      const response = await t.call('POST', '/audience-segments/search', { body: searchBody, query });
      expect(response.status).toBe(400);
      expect(errorCodes(response.body)).toEqual(['invalid-query-parameter']);
    }
  });

  it('answers 400 invalid-query-parameter for a repeated limit', async () => {
    const response = await t.call('POST', '/audience-segments/search?limit=1&limit=2', { body: searchBody });
    expect(response.status).toBe(400);
    expect(errorCodes(response.body)).toEqual(['invalid-query-parameter']);
  });

  it('serves 2025-10, 2026-01 and 2026-07 at once and answers 404 not-found for any other version', async () => {
    expect(t.emulator.versions).toEqual(['2026-07', '2025-10', '2026-01']);
    const token = await tokenCall(
      t,
      'grant_type=client_credentials&client_id=demo-client-id&client_secret=demo-client-secret',
    );
    const headers = {
      authorization: `Bearer ${String(token.body.access_token)}`,
      'content-type': 'application/json',
    };
    t.emulator.requests.clear();
    for (const version of ['2025-10', '2026-01', '2026-07']) {
      const response = await fetch(
        `${t.emulator.url}/${version}/marketing-solutions/audience-segments/search`,
        {
          method: 'POST',
          headers,
          body: JSON.stringify(searchBody),
        },
      );
      expect(response.status, version).toBe(200);
      expect(record(await response.json()).errors).toEqual([]);
    }
    expect(t.emulator.requests.count('SearchAudienceSegments')).toBe(3);
    for (const version of ['2024-01', '2027-01', 'preview']) {
      const response = await fetch(
        `${t.emulator.url}/${version}/marketing-solutions/audience-segments/search`,
        {
          method: 'POST',
          headers,
          body: JSON.stringify(searchBody),
        },
      );
      expect(response.status, version).toBe(404);
      const problem = firstError(await response.json());
      expect(problem).toMatchObject({
        code: 'not-found',
        instance: `/${version}/marketing-solutions/audience-segments/search`,
      });
    }
  });

  it('serves a configured API version besides the default ones', async () => {
    const custom = await startTestEmulator({ demoData: false, version: 'preview' });
    try {
      expect(custom.emulator.apiUrl).toMatch(/\/preview\/marketing-solutions$/);
      expect((await custom.call('GET', '/me')).status).toBe(200);
    } finally {
      await custom.close();
    }
  });

  it('omits or nulls empty problem lists when configured to', async () => {
    for (const [mode, expected] of [
      ['omit', undefined],
      ['null', null],
    ] as const) {
      const custom = await startTestEmulator({ demoData: false, emptyProblemLists: mode });
      try {
        const body = record((await custom.call('GET', '/me')).body);
        expect(body.errors).toBe(expected);
        expect('errors' in body).toBe(mode === 'null');
      } finally {
        await custom.close();
      }
    }
  });
});

describe('rate limiting', () => {
  it('answers 429 with the x-ratelimit headers once the budget is spent, per application', async () => {
    const t = await startTestEmulator({ demoData: false, rateLimit: { limit: 3, windowMs: 60_000 } });
    try {
      const remaining: (string | null)[] = [];
      for (let i = 0; i < 3; i++) {
        const response = await t.call('GET', '/me');
        expect(response.status).toBe(200);
        remaining.push(response.headers.get('x-ratelimit-remaining'));
      }
      expect(remaining).toEqual(['2', '1', '0']);
      const limited = await t.call('GET', '/me');
      expect(limited.status).toBe(429);
      expect(firstError(limited.body)).toMatchObject({ type: 'quota', code: 'rate-limit-exceeded' });
      expect(limited.headers.get('x-ratelimit-limit')).toBe('3');
      expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
      const reset = Number(limited.headers.get('x-ratelimit-reset'));
      expect(reset).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000));
      expect(reset).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 60);
      // Another application has its own budget; the token endpoint is not rate limited.
      expect((await t.call('GET', '/me', { token: await t.token('other-client-id') })).status).toBe(200);
      // The control API counts answers by status, the two token calls included (a benchmark reads its 429s there).
      const stats = record(await (await fetch(`${t.emulator.url}/__emulator/stats`)).json());
      expect(stats.statuses).toEqual({ 200: 6, 429: 1 });
    } finally {
      await t.close();
    }
  });
});

describe('fault injection', () => {
  let t: TestEmulator;
  beforeAll(async () => {
    t = await startTestEmulator({ demoData: true });
  });
  afterAll(() => t.close());

  it('answers a scripted 503 once, then recovers', async () => {
    t.emulator.faults.failNext('SearchAudienceSegments', { kind: 'status', status: 503 });
    const failed = await t.call('POST', '/audience-segments/search', { body: searchBody });
    expect(failed.status).toBe(503);
    expect(firstError(failed.body)).toMatchObject({ type: 'availability', code: 'service-unavailable' });
    expect((await t.call('POST', '/audience-segments/search', { body: searchBody })).status).toBe(200);
  });

  it('answers an injected 429 with rate-limit headers', async () => {
    t.emulator.faults.failNext('*', { kind: 'rateLimit' });
    const response = await t.call('GET', '/me');
    expect(response.status).toBe(429);
    expect(response.headers.get('x-ratelimit-reset')).toMatch(/^\d+$/);
  });

  it('resets the connection before handling', async () => {
    t.emulator.faults.failNext('GetCurrentApplication', { kind: 'connectionReset' });
    await expect(t.call('GET', '/me')).rejects.toThrow();
    expect(t.emulator.requests.list('GetCurrentApplication').at(-1)?.fault).toBe('connectionReset');
  });

  it('answers truncated JSON for a malformed-body fault', async () => {
    t.emulator.faults.failNext('GetCurrentApplication', { kind: 'malformedJson' });
    const response = await t.call('GET', '/me');
    expect(response.status).toBe(200);
    expect(typeof response.body).toBe('string');
  });

  it('answers a body that breaks the contract for a drift fault', async () => {
    t.emulator.faults.failNext('SearchAudienceSegments', { kind: 'schemaDrift' });
    const response = await t.call('POST', '/audience-segments/search', { body: searchBody });
    const data = record(response.body).data;
    expect(Array.isArray(data) && typeof record(data[0]).id).toBe('number');
  });

  it('applies a write, then cuts the response mid-body for a lost-response fault', async () => {
    t.emulator.faults.failNext('CreateAudienceSegments', { kind: 'lostResponse' });
    const name = 'Lost response segment';
    await expect(
      t.call('POST', '/audience-segments/create', {
        body: { data: [{ attributes: { advertiserId: DEMO_ADVERTISER, name, contactList: {} } }] },
      }),
    ).rejects.toThrow();
    const created = [...t.emulator.store.segments.values()].filter((s) => s.attributes.name === name);
    expect(created).toHaveLength(1);
  });

  it('fails every call at rate 1 and none at rate 0, and only the named operation', async () => {
    t.emulator.faults.set('GetCurrentApplication', { errorRate: 1, errorStatus: 502 });
    try {
      expect((await t.call('GET', '/me')).status).toBe(502);
      expect((await t.call('POST', '/audience-segments/search', { body: searchBody })).status).toBe(200);
    } finally {
      t.emulator.faults.clear();
    }
    expect((await t.call('GET', '/me')).status).toBe(200);
  });

  it('is configurable over the control API', async () => {
    const put = await fetch(`${t.emulator.url}/__emulator/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ GetCurrentApplication: { errorRate: 1, errorStatus: 500 } }),
    });
    expect(put.status).toBe(200);
    expect((await t.call('GET', '/me')).status).toBe(500);
    const bad = await fetch(`${t.emulator.url}/__emulator/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ '*': { errorRate: 3 } }),
    });
    expect(bad.status).toBe(400);
    t.emulator.faults.clear();
  });
});

describe('request log', () => {
  it('records each call with its operation, status and the ids it carried', async () => {
    const t = await startTestEmulator({ demoData: true });
    try {
      const ids = [...t.emulator.store.segments.keys()].slice(0, 3);
      await t.call('POST', '/audience-segments/search', {
        body: { data: { attributes: { audienceSegmentIds: ids } } },
      });
      await t.call('POST', '/audience-segments/compute-sizes', { body: { data: ids.map((id) => ({ id })) } });
      const [search] = t.emulator.requests.list('SearchAudienceSegments');
      expect(search).toMatchObject({ method: 'POST', status: 200, ids, applicationId: 1001 });
      expect(t.emulator.requests.count('ComputeAudienceSegmentsSizes')).toBe(1);
      const stats = record(await (await fetch(`${t.emulator.url}/__emulator/stats`)).json());
      expect(record(stats.counts)).toMatchObject({
        SearchAudienceSegments: 1,
        ComputeAudienceSegmentsSizes: 1,
      });
      await fetch(`${t.emulator.url}/__emulator/requests/clear`, { method: 'POST' });
      expect(t.emulator.requests.count()).toBe(0);
    } finally {
      await t.close();
    }
  });
});
