import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

const ADVERTISER = '4949';

const SEGMENT_PAGE = /* GraphQL */ `
  query SegmentAudiences($first: Int!, $ids: [ID!]) {
    audienceSegments(advertiserIds: ["4949"], ids: $ids, first: $first) {
      edges { node { ... on Segment { id audiences { id } } } }
    }
  }
`;

const PageSchema = z.object({
  audienceSegments: z.object({
    edges: z.array(
      z.object({
        node: z.object({ id: z.string(), audiences: z.array(z.object({ id: z.string() })).nullable() }),
      }),
    ),
  }),
});

/** Segment id -> the ids of the audiences the gateway says use it. */
function audiencesBySegment(data: unknown): Map<string, string[] | null> {
  const page = PageSchema.parse(data);
  return new Map(
    page.audienceSegments.edges.map(({ node }) => [node.id, node.audiences?.map((a) => a.id) ?? null]),
  );
}

/** What the emulator's store holds: the advertiser's audiences whose algebra uses the segment. */
function storeAudiences(gateway: TestGateway, segmentId: string): string[] {
  return gateway.emulator.store
    .audiencesUsingSegment(segmentId)
    .filter((a) => a.attributes.advertiserId === ADVERTISER)
    .map((a) => a.id);
}

describe('Segment.audiences', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.close());

  it('reads the audiences of a page of 20 segments with one SearchAudiences call, as the store holds them', async () => {
    // A segment no audience uses, so the page holds at least one empty list.
    const unused = gateway.emulator.store.addSegment({
      advertiserId: ADVERTISER,
      name: 'Used by no audience',
      type: 'ContactList',
      contactList: { isReadOnly: false },
      createdAt: new Date().toISOString(),
      updatedAt: null,
    });
    const ids = [...gateway.emulator.store.segments.values()]
      .filter((s) => s.attributes.advertiserId === ADVERTISER)
      .map((s) => s.id)
      .slice(0, 19);
    gateway.resetCalls();
    const result = await gateway.query(SEGMENT_PAGE, { first: 20, ids: [...ids, unused.id] });
    expect(result.errors).toBeUndefined();
    const bySegment = audiencesBySegment(result.data);
    expect(bySegment.size).toBe(20);
    expect(gateway.calls()).toEqual({ SearchAudienceSegments: 1, SearchAudiences: 1 });
    const [search] = gateway.emulator.requests.list('SearchAudiences');
    expect(search?.body).toMatchObject({
      data: { attributes: { audienceSegmentIds: [...bySegment.keys()] } },
    });

    let used = 0;
    for (const [segmentId, audienceIds] of bySegment) {
      expect(audienceIds === null ? null : [...audienceIds].sort(), segmentId).toEqual(
        storeAudiences(gateway, segmentId).sort(),
      );
      if (audienceIds && audienceIds.length > 0) used += 1;
    }
    expect(used).toBeGreaterThan(0);
    expect(bySegment.get(unused.id)).toEqual([]);
  });

  it('reads every result page when the segments are used by more than 100 audiences', async () => {
    const [first, second] = [...gateway.emulator.store.segments.values()].filter(
      (s) => s.attributes.advertiserId === ADVERTISER,
    );
    if (!first || !second) throw new Error('the demo data has no two segments');
    for (let i = 0; i < 130; i++) {
      gateway.emulator.store.addAudience({
        advertiserId: ADVERTISER,
        name: `Many users ${i}`,
        algebra: { and: [{ audienceSegmentId: first.id }, { not: { audienceSegmentId: second.id } }] },
        createdAt: new Date().toISOString(),
        updatedAt: null,
      });
    }
    const expectedFirst = storeAudiences(gateway, first.id);
    const expectedSecond = storeAudiences(gateway, second.id);
    const total = gateway.emulator.store.searchAudiences({ segmentIds: [first.id, second.id] }, [
      ADVERTISER,
    ]).length;
    expect(total).toBeGreaterThan(130);
    gateway.resetCalls();
    const result = await gateway.query(SEGMENT_PAGE, { first: 2, ids: [first.id, second.id] });
    expect(result.errors).toBeUndefined();
    const bySegment = audiencesBySegment(result.data);
    expect(bySegment.get(first.id)?.sort()).toEqual(expectedFirst.sort());
    expect(bySegment.get(second.id)?.sort()).toEqual(expectedSecond.sort());
    expect(gateway.calls()).toEqual({ SearchAudienceSegments: 1, SearchAudiences: Math.ceil(total / 100) });
  });

  it('errors only the audiences fields when the search fails, and keeps the segments', async () => {
    gateway.emulator.faults.failNext('SearchAudiences', { kind: 'status', status: 503 }, 10);
    try {
      const ids = [...gateway.emulator.store.segments.values()]
        .filter((s) => s.attributes.advertiserId === ADVERTISER)
        .map((s) => s.id)
        .slice(0, 3);
      const result = await gateway.query(SEGMENT_PAGE, { first: 3, ids });
      const bySegment = audiencesBySegment(result.data);
      expect([...bySegment.keys()].sort()).toEqual([...ids].sort());
      expect([...bySegment.values()]).toEqual([null, null, null]);
      expect(result.errors?.map((e) => e.path?.slice(-2))).toEqual([
        ['node', 'audiences'],
        ['node', 'audiences'],
        ['node', 'audiences'],
      ]);
    } finally {
      gateway.emulator.faults.clear();
    }
  });
});
