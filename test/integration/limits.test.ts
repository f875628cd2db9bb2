import { Kind, print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ARMOR_LIMITS } from '../../src/plugins/use-armor.js';
import { MAX_ENTITY_REPRESENTATIONS } from '../../src/plugins/use-list-limits.js';
import { atPageSize100, EXAMPLE_VARIABLES, exampleDocuments } from '../support/examples.js';
import { readResponse, startTestGateway, type TestGateway } from '../support/gateway.js';
import { ADVERTISER, newContactList, uploadCsv, uploadCsvStream } from '../support/writes.js';

/** Issue 13 §4: the limits of the production configuration admit real work, and still refuse abuse. */

const UPLOAD = /* GraphQL */ `
  mutation Upload($segmentId: ID!, $file: File!) {
    addContactListIdentifiers(input: { segmentId: $segmentId, identifierType: EMAIL, csv: { file: $file, column: "email" } }) {
      ... on ContactListIdentifiersPayload {
        received validIdentifiers invalidIdentifiers chunks failedChunks { chunk } readError { code }
      }
    }
  }
`;

describe('CSV uploads', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.close());

  it('accepts a CSV of 600,000 emails (about 21 MB) and sends it as 12 calls of 50,000', async () => {
    const segmentId = newContactList(gateway, 'Six hundred thousand');
    const rows = Array.from({ length: 600_000 }, (_, i) => `customer${i}@example-shop.com,FR`);
    const csv = new Blob([`email,country\n${rows.join('\n')}\n`], { type: 'text/csv' });
    expect(csv.size).toBeGreaterThan(20_000_000);
    gateway.resetCalls();
    const result = await uploadCsv(gateway, UPLOAD, { segmentId }, csv);
    expect(result.errors).toBeUndefined();
    expect(result.data?.addContactListIdentifiers).toEqual({
      received: 600_000,
      validIdentifiers: 600_000,
      invalidIdentifiers: 0,
      chunks: 12,
      failedChunks: [],
      readError: null,
    });
    expect(gateway.calls()).toEqual({ UpdateContactListByAudienceSegment: 12 });
    const sizes = gateway.emulator.requests
      .list('UpdateContactListByAudienceSegment')
      .map(
        (entry) =>
          z
            .object({ data: z.object({ attributes: z.object({ identifiers: z.array(z.string()) }) }) })
            .parse(entry.body).data.attributes.identifiers.length,
      );
    expect(sizes).toEqual(Array.from({ length: 12 }, () => 50_000));
  });

  it('reads the file as it arrives: the first 50,000 go to Criteo while the rest is still uploading', async () => {
    const segmentId = newContactList(gateway, 'Streamed as it uploads');
    gateway.resetCalls();
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const lines = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, i) => `streamed${from + i}@example.com\n`).join('');
    async function* file() {
      yield 'email\n';
      // One row more than a chunk: the multipart parser holds back the last bytes it has (they could
      // start the closing boundary), so the 50,000th row is complete only once the next one came.
      yield lines(0, 50_001);
      // The upload pauses here until Criteo has received the first chunk.
      await released;
      yield lines(50_001, 60_000);
    }
    const upload = uploadCsvStream(gateway, UPLOAD, { segmentId }, file());
    await vi.waitFor(() => expect(gateway.calls()).toEqual({ UpdateContactListByAudienceSegment: 1 }), {
      timeout: 30_000,
    });
    release();
    const result = await upload;
    expect(result.errors).toBeUndefined();
    expect(result.data?.addContactListIdentifiers).toMatchObject({
      received: 60_000,
      chunks: 2,
      readError: null,
    });
    expect(gateway.calls()).toEqual({ UpdateContactListByAudienceSegment: 2 });
  });
});

describe('the upload limit (MAX_UPLOAD_BYTES)', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    // 1 MiB instead of the default 100 MiB, so that the test file stays small.
    gateway = await startTestGateway({ env: { MAX_UPLOAD_BYTES: '1048576' } });
  });
  afterAll(() => gateway.close());

  it('refuses a larger file with BAD_USER_INPUT naming the variable and the limit, before any call', async () => {
    const segmentId = newContactList(gateway, 'Too large');
    const csv = `email\n${Array.from({ length: 60_000 }, (_, i) => `c${i}@example.com`).join('\n')}\n`;
    expect(csv.length).toBeGreaterThan(1_048_576);
    gateway.resetCalls();
    const result = await uploadCsv(gateway, UPLOAD, { segmentId }, csv);
    expect(result.status).toBe(413);
    expect(result.data ?? null).toBeNull();
    expect(result.errors).toEqual([
      {
        message:
          'variables.file: the file is larger than the upload limit of 1048576 bytes (MAX_UPLOAD_BYTES)',
        extensions: {
          code: 'BAD_USER_INPUT',
          issues: [
            {
              path: 'variables.file',
              message: 'the file is larger than the upload limit of 1048576 bytes (MAX_UPLOAD_BYTES)',
            },
          ],
          requestId: expect.any(String),
        },
      },
    ]);
    expect(gateway.calls()).toEqual({});
  });

  it('answers an operation that never reads its file, and drains the file', async () => {
    const segmentId = newContactList(gateway, 'Never read');
    gateway.resetCalls();
    // The segment id is refused before the file is opened; the file still streams in behind it.
    const broken = UPLOAD.replace('segmentId: $segmentId', 'segmentId: "not-a-number"');
    async function* file() {
      yield 'email\n';
      for (let start = 0; start < 20_000; start += 5_000)
        yield Array.from({ length: 5_000 }, (_, i) => `unread${start + i}@example.com\n`).join('');
    }
    const result = await uploadCsvStream(gateway, broken, { segmentId }, file());
    expect(result.errors?.length).toBeGreaterThan(0);
    expect(gateway.calls()).toEqual({});
    // The gateway is not stuck on the unread part: the next request is answered.
    const next = await gateway.query('{ audienceSegment(id: "100001") { __typename } }');
    expect(next.errors).toBeUndefined();
  });

  it('cuts a file without a declared length at the limit, and reports what was sent before', async () => {
    const segmentId = newContactList(gateway, 'Chunked and too large');
    gateway.resetCalls();
    // About 2.3 MB in pieces of 10,000 rows, no Content-Length: about 33,000 rows fit in 1 MiB.
    async function* file() {
      yield 'email\n';
      for (let start = 0; start < 70_000; start += 10_000)
        yield Array.from({ length: 10_000 }, (_, i) => `customer${start + i}@example-shop.com\n`).join('');
    }
    const result = await uploadCsvStream(gateway, UPLOAD, { segmentId }, file());
    expect(result.errors).toBeUndefined();
    const payload = z
      .object({
        received: z.number(),
        validIdentifiers: z.number(),
        chunks: z.number(),
        readError: z.object({ code: z.string() }).nullable(),
      })
      .parse(result.data?.addContactListIdentifiers);
    expect(payload.readError).toEqual({ code: 'upload-too-large' });
    // What was read before the cut was sent, and says so; nothing after it.
    expect(payload.received).toBeLessThan(70_000);
    expect(payload.validIdentifiers).toBe(payload.received);
    expect(payload.chunks).toBe(Math.ceil(payload.received / 50_000));
    expect(gateway.calls()).toEqual({ UpdateContactListByAudienceSegment: payload.chunks });
  });

  it('refuses a request over the request body bound (25 MB at least) before reading it', async () => {
    const segmentId = newContactList(gateway, 'Far too large');
    gateway.resetCalls();
    const result = await uploadCsv(gateway, UPLOAD, { segmentId }, new Blob([new Uint8Array(26_000_000)]));
    expect(result.status).toBe(413);
    expect(result.errors?.map((e) => [e.message, e.extensions?.code])).toEqual([
      [
        'variables: the request is larger than the upload limit of 1048576 bytes (MAX_UPLOAD_BYTES)',
        'BAD_USER_INPUT',
      ],
    ]);
    expect(gateway.calls()).toEqual({});
  });

  it('accepts a file under the limit', async () => {
    const segmentId = newContactList(gateway, 'Small enough');
    const csv = `email\n${Array.from({ length: 50_001 }, (_, i) => `c${i}@example.com`).join('\n')}\n`;
    expect(csv.length).toBeLessThan(1_048_576);
    gateway.resetCalls();
    const result = await uploadCsv(gateway, UPLOAD, { segmentId }, csv);
    expect(result.errors).toBeUndefined();
    expect(result.data?.addContactListIdentifiers).toMatchObject({ received: 50_001, chunks: 2 });
    expect(gateway.calls()).toEqual({ UpdateContactListByAudienceSegment: 2 });
  });
});

describe('_entities', () => {
  let gateway: TestGateway;
  let ids: string[];
  beforeAll(async () => {
    gateway = await startTestGateway();
    const store = gateway.emulator.store;
    const segment = [...store.segments.values()].find(
      (s) => s.attributes.advertiserId === ADVERTISER && s.attributes.type === 'InMarket',
    );
    const existing = store.searchAudiences({ advertiserIds: [ADVERTISER] }, [ADVERTISER]).length;
    for (let i = existing; i < 1_000; i++) {
      store.addAudience({
        advertiserId: ADVERTISER,
        name: `Campaign audience ${i}`,
        description: null,
        algebra: { audienceSegmentId: segment?.id ?? '' },
        createdAt: '2025-11-01T00:00:00Z',
        updatedAt: null,
      });
    }
    ids = store.searchAudiences({ advertiserIds: [ADVERTISER] }, [ADVERTISER]).map((a) => a.id);
  });
  afterAll(() => gateway.close());

  const ENTITIES = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Audience { id name } } }';
  const representations = (list: string[]) => list.map((id) => ({ __typename: 'Audience', id }));

  it('answers 1,000 audience representations with 10 searches of 100', async () => {
    expect(ids).toHaveLength(1_000);
    gateway.resetCalls();
    const result = await gateway.query(ENTITIES, { r: representations(ids) });
    expect(result.errors).toBeUndefined();
    const entities = z.array(z.object({ id: z.string(), name: z.string() })).parse(result.data?._entities);
    expect(entities.map((e) => e.id)).toEqual(ids);
    expect(gateway.calls()).toEqual({ SearchAudiences: 10 });
  });

  it(`refuses more than ${MAX_ENTITY_REPRESENTATIONS} representations, and other lists stay at 100`, async () => {
    gateway.resetCalls();
    const tooMany = Array.from({ length: MAX_ENTITY_REPRESENTATIONS + 1 }, (_, i) => String(900_000 + i));
    const refused = await gateway.query(ENTITIES, { r: representations(tooMany) });
    expect(refused.errors?.map((e) => [e.message, e.extensions?.code])).toEqual([
      ['_entities.representations: at most 10000 items (got 10001)', 'BAD_USER_INPUT'],
    ]);
    const filter = await gateway.query('query ($ids: [ID!]) { audiences(ids: $ids) { totalCount } }', {
      ids: ids.slice(0, 101),
    });
    expect(filter.errors?.[0]?.message).toBe('audiences.ids: at most 100 items (got 101)');
    expect(gateway.calls()).toEqual({});
  });
});

describe('operation limits (cost, depth, tokens) at page size 100', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ env: { NODE_ENV: 'production' } });
  });
  afterAll(() => gateway.close());

  async function run(query: string, operationName?: string, variables: Record<string, unknown> = {}) {
    const response = await fetch(gateway.url, {
      method: 'POST',
      // Examples with @defer / @stream come as parts, merged by readResponse.
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, multipart/mixed',
      },
      body: JSON.stringify({ query, operationName, variables }),
    });
    return z
      .object({
        data: z.record(z.string(), z.unknown()).nullish(),
        errors: z
          .array(z.object({ message: z.string(), extensions: z.record(z.string(), z.unknown()).optional() }))
          .optional(),
      })
      .parse(await readResponse(response));
  }

  it('admits every example operation with first: 100', async () => {
    const examples = exampleDocuments();
    expect(examples.length).toBeGreaterThanOrEqual(8);
    const segment = [...gateway.emulator.store.segments.values()].find(
      (s) => s.attributes.advertiserId === ADVERTISER,
    );
    const refused: string[] = [];
    for (const { source, document } of examples) {
      const query = print(atPageSize100(document));
      for (const definition of document.definitions) {
        if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
        const name = definition.name?.value;
        const result = await run(query, name, { ...EXAMPLE_VARIABLES, algebra: { segmentId: segment?.id } });
        const label = `${source} ${name ?? '(anonymous)'}`;
        for (const error of result.errors ?? []) {
          const code = error.extensions?.code;
          if (code === 'GRAPHQL_VALIDATION_FAILED' || code === 'GRAPHQL_PARSE_FAILED')
            refused.push(`${label}: ${error.message}`);
        }
        if (!result.data) refused.push(`${label}: no data`);
      }
    }
    expect(refused).toEqual([]);
  });

  it('still refuses a clearly abusive operation: 30 aliased pages of 100 segments with every member', async () => {
    const node = `__typename ... on Segment { id name type createdAt updatedAt description }
      ... on InMarketSegment { country interestIds brandIds buyingPower gender priceRange }
      ... on LocationSegment { radiusInKm pointsOfInterest { name latitude longitude } }
      ... on LookalikeSegment { targetSize seedSegment { ... on Segment { id name type } } }
      ... on ContactListSegment { isReadOnly statistics { ... on ContactListStatistics { numberOfIdentifiers matchRate } } }`;
    const pages = Array.from(
      { length: 30 },
      (_, i) => `p${i}: audienceSegments(advertiserIds: ["4949"], first: 100) { edges { node { ${node} } } }`,
    );
    gateway.resetCalls();
    const result = await run(`{ ${pages.join('\n')} }`);
    expect(result.data ?? null).toBeNull();
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]?.message).toMatch(
      new RegExp(`^Query Cost limit of ${ARMOR_LIMITS.maxCost} exceeded, found \\d+\\.$`),
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(gateway.calls()).toEqual({});
  });
});
