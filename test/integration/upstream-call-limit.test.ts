import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEFAULT_MAX_UPSTREAM_CALLS } from '../../src/plugins/use-upstream-call-limit.js';
import { MAX_CSV_CHUNKS } from '../../src/schema/contact-list/upload.js';
import { atPageSize100, EXAMPLE_VARIABLES, exampleDocuments } from '../support/examples.js';
import {
  type GraphQLResponse,
  readResponse,
  startTestGateway,
  type TestGateway,
} from '../support/gateway.js';
import { ADVERTISER, demoSegment, newContactList, uploadCsv, uploadCsvStream } from '../support/writes.js';

/** Issue 14: cost counted in upstream calls, before anything runs, from the document and its variables. */

const CriteoSchema = z.object({
  estimatedCalls: z.number().int(),
  calls: z.number().int(),
  retries: z.number().int(),
  cached: z.number().int(),
  budgetRemaining: z.number().int().nullable(),
});
const criteoOf = (result: Pick<GraphQLResponse, 'extensions'>) =>
  CriteoSchema.parse(result.extensions?.criteo);

/** Every call the emulator received except token calls (they are shared by the process). */
const upstreamCalls = (gateway: TestGateway) => Object.values(gateway.calls()).reduce((sum, n) => sum + n, 0);

// The attack of the issue: armor multiplies by `first` only when it is a literal.
const ALIASED_PAGES = `query Pages($f: Int) {
  ${Array.from(
    { length: 30 },
    (_, i) => `p${i}: audienceSegments(advertiserIds: ["${ADVERTISER}"], first: $f) { edges { node {
      ... on Segment { id size { __typename } }
      ... on ContactListSegment { statistics { __typename } }
    } } }`,
  ).join('\n')}
}`;

describe('MAX_UPSTREAM_CALLS_PER_OPERATION', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ env: { NODE_ENV: 'production' } });
  });
  afterAll(() => gateway.close());

  it('refuses 30 aliased pages of $f = 100 segments with sizes and statistics, naming the figure, before any call', async () => {
    gateway.resetCalls();
    const result = await gateway.query(ALIASED_PAGES, { f: 100 });
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.map((e) => [e.message, e.extensions?.code])).toEqual([
      [
        `This operation may cost up to 3090 Criteo calls (searches 30, compute-sizes 60, statistics 3000); the limit is ${DEFAULT_MAX_UPSTREAM_CALLS} (MAX_UPSTREAM_CALLS_PER_OPERATION). Ask for smaller pages or fewer fields that call Criteo.`,
        'OPERATION_TOO_EXPENSIVE',
      ],
    ]);
    expect(result.errors?.[0]?.extensions).toMatchObject({
      estimatedCalls: 3090,
      limit: DEFAULT_MAX_UPSTREAM_CALLS,
    });
    expect(criteoOf(result)).toEqual({
      estimatedCalls: 3090,
      calls: 0,
      retries: 0,
      cached: 0,
      budgetRemaining: null,
    });
    expect(gateway.calls()).toEqual({});
  });

  it('admits a page of 50 audiences with their segments and sizes (at most 201 calls), not a page of 100', async () => {
    const PAGE = `query Editor($first: Int) {
      audiences(advertiserIds: ["${ADVERTISER}"], first: $first) { edges { node {
        id name algebraNodes { id segment { ... on Segment { name } } }
        segments { ... on Segment { id name size { __typename } } } size { __typename }
      } } }
    }`;
    gateway.resetCalls();
    const fifty = await gateway.query(PAGE, { first: 50 });
    expect(fifty.errors).toBeUndefined();
    const criteo = criteoOf(fifty);
    expect(criteo.estimatedCalls).toBe(201);
    expect(criteo.estimatedCalls).toBeLessThanOrEqual(DEFAULT_MAX_UPSTREAM_CALLS);
    expect(criteo.calls).toBeLessThanOrEqual(criteo.estimatedCalls);
    gateway.resetCalls();
    const hundred = await gateway.query(PAGE, { first: 100 });
    expect(hundred.errors?.[0]?.extensions).toMatchObject({
      code: 'OPERATION_TOO_EXPENSIVE',
      estimatedCalls: 402,
    });
    expect(gateway.calls()).toEqual({});
  });

  it('runs the same operation with $f = 1 within its estimate', async () => {
    gateway.resetCalls();
    const result = await gateway.query(ALIASED_PAGES, { f: 1 });
    expect(result.errors).toBeUndefined();
    expect(Object.keys(result.data ?? {})).toHaveLength(30);
    const criteo = criteoOf(result);
    expect(criteo.estimatedCalls).toBe(90);
    expect(criteo.calls + criteo.retries).toBe(upstreamCalls(gateway));
    expect(criteo.calls).toBeGreaterThanOrEqual(31);
    expect(criteo.calls).toBeLessThanOrEqual(criteo.estimatedCalls);
  });

  it('admits every example operation at page size 100, each within its estimate', async () => {
    const segment = demoSegment(gateway, () => true);
    const report: string[] = [];
    for (const { source, document } of exampleDocuments()) {
      const query = print(atPageSize100(document));
      for (const definition of document.definitions) {
        if (definition.kind !== 'OperationDefinition') continue;
        const name = definition.name?.value;
        gateway.resetCalls();
        const response = await fetch(gateway.url, {
          method: 'POST',
          // Examples with @defer / @stream come as parts, merged by readResponse.
          headers: {
            'content-type': 'application/json',
            accept: 'application/graphql-response+json, multipart/mixed',
          },
          body: JSON.stringify({
            query,
            operationName: name,
            variables: { ...EXAMPLE_VARIABLES, algebra: { segmentId: segment.id } },
          }),
        });
        const result = await readResponse(response);
        const criteo = criteoOf(result);
        const refused = result.errors?.some((e) => e.extensions?.code === 'OPERATION_TOO_EXPENSIVE');
        if (
          refused ||
          criteo.calls > criteo.estimatedCalls ||
          criteo.calls + criteo.retries !== upstreamCalls(gateway)
        )
          report.push(`${source} ${name}: estimated ${criteo.estimatedCalls}, made ${criteo.calls}`);
      }
    }
    expect(report).toEqual([]);
  });
});

/** Operations heavier than the examples; each makes at most the calls it was estimated at. */
const REPRESENTATIVE: Record<string, string> = {
  segmentsWithAudiences: `{ audienceSegments(advertiserIds: ["${ADVERTISER}"], first: 100) { edges { node {
    ... on Segment { id size { __typename } audiences { id size { __typename } } }
    ... on LookalikeSegment { seedSegment { ... on Segment { id size { __typename } } } }
  } } } }`,
  contactListsWithStatistics: `{ audienceSegments(advertiserIds: ["${ADVERTISER}"], types: [CONTACT_LIST], first: 100) { edges { node {
    ... on ContactListSegment { id statistics { __typename } size { __typename } }
  } } } }`,
  audiencesWithDefinitions: `{ audiences(advertiserIds: ["${ADVERTISER}"], first: 10) { totalCount edges { node {
    id size { __typename }
    segments { ... on Segment { id size { __typename } } }
    algebraNodes { segment { ... on Segment { id } } }
    algebra { ... on AlgebraAnd { and { ... on AlgebraSegment { segment { ... on Segment { name } } } } } }
  } } } }`,
  lookupsByAlias: `{ ${Array.from({ length: 20 }, (_, i) => `s${i}: audienceSegment(id: "${100_001 + i}") { ... on Segment { id size { __typename } } }`).join(' ')} }`,
  advertiserPages: `{ advertiser(id: "${ADVERTISER}") {
    audiences(first: 100) { edges { node { id segments { ... on Segment { id } } } } }
    audienceSegments(first: 100) { edges { node { ... on Segment { id } } } }
  } }`,
  entities: `{ _entities(representations: [{ __typename: "Audience", id: "500002" }, { __typename: "ContactListSegment", id: "100001" }, { __typename: "Advertiser", id: "${ADVERTISER}" }]) {
    ... on Audience { id size { __typename } } ... on Segment { id size { __typename } }
  } }`,
  createManyAcrossAdvertisers: `mutation { createAudienceSegments(input: [${Array.from(
    { length: 120 },
    (_, i) =>
      `{ advertiserId: "${i % 3 === 0 ? '99999' : ADVERTISER}", name: "Call limit ${i}", definition: { contactList: true } }`,
  ).join(' ')}]) { results { __typename ... on Segment { id size { __typename } } } } }`,
  deleteMany: `mutation { deleteAudiences(ids: [${Array.from({ length: 60 }, (_, i) => `"${800_000 + i}"`).join(' ')}]) { results { __typename } } }`,
};

describe('extensions.criteo', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
    // Enough data for full pages: 120 contact lists, and 150 audiences over them (2 result pages).
    const lists = Array.from({ length: 120 }, (_, i) => newContactList(gateway, `Call limit list ${i}`));
    for (let i = 0; i < 150; i++) {
      gateway.emulator.store.addAudience({
        advertiserId: ADVERTISER,
        name: `Call limit audience ${i}`,
        description: null,
        algebra: {
          and: [
            { audienceSegmentId: lists[i % 120] ?? '' },
            { not: { audienceSegmentId: lists[(i + 1) % 120] ?? '' } },
          ],
        },
        createdAt: '2025-11-01T00:00:00Z',
        updatedAt: null,
      });
    }
  });
  afterAll(() => gateway.close());

  for (const [name, query] of Object.entries(REPRESENTATIVE)) {
    it(`says the estimate and the calls made, the estimate never below: ${name}`, async () => {
      gateway.resetCalls();
      const result = await gateway.query(query);
      expect(result.errors?.filter((e) => e.extensions?.code === 'OPERATION_TOO_EXPENSIVE') ?? []).toEqual(
        [],
      );
      const criteo = criteoOf(result);
      expect(criteo.calls + criteo.retries).toBe(upstreamCalls(gateway));
      expect(criteo.calls).toBeGreaterThan(0);
      expect(criteo.calls).toBeLessThanOrEqual(criteo.estimatedCalls);
    });
  }

  it('counts a list of identifiers in chunks of 50,000 and a streamed CSV by its request bytes', async () => {
    const segmentId = newContactList(gateway, 'Call limit list');
    gateway.resetCalls();
    const listed = await gateway.query(
      `mutation ($ids: [String!]!) { addContactListIdentifiers(input: { segmentId: "${segmentId}", identifierType: MADID, identifiers: $ids }) { __typename } }`,
      { ids: Array.from({ length: 120_000 }, (_, i) => `madid-${i}`) },
    );
    expect(criteoOf(listed)).toEqual({
      estimatedCalls: 3,
      calls: 3,
      retries: 0,
      cached: 0,
      budgetRemaining: null,
    });
    const csv = `email\n${Array.from({ length: 50_001 }, (_, i) => `c${i}@example.com`).join('\n')}\n`;
    const uploaded = await uploadCsv(
      gateway,
      `mutation Upload($segmentId: ID!, $file: File!) { addContactListIdentifiers(input: { segmentId: $segmentId, identifierType: EMAIL, csv: { file: $file } }) { __typename } }`,
      { segmentId },
      csv,
    );
    expect(uploaded.errors).toBeUndefined();
    // Streamed, the file is counted by the request's Content-Length: one identifier per 2 bytes.
    const criteo = criteoOf(uploaded);
    expect(criteo).toMatchObject({ calls: 2, retries: 0 });
    expect(criteo.estimatedCalls).toBeGreaterThanOrEqual(Math.ceil(csv.length / 100_000));
    expect(criteo.estimatedCalls).toBeLessThanOrEqual(Math.ceil((csv.length + 10_000) / 100_000));
    // Without a Content-Length, a CSV counts as the most one upload sends: 100 calls.
    async function* rows() {
      yield 'email\n';
      yield 'someone@example.com\n';
    }
    const chunked = await uploadCsvStream(
      gateway,
      `mutation Upload($segmentId: ID!, $file: File!) { addContactListIdentifiers(input: { segmentId: $segmentId, identifierType: EMAIL, csv: { file: $file } }) { __typename } }`,
      { segmentId },
      rows(),
    );
    expect(chunked.errors).toBeUndefined();
    expect(criteoOf(chunked)).toEqual({
      estimatedCalls: MAX_CSV_CHUNKS,
      calls: 1,
      retries: 0,
      cached: 0,
      budgetRemaining: null,
    });
  });
});

describe('a lower MAX_UPSTREAM_CALLS_PER_OPERATION', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ env: { MAX_UPSTREAM_CALLS_PER_OPERATION: '2' } });
  });
  afterAll(() => gateway.close());

  it('refuses a page of audiences with their sizes (3 calls) and runs the page alone (1)', async () => {
    gateway.resetCalls();
    const sized = await gateway.query(
      `{ audiences(first: 100) { edges { node { id size { __typename } } } } }`,
    );
    expect(sized.errors?.[0]?.message).toMatch(
      /^This operation may cost up to 3 Criteo calls \(searches 1, compute-sizes 2\); the limit is 2 /,
    );
    expect(gateway.calls()).toEqual({});
    const bare = await gateway.query(`{ audiences(first: 100) { edges { node { id } } } }`);
    expect(bare.errors).toBeUndefined();
    expect(criteoOf(bare)).toEqual({
      estimatedCalls: 1,
      calls: 1,
      retries: 0,
      cached: 0,
      budgetRemaining: null,
    });
  });
});

describe('Segment.audiences', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.close());

  it('reads at most 10 pages per batch of segments, and says so on the field beyond 1,000 audiences', async () => {
    const segmentId = newContactList(gateway, 'Used by very many');
    for (let i = 0; i < 1_001; i++) {
      gateway.emulator.store.addAudience({
        advertiserId: ADVERTISER,
        name: `Very many ${i}`,
        description: null,
        algebra: { audienceSegmentId: segmentId },
        createdAt: '2025-11-01T00:00:00Z',
        updatedAt: null,
      });
    }
    gateway.resetCalls();
    const result = await gateway.query(
      `{ audienceSegment(id: "${segmentId}") { ... on Segment { id audiences { id } } } }`,
    );
    expect(result.data).toEqual({ audienceSegment: { id: segmentId, audiences: null } });
    expect(result.errors?.map((e) => [e.path, e.extensions?.code, e.message])).toEqual([
      [
        ['audienceSegment', 'audiences'],
        'TOO_MANY_RESULTS',
        'audiences: more than 1000 audiences use these segments; read them with audiences(segmentIds:) page by page, or ask for fewer segments at once',
      ],
    ]);
    expect(gateway.calls()).toEqual({ SearchAudienceSegments: 1, SearchAudiences: 10 });
    expect(criteoOf(result)).toEqual({
      estimatedCalls: 11,
      calls: 11,
      retries: 0,
      cached: 0,
      budgetRemaining: null,
    });
  });
});
