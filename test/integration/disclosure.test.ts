import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../graphql/index.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

const SERVICE_SDL = graphql(`
  query ServiceSdl { _service { sdl } }
`);

/** OPTIONS preflight of a cross-origin POST, as a browser sends it. */
const preflight = (url: string, origin: string) =>
  fetch(url, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type, authorization',
    },
  });

describe('browser origins (CORS_ORIGINS)', () => {
  let closed: TestGateway;
  let open: TestGateway;
  beforeAll(async () => {
    [closed, open] = await Promise.all([
      startTestGateway(),
      startTestGateway({ env: { CORS_ORIGINS: 'https://app.example.com,http://localhost:5173' } }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([closed.close(), open.close()]);
  });

  it('allows no other origin by default: a preflight gets no access-control-allow-origin', async () => {
    const response = await preflight(closed.url, 'https://evil.example');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('allows the listed origins, each exactly, and still no other', async () => {
    for (const origin of ['https://app.example.com', 'http://localhost:5173']) {
      const response = await preflight(open.url, origin);
      expect(response.headers.get('access-control-allow-origin')).toBe(origin);
      expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    }
    for (const origin of ['https://evil.example', 'https://app.example.com.evil.example', 'null']) {
      const response = await preflight(open.url, origin);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    }
    // The actual request too, not only the preflight.
    const response = await fetch(open.url, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('what a production gateway discloses (INTROSPECTION=false)', () => {
  let hidden: TestGateway;
  let router: TestGateway;
  beforeAll(async () => {
    [hidden, router] = await Promise.all([
      startTestGateway({ env: { INTROSPECTION: 'false' } }),
      startTestGateway({ env: { INTROSPECTION: 'false', FEDERATION_SDL: 'true' } }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([hidden.close(), router.close()]);
  });

  it('refuses _service { sdl } unless FEDERATION_SDL=true', async () => {
    const refused = await hidden.query(SERVICE_SDL);
    expect(refused.data ?? null).toBeNull();
    expect(refused.errors?.[0]?.message).toMatch(/federation SDL \(_service\) is not served here/);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const served = await router.query(SERVICE_SDL);
    expect(served.errors).toBeUndefined();
    expect(served.data?._service.sdl).toContain('type Audience');
  });

  it('gives no "Did you mean" hint: fields, enum literals, enum values and input fields in variables', async () => {
    const answers = await Promise.all([
      hidden.query('{ audienceSegments(first: 1) { edges { node { ... on Segment { nam } } } } }'),
      hidden.query('{ audienceSegments(first: 1, types: [CONTACTLIST]) { totalCount } }'),
      hidden.query('query ($t: [SegmentType!]) { audienceSegments(first: 1, types: $t) { totalCount } }', {
        t: ['CONTACTLIST'],
      }),
      hidden.query(
        'mutation ($i: [AudienceSegmentCreateInput!]!) { createAudienceSegments(input: $i) { problems { code } } }',
        { i: [{ advertiserId: '4949', name: 'x', nam: 'x', definition: { contactList: true } }] },
      ),
    ]);
    for (const answer of answers) {
      expect(answer.errors?.length).toBeGreaterThan(0);
      for (const error of answer.errors ?? []) {
        expect(error.message).not.toMatch(/did you mean/i);
        expect(error.message).not.toMatch(/CONTACT_LIST|"name"/);
      }
    }
    // The error still says what is wrong.
    expect(answers[2]?.errors?.[0]?.message).toMatch(
      /Value "CONTACTLIST" does not exist in "SegmentType" enum\.$/,
    );
    expect(answers[3]?.errors?.[0]?.message).toMatch(
      /Field "nam" is not defined by type "AudienceSegmentCreateInput"\.?$/,
    );
    expect(hidden.calls()).toEqual({});
  });
});

describe('passthrough tokens in logs (CRITEO_TOKEN_HEADER)', () => {
  it('redacts the token header at every log level, whatever its value looks like', async () => {
    const lines: string[] = [];
    const gateway = await startTestGateway({
      env: { CRITEO_AUTH_MODE: 'passthrough', CRITEO_TOKEN_HEADER: 'X-Criteo-Token', LOG_LEVEL: 'trace' },
      logDestination: new Writable({
        write: (chunk, _encoding, done) => {
          lines.push(String(chunk));
          done();
        },
      }),
    });
    const values = ['Bearer opaque-token-1111', 'opaque-token-2222', 'Token opaque-token-3333'];
    try {
      for (const value of values)
        await gateway.query('{ application { name } }', undefined, { 'x-criteo-token': value });
    } finally {
      await gateway.close();
    }
    const requestLines = lines.filter((line) => line.includes('"headers"'));
    expect(requestLines.length).toBeGreaterThanOrEqual(values.length);
    for (const line of requestLines) expect(line).toContain('"x-criteo-token":"[REDACTED]"');
    expect(lines.join('\n')).not.toMatch(/opaque-token-\d{4}/);
  });
});
