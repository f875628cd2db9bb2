import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CriteoContractError, CriteoProblemError } from '../../src/criteo/errors.js';
import {
  API_VERSION,
  CLIENT_ID,
  CLIENT_SECRET,
  clientFor,
  criteoFailure,
  errorMessages,
  ids,
  JWT_PREFIX,
  messagesOf,
  seenTokens,
  useEmulator,
} from '../support/criteo-client.js';

describe('CriteoClient 401 handling', () => {
  const t = useEmulator();

  it('retries once with a new token when the token was expired upstream', async () => {
    await t.client.getCurrentApplication();
    t.emulator.tokens.expireAll();
    const result = await t.client.searchAudienceSegments(
      { audienceSegmentIds: ['100001'] },
      { limit: 1, offset: 0 },
    );
    expect(ids(result.items)).toEqual(['100001']);
    expect(t.emulator.requests.list('SearchAudienceSegments').map((e) => e.status)).toEqual([401, 200]);
    expect(t.emulator.requests.count('OAuthToken')).toBe(2);
  });

  it('50 concurrent calls hitting an expired token share one new token request', async () => {
    await t.client.getCurrentApplication();
    t.emulator.tokens.expireAll();
    const results = await Promise.all(Array.from({ length: 50 }, () => t.client.getCurrentApplication()));
    expect(results.every((r) => r?.applicationId === 1001)).toBe(true);
    const statuses = t.emulator.requests.list('GetCurrentApplication').map((e) => e.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(50);
    expect(statuses.filter((s) => s === 200)).toHaveLength(51);
    expect(t.emulator.requests.count('OAuthToken')).toBe(2);
  });

  it('gives up after one retry when the API keeps answering 401', async () => {
    await t.client.getCurrentApplication();
    t.emulator.faults.failNext('SearchAudienceSegments', { kind: 'status', status: 401 }, 2);
    const error = await criteoFailure(() =>
      t.client.searchAudienceSegments({ advertiserIds: ['4949'] }, { limit: 1, offset: 0 }),
    );
    expect(error.code).toBe('CRITEO_UNAUTHENTICATED');
    expect(error.status).toBe(401);
    expect(error.operation).toBe('SearchAudienceSegments');
    expect(t.emulator.requests.list('SearchAudienceSegments').map((e) => e.status)).toEqual([401, 401]);
    expect(t.emulator.requests.count('OAuthToken')).toBe(2);
  });

  it('a wrong client secret is CRITEO_AUTH_FAILED without the credentials in the message', async () => {
    const secret = 'wrong-secret-4f8a1c';
    const client = clientFor(t.emulator.url, secret);
    try {
      const error = await criteoFailure(() => client.getCurrentApplication());
      expect(error.code).toBe('CRITEO_AUTH_FAILED');
      expect(error.status).toBe(401);
      for (const message of messagesOf(error)) {
        expect(message).not.toContain(secret);
        expect(message).not.toContain(CLIENT_ID);
      }
      expect(t.emulator.requests.count('OAuthToken')).toBe(1);
      expect(t.emulator.requests.count('GetCurrentApplication')).toBe(0);
    } finally {
      await client.close();
    }
  });
});

describe('CriteoClient error mapping', () => {
  const t = useEmulator();

  it('403 is CRITEO_FORBIDDEN with the Criteo code and trace id', async () => {
    const error = await criteoFailure(() =>
      t.client.searchAudienceSegments({ advertiserIds: ['7070'] }, { limit: 10, offset: 0 }),
    );
    expect(error.code).toBe('CRITEO_FORBIDDEN');
    expect(error.status).toBe(403);
    expect(error.criteoCode).toBe('advertiser-not-authorized');
    expect(error.traceId).toEqual(expect.any(String));
    expect(error.traceId?.length).toBeGreaterThan(0);
    expect(error.operation).toBe('SearchAudienceSegments');
    expect(t.emulator.requests.list('SearchAudienceSegments').map((e) => e.status)).toEqual([403]);
  });

  it('retries a 503 on a safe call and succeeds', async () => {
    t.emulator.faults.failNext('GetCurrentApplication', { kind: 'status', status: 503 }, 1);
    await expect(t.client.getCurrentApplication()).resolves.toMatchObject({ applicationId: 1001 });
    expect(t.emulator.requests.list('GetCurrentApplication').map((e) => e.status)).toEqual([503, 200]);
  });

  it('gives up after 3 retries with CRITEO_UNAVAILABLE', async () => {
    t.emulator.faults.failNext('GetCurrentApplication', { kind: 'status', status: 503 }, 4);
    const error = await criteoFailure(() => t.client.getCurrentApplication());
    expect(error.code).toBe('CRITEO_UNAVAILABLE');
    expect(error.status).toBe(503);
    expect(t.emulator.requests.list('GetCurrentApplication').map((e) => e.status)).toEqual([
      503, 503, 503, 503,
    ]);
  });

  it('never re-sends a write: a 503 on a create fails at once', async () => {
    t.emulator.faults.failNext('CreateAudienceSegments', { kind: 'status', status: 503 }, 1);
    const error = await criteoFailure(() =>
      t.client.createAudienceSegments([{ advertiserId: '4949', name: 'Not re-sent', contactList: {} }]),
    );
    expect(error.code).toBe('CRITEO_UNAVAILABLE');
    expect(t.emulator.requests.count('CreateAudienceSegments')).toBe(1);
  });

  it('an injected 429 storm is CRITEO_RATE_LIMITED after bounded retries', async () => {
    t.emulator.faults.failNext('GetCurrentApplication', { kind: 'rateLimit' }, 4);
    const error = await criteoFailure(() => t.client.getCurrentApplication());
    expect(error.code).toBe('CRITEO_RATE_LIMITED');
    expect(error.status).toBe(429);
    expect(error.criteoCode).toBe('rate-limit-exceeded');
    expect(t.emulator.requests.list('GetCurrentApplication').map((e) => e.status)).toEqual([
      429, 429, 429, 429,
    ]);
  });

  it('limit 101 is CRITEO_BAD_REQUEST pagination-limit-too-big', async () => {
    const error = await criteoFailure(() =>
      t.client.searchAudienceSegments({ advertiserIds: ['4949'] }, { limit: 101, offset: 0 }),
    );
    expect(error.code).toBe('CRITEO_BAD_REQUEST');
    expect(error.status).toBe(400);
    expect(error.criteoCode).toBe('pagination-limit-too-big');
    expect(t.emulator.requests.list('SearchAudienceSegments').map((e) => e.status)).toEqual([400]);
  });
});

describe('CriteoClient contract drift and broken responses', () => {
  const t = useEmulator();
  const search = () => t.client.searchAudienceSegments({ advertiserIds: ['4949'] }, { limit: 5, offset: 0 });

  it('schema drift is a CriteoContractError naming the operation and the path', async () => {
    t.emulator.faults.failNext('SearchAudienceSegments', { kind: 'schemaDrift' }, 1);
    const error = await criteoFailure(search);
    expect(error).toBeInstanceOf(CriteoContractError);
    if (!(error instanceof CriteoContractError)) return;
    expect(error.code).toBe('CRITEO_CONTRACT_MISMATCH');
    expect(error.path).toBe('data.0.id');
    expect(error.message).toContain('SearchAudienceSegments');
    expect(error.message).toContain('data.0.id');
    expect(error.status).toBe(200);
    expect(t.emulator.requests.count('SearchAudienceSegments')).toBe(1);
  });

  it('a truncated JSON body is a CriteoContractError saying the body is not valid JSON', async () => {
    t.emulator.faults.failNext('SearchAudienceSegments', { kind: 'malformedJson' }, 1);
    const error = await criteoFailure(search);
    expect(error).toBeInstanceOf(CriteoContractError);
    expect(error.code).toBe('CRITEO_CONTRACT_MISMATCH');
    expect(error.message).toContain('SearchAudienceSegments');
    expect(error.message).toContain('not valid JSON');
    expect(t.emulator.requests.count('SearchAudienceSegments')).toBe(1);
  });

  it('retries a reset connection on a safe call', async () => {
    t.emulator.faults.failNext('SearchAudienceSegments', { kind: 'connectionReset' }, 1);
    const result = await search();
    expect(result.items).toHaveLength(5);
    expect(t.emulator.requests.count('SearchAudienceSegments')).toBe(2);
  });

  it('reports connections reset on every attempt as CRITEO_NETWORK_ERROR', async () => {
    t.emulator.faults.failNext('SearchAudienceSegments', { kind: 'connectionReset' }, 4);
    const error = await criteoFailure(search);
    expect(error.code).toBe('CRITEO_NETWORK_ERROR');
    expect(error).not.toBeInstanceOf(CriteoContractError);
    expect(error.operation).toBe('SearchAudienceSegments');
    expect(t.emulator.requests.count('SearchAudienceSegments')).toBe(4);
    const next = await search();
    expect(next.items).toHaveLength(5);
  });

  it('re-requests a safe call when its response is lost mid-body', async () => {
    t.emulator.faults.failNext('SearchAudienceSegments', { kind: 'lostResponse' }, 1);
    expect((await search()).items).toHaveLength(5);
    // The lost call, undici's Range request for the rest (refused: a full 200 comes back), a fresh request.
    expect(t.emulator.requests.count('SearchAudienceSegments')).toBe(3);
  });

  it('a response lost mid-body on every attempt is CRITEO_NETWORK_ERROR', async () => {
    t.emulator.faults.failNext('SearchAudienceSegments', { kind: 'lostResponse' }, 10);
    const error = await criteoFailure(search);
    expect(error.code).toBe('CRITEO_NETWORK_ERROR');
    expect(error.operation).toBe('SearchAudienceSegments');
    expect(t.emulator.requests.count('SearchAudienceSegments')).toBe(4);
    t.emulator.faults.clear();
  });
});

describe.each(['omit', 'null'] as const)('CriteoClient with empty problem lists written as %s', (mode) => {
  const t = useEmulator({ emptyProblemLists: mode });

  // The emulator writes every empty `errors` / `warnings` list as `mode` says (test/contract checks
  // the wire); the client parses both and answers the same models.
  it('parses responses without problems', async () => {
    const search = await t.client.searchAudienceSegments(
      { advertiserIds: ['4949'] },
      { limit: 3, offset: 0 },
    );
    expect(ids(search.items)).toEqual(['100001', '100002', '100003']);

    const sizes = await t.client.computeAudienceSegmentSizes(['100001', '100021']);
    expect(sizes).toEqual([{ value: expect.any(Number) }, { value: expect.any(Number) }]);

    const me = await t.client.getCurrentApplication();
    expect(me?.applicationId).toBe(1001);

    // Non-empty lists are still read.
    const mixed = await t.client.computeAudienceSegmentSizes(['100001', '999999']);
    expect(mixed.map((r) => (r instanceof CriteoProblemError ? r.instance : 'size'))).toEqual([
      'size',
      '@data/1',
    ]);
  });
});

describe('deleteAudiences with a 204 answer', () => {
  let server: Server;
  let url: string;
  const received: { method: string | undefined; url: string | undefined; body: string }[] = [];

  async function readBody(request: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
    return Buffer.concat(chunks).toString('utf8');
  }

  beforeEach(async () => {
    received.length = 0;
    server = createServer((request, response) => {
      void readBody(request).then((body) => {
        received.push({ method: request.method, url: request.url, body });
        if (request.method === 'POST' && request.url === '/oauth2/token') {
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end(
            JSON.stringify({
              access_token: 'stub-token',
              token_type: 'Bearer',
              expires_in: 900,
              refresh_token: null,
            }),
          );
          return;
        }
        if (
          request.method === 'POST' &&
          request.url === `/${API_VERSION}/marketing-solutions/audiences/delete`
        ) {
          response.writeHead(204);
          response.end();
          return;
        }
        response.writeHead(404, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ errors: [{ code: 'not-found' }] }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    url = `http://127.0.0.1:${port}`;
  });

  afterEach(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('normalizes an empty 204 into the list of deleted ids', async () => {
    const client = clientFor(url);
    try {
      const result = await client.deleteAudiences(['500001', '500002']);
      expect(result.written).toEqual([{ id: '500001' }, { id: '500002' }]);
      expect(result.errors).toEqual({ items: [[], []], call: [] });
      expect(received.map((r) => `${r.method} ${r.url}`)).toEqual([
        'POST /oauth2/token',
        `POST /${API_VERSION}/marketing-solutions/audiences/delete`,
      ]);
      expect(JSON.parse(received[1]?.body ?? 'null')).toEqual({
        data: [
          { id: '500001', type: 'Audience', attributes: {} },
          { id: '500002', type: 'Audience', attributes: {} },
        ],
      });
    } finally {
      await client.close();
    }
  });
});

describe('error messages', () => {
  afterAll(() => {
    errorMessages.length = 0;
    seenTokens.clear();
  });

  it('never carry the client secret or a bearer token', () => {
    // Filled by the error tests above (vitest runs the tests of a file in order).
    expect(errorMessages.length).toBeGreaterThan(10);
    expect(seenTokens.size).toBeGreaterThan(0);
    for (const message of errorMessages) {
      expect(message).not.toContain(CLIENT_SECRET);
      expect(message).not.toMatch(/bearer/i);
      expect(message).not.toContain(JWT_PREFIX);
      for (const token of seenTokens) expect(message).not.toContain(token);
    }
  });
});
