import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type GraphQLResponse, startTestGateway, type TestGateway } from '../support/gateway.js';
import { ADVERTISER, demoSegment, newContactList } from '../support/writes.js';

// The read cache as `npm start` builds it (CACHE_TTL_SECONDS at its default of 30, in the process):
// the harness turns it off for every other test, so these turn it back on through `env`.

const CriteoSchema = z.object({
  calls: z.number().int(),
  retries: z.number().int(),
  cached: z.number().int(),
  budgetRemaining: z.number().int().nullable(),
});
const criteoOf = (result: GraphQLResponse) => CriteoSchema.parse(result.extensions?.criteo);

const PAGE = /* GraphQL */ `
  query Page($first: Int!) {
    audienceSegments(first: $first, advertiserIds: ["${ADVERTISER}"]) {
      edges {
        node { ... on Segment { id name size { ... on AudienceSize { value } ... on CriteoProblem { code } } } }
      }
    }
  }
`;
const SEGMENT = /* GraphQL */ `
  query Segment($id: ID!) { audienceSegment(id: $id) { ... on Segment { id name } } }
`;
const AUDIENCES = /* GraphQL */ `{ audiences(first: 5) { edges { node { id name } } } }`;
const RENAME = /* GraphQL */ `
  mutation Rename($id: ID!, $name: String!) {
    updateAudienceSegments(input: [{ id: $id, name: $name }]) {
      results { __typename ... on Segment { name } }
    }
  }
`;
const LIST = /* GraphQL */ `
  query List($id: ID!) {
    audienceSegment(id: $id) {
      ... on ContactListSegment {
        size { ... on AudienceSize { value } ... on CriteoProblem { code } }
        statistics { ... on ContactListStatistics { numberOfIdentifiers } }
      }
    }
  }
`;
const ADD = /* GraphQL */ `
  mutation Add($input: ContactListIdentifiersInput!) { addContactListIdentifiers(input: $input) { __typename } }
`;

const segmentName = (result: GraphQLResponse) =>
  z.object({ audienceSegment: z.object({ name: z.string() }) }).parse(result.data).audienceSegment.name;

describe('read cache (CACHE_TTL_SECONDS, in the process)', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({
      env: { CACHE_TTL_SECONDS: '30', CRITEO_RATE_LIMIT_PER_MINUTE: '250' },
    });
  });
  afterAll(() => gateway.close());
  beforeEach(() => gateway.resetCalls());
  afterEach(() => gateway.emulator.faults.clear());

  it('answers the same page again without a call, says so in extensions.criteo, and spends no budget', async () => {
    const first = await gateway.query(PAGE, { first: 20 });
    expect(first.errors).toBeUndefined();
    expect(criteoOf(first)).toMatchObject({ calls: 2, cached: 0 });
    const { budgetRemaining } = criteoOf(first);
    expect(budgetRemaining).not.toBeNull();
    expect(budgetRemaining).toBeLessThanOrEqual(250 - 2);

    const again = await gateway.query(PAGE, { first: 20 });
    expect(again.data).toEqual(first.data);
    expect(criteoOf(again)).toEqual({ calls: 0, retries: 0, cached: 2, budgetRemaining });
    expect(gateway.calls()).toEqual({ SearchAudienceSegments: 1, ComputeAudienceSegmentsSizes: 1 });
  });

  it('makes what a write changed stale before the mutation answers, and keeps the rest', async () => {
    const segment = demoSegment(gateway, (s) => s.attributes.type === 'Prospecting');
    const before = await gateway.query(SEGMENT, { id: segment.id });
    await gateway.query(AUDIENCES);
    expect(criteoOf(await gateway.query(SEGMENT, { id: segment.id })).cached).toBe(1);

    const renamed = await gateway.query(RENAME, { id: segment.id, name: `${segmentName(before)} (renamed)` });
    expect(renamed.errors).toBeUndefined();
    const after = await gateway.query(SEGMENT, { id: segment.id });
    expect(segmentName(after)).toBe(`${segmentName(before)} (renamed)`);
    expect(criteoOf(after)).toMatchObject({ calls: 1, cached: 0 });

    // Audiences do not depend on a segment's name: their page is still answered from the cache.
    expect(criteoOf(await gateway.query(AUDIENCES))).toMatchObject({ calls: 0, cached: 1 });
    expect(gateway.calls()).toEqual({
      SearchAudienceSegments: 2,
      SearchAudiences: 1,
      UpdateAudienceSegments: 1,
    });
  });

  it("makes a contact list's size and statistics stale when identifiers are added", async () => {
    const id = newContactList(gateway, 'Cache: newsletter');
    const read = async () => {
      const result = await gateway.query(LIST, { id });
      expect(result.errors).toBeUndefined();
      return result;
    };
    const empty = await read();
    expect(criteoOf(await read())).toMatchObject({ calls: 0 });

    const added = await gateway.query(ADD, {
      input: {
        segmentId: id,
        identifierType: 'EMAIL',
        identifiers: ['a@example.com', 'b@example.com', 'c@example.com'],
      },
    });
    expect(added.errors).toBeUndefined();
    const filled = await read();
    expect(criteoOf(filled).calls).toBeGreaterThan(0);
    expect(filled.data).not.toEqual(empty.data);
    expect(filled.data).toMatchObject({ audienceSegment: { statistics: { numberOfIdentifiers: 3 } } });
  });

  it('makes the audiences an ad set is linked to stale', async () => {
    const audience = [...gateway.emulator.store.audiences.values()].find(
      (a) => a.attributes.advertiserId === ADVERTISER,
    );
    if (!audience) throw new Error('a demo audience');
    const read = () =>
      gateway.query(`query($id: ID!) { audience(id: $id) { adSetIds } }`, { id: audience.id });
    await read();
    expect(criteoOf(await read())).toMatchObject({ calls: 0, cached: 1 });
    const linked = await gateway.query(
      `mutation($adSetId: ID!, $id: ID!) { setAdSetAudience(adSetId: $adSetId, audienceId: $id) { __typename } }`,
      { adSetId: '494901', id: audience.id },
    );
    expect(linked.data).toEqual({ setAdSetAudience: { __typename: 'AdSetAudience' } });
    const after = await read();
    expect(after.data).toEqual({ audience: { adSetIds: expect.arrayContaining(['494901']) } });
    expect(criteoOf(after)).toMatchObject({ calls: 1, cached: 0 });
  });

  it('makes what a write touched stale even when its answer was lost on the way back', async () => {
    const segment = demoSegment(gateway, (s) => s.attributes.type === 'Retargeting');
    await gateway.query(SEGMENT, { id: segment.id });
    gateway.emulator.faults.failNext('UpdateAudienceSegments', { kind: 'lostResponse' });
    const renamed = await gateway.query(RENAME, { id: segment.id, name: 'Renamed, answer lost' });
    // Criteo applied it; the gateway cannot know, and answers the item as a problem.
    expect(renamed.data).toEqual({ updateAudienceSegments: { results: [{ __typename: 'CriteoProblem' }] } });
    const after = await gateway.query(SEGMENT, { id: segment.id });
    expect(segmentName(after)).toBe('Renamed, answer lost');
    expect(criteoOf(after)).toMatchObject({ calls: 1, cached: 0 });
  });

  it('lets identical reads of concurrent requests share one upstream call', async () => {
    gateway.emulator.faults.set('SearchAudienceSegments', { latencyMs: 300 });
    const query = `{ audienceSegments(first: 7) { edges { node { ... on Segment { id } } } } }`;
    const results = await Promise.all(Array.from({ length: 5 }, () => gateway.query(query)));
    for (const result of results) {
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual(results[0]?.data);
    }
    expect(gateway.calls()).toEqual({ SearchAudienceSegments: 1 });
    const counts = results.map(criteoOf);
    expect(counts.reduce((sum, c) => sum + c.calls, 0)).toBe(1);
    expect(counts.reduce((sum, c) => sum + c.cached, 0)).toBe(4);
    const metrics = await (await fetch(new URL('/metrics', gateway.url))).text();
    expect(Number(/^criteo_read_cache_total\{result="shared"\} (\d+)$/m.exec(metrics)?.[1])).toBe(4);
    expect(Number(/^criteo_read_cache_total\{result="hit"\} (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThan(0);
  });

  it('never answers a read that starts after a write with a call that started before it', async () => {
    const segment = demoSegment(gateway, (s) => s.attributes.type === 'Lookalike');
    gateway.emulator.faults.set('SearchAudienceSegments', { latencyMs: 400 });
    const early = gateway.query(SEGMENT, { id: segment.id });
    // A sync point: the early read has reached Criteo and waits there.
    while (gateway.emulator.requests.count('SearchAudienceSegments') === 0) await sleep(5);

    const renamed = await gateway.query(RENAME, { id: segment.id, name: 'Renamed while read' });
    expect(renamed.errors).toBeUndefined();
    const late = await gateway.query(SEGMENT, { id: segment.id });
    expect(segmentName(late)).toBe('Renamed while read');
    expect(criteoOf(late)).toMatchObject({ calls: 1, cached: 0 });
    await early;
    expect(gateway.calls()).toMatchObject({ SearchAudienceSegments: 2 });
    // And the early answer, stored after the write, is not served either.
    expect(segmentName(await gateway.query(SEGMENT, { id: segment.id }))).toBe('Renamed while read');
  });
});

describe('read cache lifetime', () => {
  let gateway: TestGateway | undefined;
  afterEach(() => gateway?.close());

  it('forgets an answer after CACHE_TTL_SECONDS', async () => {
    gateway = await startTestGateway({ env: { CACHE_TTL_SECONDS: '1' } });
    await gateway.query(AUDIENCES);
    expect(criteoOf(await gateway.query(AUDIENCES))).toMatchObject({ calls: 0, cached: 1 });
    await sleep(1_100);
    expect(criteoOf(await gateway.query(AUDIENCES))).toMatchObject({ calls: 1, cached: 0 });
  });

  it('caches nothing with CACHE_TTL_SECONDS=0', async () => {
    gateway = await startTestGateway({ env: { CACHE_TTL_SECONDS: '0' } });
    await gateway.query(AUDIENCES);
    expect(criteoOf(await gateway.query(AUDIENCES))).toMatchObject({ calls: 1, cached: 0 });
    expect(gateway.calls()).toEqual({ SearchAudiences: 2 });
  });
});
