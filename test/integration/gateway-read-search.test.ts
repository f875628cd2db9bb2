/**
 * Searches: filters mapped to Criteo's search body, pagination, the catalog and the application.
 * Over 250 lines: twelve small tests of one search path, sharing one gateway and its fixtures.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AlgebraNode } from '../../src/contract/audience.js';
import { brandsFor, interestsFor } from '../../src/emulator/catalog.js';
import { DEMO_APPLICATIONS } from '../../src/emulator/demo-data.js';
import { bodyOf, type TestGateway } from '../support/gateway.js';
import { byId, readFixtures, startReadGateway } from '../support/read.js';

const ConnectionSchema = z.object({
  totalCount: z.number(),
  pageInfo: z.object({
    hasNextPage: z.boolean(),
    hasPreviousPage: z.boolean(),
    startCursor: z.string().nullable(),
    endCursor: z.string().nullable(),
  }),
  edges: z.array(z.object({ cursor: z.string(), node: z.object({ id: z.string() }) })),
});
const SegmentPageSchema = z.object({ audienceSegments: ConnectionSchema });

describe('gateway read path against the emulator', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startReadGateway();
  });
  afterAll(() => gateway.close());
  beforeEach(() => gateway.resetCalls());

  const { store, segments, searchAttributes } = readFixtures(() => gateway);

  describe('filters map to the search body', () => {
    const idsOf = (data: unknown) =>
      z
        .object({
          c: z.object({
            totalCount: z.number(),
            edges: z.array(z.object({ node: z.object({ id: z.string() }) })),
          }),
        })
        .parse(data)
        .c.edges.map((e) => e.node.id);

    it('types: [BEHAVIORAL, LOCATION]', async () => {
      const result = await gateway.query(/* GraphQL */ `
        { c: audienceSegments(types: [BEHAVIORAL, LOCATION], first: 100) { totalCount edges { node { ... on Segment { id } } } } }
      `);
      const expected = segments().filter((s) => ['Behavioral', 'Location'].includes(s.attributes.type));
      expect(idsOf(result.data)).toEqual(expected.map((s) => s.id));
      expect(result.data).toMatchObject({ c: { totalCount: expected.length } });
      expect(searchAttributes('SearchAudienceSegments')).toEqual([
        { audienceSegmentTypes: ['Behavioral', 'Location'] },
      ]);
      expect(gateway.calls()).toEqual({ SearchAudienceSegments: 1 });
    });

    it('ids', async () => {
      const ids = ['100005', '100050', '100120', '100002'];
      const result = await gateway.query(
        /* GraphQL */ `query ($ids: [ID!]) { c: audienceSegments(ids: $ids, first: 10) { totalCount edges { node { ... on Segment { id } } } } }`,
        { ids },
      );
      expect(idsOf(result.data)).toEqual(['100002', '100005', '100050', '100120']);
      expect(searchAttributes('SearchAudienceSegments')).toEqual([{ audienceSegmentIds: ids }]);
    });

    it('advertiserIds', async () => {
      const result = await gateway.query(/* GraphQL */ `
        { c: audienceSegments(advertiserIds: ["5050"], first: 100) { totalCount edges { node { ... on Segment { id advertiserId } } } } }
      `);
      const expected = segments({ advertiserId: '5050' });
      expect(result.data).toMatchObject({ c: { totalCount: expected.length } });
      expect(idsOf(result.data)).toEqual(expected.slice(0, 100).map((s) => s.id));
      expect(searchAttributes('SearchAudienceSegments')).toEqual([{ advertiserIds: ['5050'] }]);
    });

    it('audiences(segmentIds: […]) returns exactly the audiences using one of them', async () => {
      const emptyList = segments({ advertiserId: '4949', type: 'ContactList' })[0];
      const retargeting = segments({ advertiserId: '5050', type: 'Retargeting' })[0];
      const segmentIds = [emptyList?.id ?? '', retargeting?.id ?? ''];
      const result = await gateway.query(
        /* GraphQL */ `query ($segmentIds: [ID!]) { c: audiences(segmentIds: $segmentIds, first: 100) { totalCount edges { node { id } } } }`,
        { segmentIds },
      );
      const expected = [...store().audiences.values()]
        .filter((a) => leaves(a.attributes.algebra).some((id) => segmentIds.includes(id)))
        .sort(byId)
        .map((a) => a.id);
      expect(expected.length).toBeGreaterThan(5);
      expect(idsOf(result.data)).toEqual(expected);
      expect(result.data).toMatchObject({ c: { totalCount: expected.length } });
      expect(searchAttributes('SearchAudiences')).toEqual([{ audienceSegmentIds: segmentIds }]);
      expect(gateway.calls()).toEqual({ SearchAudiences: 1 });
    });

    it('audiences(adSetIds: […]) returns exactly the audiences those ad sets target', async () => {
      const adSetIds = ['494902', '505004', '494903'];
      const result = await gateway.query(
        /* GraphQL */ `query ($adSetIds: [ID!]) { c: audiences(adSetIds: $adSetIds, first: 100) { totalCount edges { node { id adSetIds } } } }`,
        { adSetIds },
      );
      const expected = adSetIds
        .flatMap((id) => {
          const audienceId = store().adSets.get(id)?.audienceId;
          return audienceId ? [audienceId] : [];
        })
        .sort((a, b) => Number(a) - Number(b));
      expect(expected).toHaveLength(2); // 494903 targets no audience in the demo
      expect(result.data).toEqual({
        c: {
          totalCount: 2,
          edges: expected.map((id) => ({ node: { id, adSetIds: store().adSetIdsOf(id) } })),
        },
      });
      expect(searchAttributes('SearchAudiences')).toEqual([{ adSetIds }]);
    });

    /** Leaves of an algebra (the filter's meaning: the definition uses the segment). */
    function leaves(node: AlgebraNode | null | undefined): string[] {
      if (!node) return [];
      if (node.audienceSegmentId) return [node.audienceSegmentId];
      return [...(node.and ?? []), ...(node.or ?? []), ...(node.not ? [node.not] : [])].flatMap(leaves);
    }
  });

  describe('pagination', () => {
    const PAGE = /* GraphQL */ `
      query ($first: Int, $after: String, $last: Int, $before: String) {
        audienceSegments(advertiserIds: ["4949"], first: $first, after: $after, last: $last, before: $before) {
          totalCount
          pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
          edges { cursor node { ... on Segment { id } } }
        }
      }
    `;

    async function page(variables: Record<string, unknown>) {
      const result = await gateway.query(PAGE, variables);
      expect(result.errors).toBeUndefined();
      return SegmentPageSchema.parse(result.data).audienceSegments;
    }

    const pageQueries = () =>
      gateway.emulator.requests.list('SearchAudienceSegments').map((e) => ({ ...e.query }));

    it('walks every segment of 4949 with first: 40 and after: endCursor, one search per page', async () => {
      const all = segments({ advertiserId: '4949' }).map((s) => s.id);
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        gateway.resetCalls();
        const connection = await page({ first: 40, after });
        expect(gateway.calls()).toEqual({ SearchAudienceSegments: 1 });
        expect(pageQueries()).toEqual([{ limit: '40', offset: String(pages * 40) }]);
        expect(connection.totalCount).toBe(all.length);
        expect(connection.pageInfo.hasPreviousPage).toBe(pages > 0);
        expect(connection.pageInfo.startCursor).toBe(connection.edges[0]?.cursor);
        expect(connection.pageInfo.endCursor).toBe(connection.edges.at(-1)?.cursor);
        seen.push(...connection.edges.map((e) => e.node.id));
        pages += 1;
        if (!connection.pageInfo.hasNextPage) break;
        after = connection.pageInfo.endCursor;
        expect(pages).toBeLessThan(10);
      }
      expect(all.length).toBe(108);
      expect(pages).toBe(3);
      expect(seen).toEqual(all);
      expect(new Set(seen).size).toBe(seen.length);
    });

    it('last: 10, before: <cursor of the 25th> returns items 15..24', async () => {
      const all = segments({ advertiserId: '4949' }).map((s) => s.id);
      const first = await page({ first: 25 });
      const before = first.edges[24]?.cursor;
      expect(first.edges[24]?.node.id).toBe(all[24]);
      gateway.resetCalls();
      const connection = await page({ last: 10, before });
      expect(connection.edges.map((e) => e.node.id)).toEqual(all.slice(14, 24));
      expect(connection.pageInfo).toEqual({
        hasNextPage: true,
        hasPreviousPage: true,
        startCursor: first.edges[14]?.cursor,
        endCursor: first.edges[23]?.cursor,
      });
      expect(connection.totalCount).toBe(all.length);
      expect(pageQueries()).toEqual([{ limit: '10', offset: '14' }]);
    });

    it('first: 101 is BAD_USER_INPUT and nothing goes upstream', async () => {
      const result = await gateway.query(PAGE, { first: 101 });
      expect(bodyOf(result)).toEqual({
        data: { audienceSegments: null },
        errors: [
          {
            message: 'first: must be between 0 and 100',
            locations: expect.any(Array),
            path: ['audienceSegments'],
            extensions: { code: 'BAD_USER_INPUT', requestId: expect.any(String) },
          },
        ],
      });
      expect(gateway.calls()).toEqual({});
    });

    it('first: 0 is an empty page with the right totalCount', async () => {
      const connection = await page({ first: 0 });
      expect(connection).toEqual({
        totalCount: 108,
        pageInfo: { hasNextPage: true, hasPreviousPage: false, startCursor: null, endCursor: null },
        edges: [],
      });
    });

    it('an invalid after cursor is BAD_USER_INPUT and nothing goes upstream', async () => {
      for (const after of ['not-a-cursor', Buffer.from('OffsetConnection:-5').toString('base64')]) {
        const result = await gateway.query(PAGE, { first: 5, after });
        expect(result.data).toEqual({ audienceSegments: null });
        expect(result.errors).toEqual([
          expect.objectContaining({
            message: 'after: not a cursor of this connection',
            path: ['audienceSegments'],
            extensions: { code: 'BAD_USER_INPUT', requestId: expect.any(String) },
          }),
        ]);
      }
      expect(gateway.calls()).toEqual({});
    });
  });

  describe('catalog and application', () => {
    it('inMarketInterests and inMarketBrands return the emulator catalog', async () => {
      const result = await gateway.query(/* GraphQL */ `
        {
          inMarketInterests(advertiserId: "4949", country: "FR") { ... on InMarketInterests { data { id parentId } } }
          inMarketBrands(advertiserId: "4949", country: "FR") { ... on InMarketBrands { data { id name size } } }
        }
      `);
      expect(bodyOf(result)).toEqual({
        data: { inMarketInterests: { data: interestsFor('FR') }, inMarketBrands: { data: brandsFor('FR') } },
      });
      expect(interestsFor('FR').length).toBeGreaterThan(10);
      expect(gateway.calls()).toEqual({
        GetAudienceSegmentsInMarketInterests: 1,
        GetAudienceSegmentsInMarketBrands: 1,
      });
    });

    it('me returns the demo application', async () => {
      const demo = DEMO_APPLICATIONS[0];
      const result = await gateway.query(
        '{ me { applicationId name description organizationId criteoService } }',
      );
      expect(bodyOf(result)).toEqual({
        data: {
          me: {
            applicationId: demo?.applicationId,
            name: demo?.name,
            description: demo?.description,
            organizationId: demo?.organizationId,
            criteoService: 'MarketingSolutions',
          },
        },
      });
      expect(gateway.calls()).toEqual({ GetCurrentApplication: 1 });
    });
  });
});
