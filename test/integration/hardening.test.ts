import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type RunningGateway, startGateway } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { type Emulator, startEmulator } from '../../src/emulator/server.js';
import { ARMOR_LIMITS } from '../../src/plugins/use-armor.js';

const ResultSchema = z.object({
  data: z.unknown().optional(),
  errors: z
    .array(z.object({ message: z.string(), extensions: z.record(z.string(), z.unknown()).optional() }))
    .optional(),
});

interface Harness {
  emulator: Emulator;
  gateway: RunningGateway;
  /** POSTs JSON to /graphql. */
  post(
    body: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: z.infer<typeof ResultSchema> }>;
  /** Upstream calls since the last `reset()`, token requests left out. */
  calls(): Record<string, number>;
  reset(): void;
  close(): Promise<void>;
}

async function startHarness(env: Record<string, string> = {}): Promise<Harness> {
  const emulator = await startEmulator({ rateLimit: false });
  const gateway = await startGateway(
    loadConfig({
      CRITEO_API_URL: emulator.url,
      CRITEO_CLIENT_ID: 'demo-client-id',
      CRITEO_CLIENT_SECRET: 'demo-client-secret',
      PORT: '0',
      LOG_LEVEL: 'silent',
      ...env,
    }),
    { host: '127.0.0.1' },
  );
  return {
    emulator,
    gateway,
    async post(body, headers = {}) {
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: ResultSchema.parse(await response.json()) };
    },
    calls() {
      const counts = emulator.requests.countsByOperation();
      delete counts.OAuthToken;
      return counts;
    },
    reset: () => emulator.requests.clear(),
    async close() {
      await gateway.stop();
      await emulator.close();
    },
  };
}

/** A page of 100 audiences with their segments and both sizes (cost 1,800). */
const page = (alias: string) =>
  `${alias}: audiences(advertiserIds: ["4949"], first: 100) { edges { node { id segments { ... on Segment { id size { __typename } } } size { __typename } } } }`;

/** Algebra nested `levels` AND nodes deep under a page of audiences: `levels + 5` fields deep. */
function deepAlgebra(levels: number): string {
  let selection = '__typename';
  for (let i = 0; i < levels; i++) selection = `__typename ... on AlgebraAnd { and { ${selection} } }`;
  return `{ audiences(advertiserIds: ["4949"], first: 1) { edges { node { algebra { ${selection} } } } } }`;
}

describe('graphql-armor limits', () => {
  let h: Harness;
  beforeAll(async () => {
    // Armor's limits alone: the upstream-calls limit refuses the ten pages below by default (they may
    // cost 4,020 calls: 1,000 audiences of up to 100 segments each), see upstream-call-limit.test.ts.
    h = await startHarness({ NODE_ENV: 'production', MAX_UPSTREAM_CALLS_PER_OPERATION: '1000000' });
  });
  afterAll(() => h.close());
  beforeEach(() => h.reset());

  /** The rejection reaches the client as is (not masked), with the request id, and nothing ran. */
  async function expectRejected(query: string, message: RegExp, code = 'GRAPHQL_VALIDATION_FAILED') {
    const { body } = await h.post({ query });
    expect(body.data ?? null).toBeNull();
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0]?.message).toMatch(message);
    expect(body.errors?.[0]?.message).not.toBe('Unexpected error.');
    expect(body.errors?.[0]?.extensions).toEqual({ code, requestId: expect.any(String) });
    expect(h.calls()).toEqual({});
  }

  it('documents the limits it enforces', () => {
    expect(ARMOR_LIMITS).toEqual({
      maxDepth: 12,
      maxCost: 50_000,
      maxAliases: 30,
      maxTokens: 5_000,
      maxDirectives: 50,
    });
  });

  it('lets Relay pages through: ten pages of 100 audiences with segments and sizes, 12 levels of algebra', async () => {
    const pages = await h.post({
      query: `{ ${Array.from({ length: 10 }, (_, i) => page(`p${i}`)).join(' ')} }`,
    });
    expect(pages.body.errors).toBeUndefined();
    const deep = await h.post({ query: deepAlgebra(7) });
    expect(deep.body.errors).toBeUndefined();
  });

  it('rejects an operation deeper than 12 fields, naming the limit and the depth', async () => {
    await expectRejected(deepAlgebra(8), /^Query depth limit of 12 exceeded, found 13\.$/);
  });

  it('rejects an operation costing more than 50,000', async () => {
    await expectRejected(
      `{ ${Array.from({ length: 28 }, (_, i) => page(`p${i}`)).join(' ')} }`,
      /^Query Cost limit of 50000 exceeded, found 50400\.$/,
    );
  });

  it('rejects more than 30 aliases', async () => {
    const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: me { name }`).join(' ');
    await expectRejected(`{ ${aliases} }`, /Aliases limit of 30 exceeded, found 31/);
  });

  it('rejects more than 5,000 tokens (a long literal list included)', async () => {
    const ids = Array.from({ length: 5_000 }, (_, i) => `"${i}"`).join(',');
    await expectRejected(
      `{ audienceSegments(ids: [${ids}]) { totalCount } }`,
      /Token limit of 5000 exceeded/,
      'GRAPHQL_PARSE_FAILED',
    );
  });

  it('rejects more than 50 directives', async () => {
    const names = Array.from({ length: 51 }, () => 'name @include(if: true)').join(' ');
    await expectRejected(`{ me { ${names} } }`, /Directives limit of 50 exceeded, found 51/);
  });
});

describe('list arguments', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());
  beforeEach(() => h.reset());

  const ids = (n: number) => Array.from({ length: n }, (_, i) => String(100_001 + i));

  it('a filter of 101 ids is BAD_USER_INPUT naming the argument, with no upstream call', async () => {
    const { body } = await h.post({
      query: 'query ($ids: [ID!]) { audienceSegments(ids: $ids, first: 10) { totalCount } }',
      variables: { ids: ids(101) },
    });
    expect(body).toEqual({
      errors: [
        {
          message: 'audienceSegments.ids: at most 100 items (got 101)',
          extensions: {
            code: 'BAD_USER_INPUT',
            issues: [{ path: 'audienceSegments.ids', message: 'at most 100 items (got 101)' }],
            requestId: expect.any(String),
          },
        },
      ],
    });
    expect(h.calls()).toEqual({});
  });

  it('checks literal lists and every list argument of the operation', async () => {
    const advertisers = Array.from({ length: 150 }, (_, i) => `"${i}"`).join(',');
    const { body } = await h.post({
      query: `{ audiences(advertiserIds: [${advertisers}], first: 1) { totalCount } }`,
    });
    expect(body.errors?.[0]?.message).toBe('audiences.advertiserIds: at most 100 items (got 150)');
    expect(h.calls()).toEqual({});
  });

  it('runs a filter of exactly 100 ids', async () => {
    const { body } = await h.post({
      query: 'query ($ids: [ID!]) { audienceSegments(ids: $ids, first: 100) { totalCount } }',
      variables: { ids: ids(100) },
    });
    expect(body.errors).toBeUndefined();
    expect(h.calls()).toEqual({ SearchAudienceSegments: 1 });
  });
});

describe('CSRF prevention', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('refuses a GET without the CSRF header and serves it with the header', async () => {
    const url = `${h.gateway.url}?query=${encodeURIComponent('{ __typename }')}`;
    const refused = await fetch(url, { headers: { accept: 'application/json' } });
    expect(refused.status).toBe(403);
    expect(ResultSchema.parse(await refused.json()).errors?.[0]?.message).toBe(
      'Required CSRF header(s) not present',
    );
    const served = await fetch(url, { headers: { accept: 'application/json', 'x-graphql-yoga-csrf': '1' } });
    expect(served.status).toBe(200);
    expect(await served.json()).toEqual({
      data: { __typename: 'Query' },
      // This gateway keeps the production budget: nothing was spent, all 250 calls remain.
      extensions: { criteo: { estimatedCalls: 0, calls: 0, retries: 0, cached: 0, budgetRemaining: 250 } },
    });
  });

  it('refuses a multipart POST a foreign page could send, and accepts JSON', async () => {
    const form = new FormData();
    form.set('operations', JSON.stringify({ query: '{ __typename }' }));
    form.set('map', '{}');
    const refused = await fetch(h.gateway.url, { method: 'POST', body: form });
    expect(refused.status).toBe(403);
    await refused.body?.cancel();
    expect((await h.post({ query: '{ __typename }' })).status).toBe(200);
  });
});

describe('introspection and GraphiQL per environment', () => {
  const INTROSPECTION = '{ __schema { queryType { name } } }';
  const graphiqlPage = async (h: Harness) =>
    (await (await fetch(h.gateway.url, { headers: { accept: 'text/html' } })).text()).includes(
      'Criteo Audience GraphQL',
    );

  it('NODE_ENV=production: no introspection, no GraphiQL, no field suggestions', async () => {
    const h = await startHarness({ NODE_ENV: 'production' });
    try {
      const { body } = await h.post({ query: INTROSPECTION });
      expect(body.errors?.[0]?.message).toMatch(/introspection has been disabled/);
      expect((await h.post({ query: '{ __typename }' })).body).toEqual({ data: { __typename: 'Query' } });
      const typo = await h.post({ query: '{ mee { name } }' });
      expect(typo.body.errors?.[0]?.message).not.toMatch(/Did you mean/);
      expect(await graphiqlPage(h)).toBe(false);
    } finally {
      await h.close();
    }
  });

  it('by default (development): introspection, GraphiQL and suggestions', async () => {
    const h = await startHarness();
    try {
      expect((await h.post({ query: INTROSPECTION })).body).toEqual({
        data: { __schema: { queryType: { name: 'Query' } } },
      });
      const typo = await h.post({ query: '{ mee { name } }' });
      expect(typo.body.errors?.[0]?.message).toMatch(/Did you mean "me"/);
      expect(await graphiqlPage(h)).toBe(true);
    } finally {
      await h.close();
    }
  });

  it('INTROSPECTION and GRAPHIQL override the production defaults', async () => {
    const h = await startHarness({ NODE_ENV: 'production', INTROSPECTION: 'true', GRAPHIQL: 'true' });
    try {
      expect((await h.post({ query: INTROSPECTION })).body.errors).toBeUndefined();
      expect(await graphiqlPage(h)).toBe(true);
    } finally {
      await h.close();
    }
  });
});

describe('persisted operations (PERSISTED_OPERATIONS_FILE)', () => {
  let dir: string;
  let h: Harness;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'allow-list-'));
    const file = join(dir, 'operations.json');
    await writeFile(file, JSON.stringify({ 'me-v1': 'query Me { me { name } }' }));
    h = await startHarness({ PERSISTED_OPERATIONS_FILE: file, NODE_ENV: 'production' });
  });
  afterAll(async () => {
    await h.close();
    await rm(dir, { recursive: true });
  });
  beforeEach(() => h.reset());

  it('runs an allow-listed operation by documentId or by the Apollo persisted-query hash', async () => {
    const expected = { data: { me: { name: 'Demo application' } } };
    expect((await h.post({ documentId: 'me-v1' })).body).toEqual(expected);
    expect(
      (await h.post({ extensions: { persistedQuery: { version: 1, sha256Hash: 'me-v1' } } })).body,
    ).toEqual(expected);
    expect(h.calls()).toEqual({ GetCurrentApplication: 2 });
  });

  it('refuses a query text and an unknown id, before any upstream call', async () => {
    const text = await h.post({ query: 'query Me { me { name } }' });
    expect(text.status).toBe(400);
    expect(text.body.errors?.[0]?.extensions).toMatchObject({ code: 'PERSISTED_QUERY_ONLY' });
    const unknown = await h.post({ documentId: 'not-listed' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors?.[0]?.extensions).toMatchObject({ code: 'PERSISTED_QUERY_NOT_FOUND' });
    expect(h.calls()).toEqual({});
  });

  it('a file that does not parse stops the start, naming the variable', async () => {
    const broken = join(dir, 'broken.json');
    await writeFile(broken, JSON.stringify({ bad: 'query {' }));
    const emulator = await startEmulator({ rateLimit: false });
    try {
      await expect(
        startGateway(
          loadConfig({
            CRITEO_API_URL: emulator.url,
            CRITEO_CLIENT_ID: 'demo-client-id',
            CRITEO_CLIENT_SECRET: 'demo-client-secret',
            PORT: '0',
            LOG_LEVEL: 'silent',
            PERSISTED_OPERATIONS_FILE: broken,
          }),
        ),
      ).rejects.toThrow(/PERSISTED_OPERATIONS_FILE: operation bad does not parse/);
    } finally {
      await emulator.close();
    }
  });
});
