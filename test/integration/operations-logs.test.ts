// Over 250 lines: one run's whole log (what it holds and never holds), error responses, and the redaction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type RunningGateway, startGateway } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createCriteoClient } from '../../src/criteo/client.js';
import { type Emulator, startEmulator } from '../../src/emulator/server.js';
import { createLogger } from '../../src/observability/logger.js';
import { createGateway } from '../../src/server.js';
import { startTestGateway } from '../support/gateway.js';

/** A pino destination that keeps every line written. */
class LogCapture {
  readonly lines: string[] = [];
  write(line: string) {
    this.lines.push(line);
  }
  get text() {
    return this.lines.join('');
  }
  entries(): Record<string, unknown>[] {
    return this.text
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => z.record(z.string(), z.unknown()).parse(JSON.parse(line)));
  }
}

const SECRET = 'demo-client-secret';
const EMAILS = ['alice@example.com', 'bob@example.org', 'carol@example.net'];

const ErrorsSchema = z.object({
  data: z.unknown(),
  errors: z
    .array(z.object({ message: z.string(), extensions: z.record(z.string(), z.unknown()) }))
    .optional(),
});

/** Every response body of the run, searched for leaks like the logs. */
const responses: string[] = [];

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  responses.push(text);
  return { response, result: ErrorsSchema.parse(JSON.parse(text)) };
}

describe('structured logs of a run', () => {
  const capture = new LogCapture();
  let emulator: Emulator;
  let gateway: RunningGateway;
  let token: string;
  let segmentId: string;

  beforeAll(async () => {
    emulator = await startEmulator({ rateLimit: false });
    segmentId = emulator.store.addSegment(
      {
        advertiserId: '4949',
        name: 'Log test list',
        description: null,
        type: 'ContactList',
        createdAt: '2025-11-01T00:00:00Z',
        updatedAt: null,
        contactList: { isReadOnly: false },
      },
      { identifiers: new Set(), syntheticCount: 0, identifierType: null },
    ).id;
    // A real bearer token of the emulator, sent to the gateway as a client would.
    const tokenResponse = await fetch(`${emulator.url}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: 'demo-client-id',
        client_secret: SECRET,
      }).toString(),
    });
    token = z.object({ access_token: z.string() }).parse(await tokenResponse.json()).access_token;

    gateway = await startGateway(
      loadConfig({
        CRITEO_API_URL: emulator.url,
        CRITEO_CLIENT_ID: 'demo-client-id',
        CRITEO_CLIENT_SECRET: SECRET,
        PORT: '0',
        LOG_LEVEL: 'trace',
      }),
      { host: '127.0.0.1', logDestination: capture },
    );

    // What a run does: reads with credentials in the request headers, contact identifiers as
    // variables and as literals, an upstream failure, then a shutdown.
    await post(
      gateway.url,
      { query: '{ audienceSegments(advertiserIds: ["4949"], first: 3) { totalCount } }' },
      { authorization: `Bearer ${token}`, cookie: `session=${token}`, 'x-request-id': 'client-request-1' },
    );
    const add = await post(gateway.url, {
      query: /* GraphQL */ `
        mutation Add($input: ContactListIdentifiersInput!) {
          addContactListIdentifiers(input: $input) { ... on ContactListIdentifiersPayload { received validIdentifiers } }
        }
      `,
      variables: { input: { segmentId, identifierType: 'EMAIL', identifiers: EMAILS.slice(0, 2) } },
    });
    expect(add.result.errors).toBeUndefined();
    const literal = await post(gateway.url, {
      query: `mutation { addContactListIdentifiers(input: { segmentId: "${segmentId}", identifierType: EMAIL, identifiers: ["${EMAILS[2]}"] }) { __typename } }`,
    });
    expect(literal.result.errors).toBeUndefined();
    await post(gateway.url, {
      query: '{ audienceSegments(advertiserIds: ["7070"], first: 1) { totalCount } }',
    });
    await gateway.stop();

    // A gateway whose secret Criteo refuses: its failures are logged too.
    const refused = await startGateway(
      loadConfig({
        CRITEO_API_URL: emulator.url,
        CRITEO_CLIENT_ID: 'demo-client-id',
        CRITEO_CLIENT_SECRET: 'wrong-secret-4f9a1c',
        PORT: '0',
        LOG_LEVEL: 'trace',
      }),
      { host: '127.0.0.1', logDestination: capture },
    );
    const failed = await post(refused.url, { query: '{ me { name } }' });
    expect(failed.result.errors?.[0]?.extensions.code).toBe('CRITEO_AUTH_FAILED');
    await fetch(refused.url.replace(/\/graphql$/, '/ready'));
    await refused.stop();
  });
  afterAll(() => emulator.close());

  it('never contains the client secret, a bearer token or a contact identifier', () => {
    const text = capture.text;
    expect(capture.lines.length).toBeGreaterThan(20);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('wrong-secret-4f9a1c');
    expect(text).not.toContain(token);
    expect(text).not.toMatch(/eyJ[\w-]{10,}/);
    expect(text).not.toMatch(/bearer (?!\[REDACTED\])/i);
    for (const email of EMAILS) expect(text).not.toContain(email);
    expect(text).not.toContain('example.');
    expect(text).not.toContain('demo-client-id');
  });

  it('never returns the secret, the client id, a token or a contact identifier in a response body', () => {
    const bodies = responses.join('\n');
    expect(responses.length).toBeGreaterThanOrEqual(5);
    for (const leak of [SECRET, 'wrong-secret-4f9a1c', 'demo-client-id', token, ...EMAILS])
      expect(bodies).not.toContain(leak);
    expect(bodies).not.toMatch(/eyJ[\w-]{10,}/);
  });

  it('writes the request headers at debug level with authorization and cookie redacted', () => {
    const request = capture
      .entries()
      .find((entry) => entry.msg === 'request' && entry.requestId === 'client-request-1');
    expect(request?.headers).toMatchObject({ authorization: '[REDACTED]', cookie: '[REDACTED]' });
  });

  it('logs neither the document nor the variables', () => {
    expect(capture.text).not.toContain('addContactListIdentifiers');
    expect(capture.text).not.toContain('"variables"');
    expect(capture.text).not.toContain(segmentId);
  });

  it('puts a request id on every line written while serving a request', () => {
    const entries = capture.entries();
    const duringRequests = entries.filter((e) =>
      ['request', 'request served', 'upstream call'].includes(String(e.msg)),
    );
    expect(duringRequests.length).toBeGreaterThan(10);
    for (const entry of duringRequests) expect(entry.requestId).toEqual(expect.any(String));
    // The caller's id is kept: its request and its upstream calls carry it.
    const mine = entries.filter((e) => e.requestId === 'client-request-1').map((e) => e.msg);
    expect(mine).toEqual(expect.arrayContaining(['request', 'upstream call', 'request served']));
    // The upstream failure is a structured warning under its request's id.
    const forbidden = entries.find((e) => e.code === 'CRITEO_FORBIDDEN' && e.level === 'warn');
    expect(forbidden).toMatchObject({
      operation: 'SearchAudienceSegments',
      status: 403,
      criteoCode: expect.any(String),
    });
    expect(forbidden?.requestId).toEqual(expect.any(String));
    for (const entry of entries)
      expect(entry).toMatchObject({ level: expect.any(String), time: expect.any(String) });
  });
});

describe('error responses', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ rateLimit: false });
  });
  afterAll(() => emulator.close());

  // An explicit exception to "test what runs": a bug needs a broken client, which only
  // createGateway accepts; the masking and logging plugins under test are the production ones.
  it('a bug is "Unexpected error." with the request id, logged with its stack under that id', async () => {
    const capture = new LogCapture();
    const criteo = createCriteoClient({
      apiUrl: emulator.url,
      apiVersion: emulator.version,
      auth: { credentials: { clientId: 'demo-client-id', clientSecret: SECRET } },
    });
    const broken: typeof criteo = {
      ...criteo,
      forRequest: (scope) => ({
        ...criteo.forRequest(scope),
        getCurrentApplication: () => Promise.reject(new TypeError(`cannot read the name of ${EMAILS[0]}`)),
      }),
    };
    const yoga = createGateway({
      criteo: broken,
      observability: { logger: createLogger({ level: 'info', destination: capture }) },
    });
    try {
      const response = await yoga.fetch('http://gateway/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ me { name } }' }),
      });
      const requestId = response.headers.get('x-request-id');
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
      const body = ErrorsSchema.parse(await response.json());
      expect(body.errors).toEqual([
        expect.objectContaining({
          message: 'Unexpected error.',
          extensions: expect.objectContaining({ requestId }),
        }),
      ]);
      expect(JSON.stringify(body)).not.toContain('TypeError');

      const logged = capture.entries().find((e) => e.level === 'error');
      expect(logged).toMatchObject({
        requestId,
        path: 'me',
        msg: 'unexpected error (masked for the client)',
      });
      expect(JSON.stringify(logged?.err)).toContain('TypeError: cannot read the name of [REDACTED]');
      expect(capture.text).not.toContain(EMAILS[0]);
    } finally {
      await criteo.close();
    }
  });

  it('a client-visible error carries the request id of the response header', async () => {
    const gateway = await startTestGateway();
    const post = (body: unknown, requestId: string) =>
      fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': requestId },
        body: JSON.stringify(body),
      });
    try {
      const response = await post(
        { query: '{ audienceSegments(advertiserIds: ["7070"], first: 1) { totalCount } }' },
        'abc-123',
      );
      expect(response.headers.get('x-request-id')).toBe('abc-123');
      const body = ErrorsSchema.parse(await response.json());
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'CRITEO_FORBIDDEN', requestId: 'abc-123' });

      // An id that does not look like one is replaced, not echoed.
      const odd = await post({ query: '{ __typename }' }, 'a b <script>');
      expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await gateway.close();
    }
  });
});

describe('createLogger', () => {
  it('redacts credentials and identifiers by field, and tokens, e-mails and secrets anywhere', () => {
    const capture = new LogCapture();
    const logger = createLogger({ level: 'info', destination: capture, secrets: ['s3cr3t-value'] });
    logger.info(
      {
        headers: { authorization: 'Bearer abc.def', cookie: 'session=1', accept: 'application/json' },
        body: { client_secret: 'x', access_token: 'y', identifiers: ['a@b.co'] },
        variables: { input: { identifiers: ['z'] } },
        note: `token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl for ${EMAILS[1]} with s3cr3t-value`,
      },
      'everything at once',
    );
    const [entry] = capture.entries();
    expect(entry).toMatchObject({
      headers: { authorization: '[REDACTED]', cookie: '[REDACTED]', accept: 'application/json' },
      body: { client_secret: '[REDACTED]', access_token: '[REDACTED]', identifiers: '[REDACTED]' },
      variables: '[REDACTED]',
      note: 'token [REDACTED] for [REDACTED] with [REDACTED]',
    });
  });
});
