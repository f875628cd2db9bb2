import { Writable } from 'node:stream';
import { print } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { graphql } from '../graphql/index.js';
import { readResponse, startTestGateway, type TestGateway } from '../support/gateway.js';
import {
  AUDIENCE,
  bearer,
  ISSUER,
  type KeySetServer,
  mint,
  type SigningKey,
  signingKey,
  startKeySet,
  unsigned,
} from '../support/jwks.js';

const SEGMENTS = graphql(`
  query CallerSegments {
    audienceSegments(first: 100) {
      totalCount
      edges { node { ... on Segment { id advertiserId } } }
    }
  }
`);

describe('caller authentication (AUTH_JWKS_URL)', () => {
  let rsa: SigningKey;
  let ec: SigningKey;
  let keySet: KeySetServer;
  let gw: TestGateway;
  const logLines: string[] = [];

  /** POSTs SEGMENTS with these headers: status, body and headers. */
  async function post(headers: Record<string, string>) {
    const response = await fetch(gw.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
        ...headers,
      },
      body: JSON.stringify({ query: print(SEGMENTS) }),
    });
    return {
      status: response.status,
      headers: response.headers,
      body: await readResponse(response, SEGMENTS),
    };
  }

  beforeAll(async () => {
    [rsa, ec] = await Promise.all([signingKey('RS256', 'rsa-1'), signingKey('ES256', 'ec-1')]);
    keySet = await startKeySet([rsa.jwk, ec.jwk]);
    gw = await startTestGateway({
      env: { AUTH_JWKS_URL: keySet.url, AUTH_ISSUER: ISSUER, AUTH_AUDIENCE: AUDIENCE, LOG_LEVEL: 'debug' },
      logDestination: new Writable({
        write: (chunk, _encoding, done) => {
          logLines.push(String(chunk));
          done();
        },
      }),
      // Every refetch allowed at once: the rotation test must not wait for jose's 30 s cooldown.
      auth: { jwksCooldownMs: 0 },
    });
  });
  afterAll(async () => {
    await gw.close();
    await keySet.close();
  });
  beforeEach(() => gw.resetCalls());

  it.each([
    ['RS256', () => rsa],
    ['ES256', () => ec],
  ])('answers a valid %s token with its advertiser’s data', async (_alg, key) => {
    const token = await mint(key());
    const { status, body } = await post(bearer(token));
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const connection = body.data?.audienceSegments;
    expect(connection?.totalCount).toBeGreaterThan(0);
    expect(new Set(connection?.edges.map((e) => e.node.advertiserId))).toEqual(new Set(['4949']));
    expect(gw.calls()).toEqual({ SearchAudienceSegments: 1 });
    // Narrowed before the call: Criteo was asked for 4949 only.
    const [search] = gw.emulator.requests.list('SearchAudienceSegments');
    expect(search?.body).toMatchObject({ data: { attributes: { advertiserIds: ['4949'] } } });
  });

  const refusals: [string, () => Promise<Record<string, string>>, RegExp][] = [
    ['no Authorization header', async () => ({}), /Missing bearer token/],
    [
      'a non-Bearer Authorization header',
      async () => ({ authorization: 'Basic dXNlcjpwYXNz' }),
      /must be Bearer/,
    ],
    [
      'an expired token',
      async () => bearer(await mint(rsa, undefined, { expiresAt: Math.floor(Date.now() / 1000) - 60 })),
      /expired/,
    ],
    [
      'a token of another issuer',
      async () => bearer(await mint(rsa, undefined, { issuer: 'https://elsewhere.test/' })),
      /issuer/,
    ],
    [
      'a token for another audience',
      async () => bearer(await mint(ec, undefined, { audience: 'another-api' })),
      /not meant for this gateway/,
    ],
    [
      'a token whose signature does not verify',
      // Signed by a key the set does not hold, under the kid of one it does.
      async () => bearer(await mint(await signingKey('RS256', 'rsa-1'))),
      /signature does not verify/,
    ],
    [
      'an unsigned token (alg: none)',
      async () => bearer(unsigned({ advertiser_ids: ['4949'] })),
      /algorithm is not accepted|not a well-formed/,
    ],
    [
      'a token signed by an unknown key',
      async () => bearer(await mint(await signingKey('ES256', 'stranger'))),
      /No single key/,
    ],
  ];

  it.each(refusals)(
    'refuses %s with 401 UNAUTHENTICATED and no upstream call',
    async (_case, headers, reason) => {
      const sent = await headers();
      const { status, body, headers: answer } = await post(sent);
      expect(status).toBe(401);
      expect(answer.get('www-authenticate')).toMatch(/^Bearer/);
      expect(body.data ?? null).toBeNull();
      expect(body.errors).toHaveLength(1);
      expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(body.errors?.[0]?.message).toMatch(reason);
      // The token is never echoed.
      const token = sent.authorization?.split(' ')[1];
      if (token) expect(JSON.stringify(body)).not.toContain(token);
      expect(gw.calls()).toEqual({});
    },
  );

  it('refuses a verified token without the advertiser claim with 403 FORBIDDEN and no upstream call', async () => {
    for (const claims of [
      {},
      { advertiser_ids: [] },
      { advertiser_ids: 'all' },
      { advertiser_ids: ['49 49'] },
    ]) {
      const { status, body } = await post(bearer(await mint(rsa, claims)));
      expect(status).toBe(403);
      expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(body.errors?.[0]?.message).toMatch(/no advertiser_ids claim/);
    }
    expect(gw.calls()).toEqual({});
  });

  it('accepts a token signed by a key added to the key set after start (rotation)', async () => {
    expect((await post(bearer(await mint(rsa)))).status).toBe(200);
    const fetchesBefore = keySet.fetches;
    const rotated = await signingKey('ES256', 'ec-2');
    keySet.keys = [...keySet.keys, rotated.jwk];
    const { status, body } = await post(bearer(await mint(rotated)));
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    // The unknown kid made jose read the set again.
    expect(keySet.fetches).toBe(fetchesBefore + 1);
  });

  it('keeps /health, /ready, /metrics, CORS preflights and the GraphiQL page open', async () => {
    const base = gw.url.replace(/\/graphql$/, '');
    for (const path of ['/health', '/ready', '/metrics'])
      expect((await fetch(`${base}${path}`)).status).toBe(200);
    // `/ready` checks Criteo with the service credentials by design; nothing else may call it.
    expect(gw.calls()).toEqual({ GetCurrentApplication: 1 });
    gw.resetCalls();
    const page = await fetch(gw.url, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
    const preflight = await fetch(gw.url, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:9', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(gw.calls()).toEqual({});
  });

  it('refuses a GET operation without a token too', async () => {
    const response = await fetch(`${gw.url}?query=${encodeURIComponent('{ application { name } }')}`, {
      headers: { accept: 'application/graphql-response+json' },
    });
    expect(response.status).toBe(401);
    expect(gw.calls()).toEqual({});
  });

  it('logs who acted (sub) on the access line, and never the token', async () => {
    const token = await mint(ec, undefined, { subject: 'auditor@clients' });
    logLines.length = 0;
    expect((await post(bearer(token))).status).toBe(200);
    const served = logLines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((l) => l.msg === 'request served');
    expect(served).toMatchObject({ status: 200, caller: 'auditor@clients' });
    expect(logLines.join('\n')).not.toContain(token.split('.')[2]);
  });
});

describe('caller authentication with passthrough credentials', () => {
  it('takes the JWT from Authorization and the caller’s Criteo token from CRITEO_TOKEN_HEADER', async () => {
    const key = await signingKey('ES256', 'pt-1');
    const keySet = await startKeySet([key.jwk]);
    const gw = await startTestGateway({
      env: {
        AUTH_JWKS_URL: keySet.url,
        AUTH_ISSUER: ISSUER,
        AUTH_AUDIENCE: AUDIENCE,
        CRITEO_AUTH_MODE: 'passthrough',
        CRITEO_TOKEN_HEADER: 'x-criteo-token',
      },
    });
    try {
      const criteoToken = await fetch(`${gw.emulator.url}/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials&client_id=demo-client-id&client_secret=demo-client-secret',
      }).then(async (r) => ((await r.json()) as { access_token: string }).access_token);
      const jwt = await mint(key, { advertiser_ids: ['4949'] });
      const both = await gw.query('{ audiences(first: 1) { totalCount } }', undefined, {
        ...bearer(jwt),
        'x-criteo-token': `Bearer ${criteoToken}`,
      });
      expect(both.errors).toBeUndefined();
      expect(both.data).toEqual({ audiences: { totalCount: 30 } });
      // The JWT alone: authenticated, but Criteo is never called with the service credentials.
      gw.resetCalls();
      const jwtOnly = await gw.query('{ audiences(first: 1) { totalCount } }', undefined, bearer(jwt));
      expect(jwtOnly.errors?.[0]?.extensions?.code).toBe('CRITEO_UNAUTHENTICATED');
      expect(gw.emulator.requests.list().map((e) => e.operationId)).toEqual([]);
    } finally {
      await gw.close();
      await keySet.close();
    }
  });
});
