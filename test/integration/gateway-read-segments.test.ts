/** The read path of segments: each member of the AudienceSegment union with its own settings. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AudienceSegmentType } from '../../src/contract/audience-segment.js';
import { segmentSize } from '../../src/emulator/sizing.js';
import { bodyOf, type TestGateway } from '../support/gateway.js';
import { byId, COMMON, MEMBER, MEMBER_FIELDS, readFixtures, startReadGateway } from '../support/read.js';

describe('gateway read path against the emulator', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startReadGateway();
  });
  afterAll(() => gateway.close());
  beforeEach(() => gateway.resetCalls());

  const { store, segments, segment, emulatorStatistics, expectedSettings, expectedCommon } = readFixtures(
    () => gateway,
  );

  describe('one test per member of the AudienceSegment union', () => {
    const cases: [AudienceSegmentType, string, Record<string, number>][] = [
      ['InMarket', 'IN_MARKET', { SearchAudienceSegments: 1 }],
      ['Prospecting', 'PROSPECTING', { SearchAudienceSegments: 1 }],
      [
        'ContactList',
        'CONTACT_LIST',
        { SearchAudienceSegments: 1, GetAudienceSegmentContactListStatistics: 1 },
      ],
      ['Location', 'LOCATION', { SearchAudienceSegments: 1 }],
      ['Behavioral', 'BEHAVIORAL', { SearchAudienceSegments: 1 }],
      ['Retargeting', 'RETARGETING', { SearchAudienceSegments: 1 }],
      // The seed is not on a page of lookalikes: one more (batched) search by id.
      ['Lookalike', 'LOOKALIKE', { SearchAudienceSegments: 2 }],
      ['Unknown', 'UNKNOWN', { SearchAudienceSegments: 1 }],
    ];

    for (const [type, graphqlType, calls] of cases) {
      it(`audienceSegments(types: [${graphqlType}], first: 1) is a ${MEMBER[type]} with its own settings`, async () => {
        const result = await gateway.query(/* GraphQL */ `
          { audienceSegments(types: [${graphqlType}], first: 1) { totalCount edges { node { ${MEMBER_FIELDS} } } } }
        `);
        const all = segments({ type });
        const record = all[0];
        if (!record) throw new Error(`the demo data has no ${type} segment`);
        expect(gateway.calls()).toEqual(calls);

        const expected: Record<string, unknown> = { ...expectedCommon(record), ...expectedSettings(record) };
        if (type === 'ContactList') expected.statistics = await emulatorStatistics(record.id);
        expect(bodyOf(result)).toEqual({
          data: { audienceSegments: { totalCount: all.length, edges: [{ node: expected }] } },
        });
        const createdAt = z
          .object({
            audienceSegments: z.object({
              edges: z.array(z.object({ node: z.object({ createdAt: z.string() }) })),
            }),
          })
          .parse(result.data).audienceSegments.edges[0]?.node.createdAt;
        expect(createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      });
    }

    it('maps every enum to its GraphQL value (VERY_HIGH, FEMALE, POINT_OF_INTEREST, …)', async () => {
      // The first in-market and location segments of 4949 carry the multi-word values.
      const result = await gateway.query(/* GraphQL */ `
        {
          audienceSegments(advertiserIds: ["4949"], types: [IN_MARKET, LOCATION], first: 100) {
            edges { node { ... on InMarketSegment { id buyingPower priceRange gender } ... on LocationSegment { id registryType } } }
          }
        }
      `);
      const page = z
        .object({
          audienceSegments: z.object({
            edges: z.array(
              z.object({
                node: z.object({
                  id: z.string(),
                  buyingPower: z.array(z.string()).optional(),
                  priceRange: z.array(z.string()).optional(),
                  gender: z.string().nullable().optional(),
                  registryType: z.string().nullable().optional(),
                }),
              }),
            ),
          }),
        })
        .parse(result.data);
      const nodes = page.audienceSegments.edges.map((e) => e.node);
      const inMarket = segments({ advertiserId: '4949', type: 'InMarket' })[0];
      expect(nodes.find((n) => n.id === inMarket?.id)).toEqual({
        id: inMarket?.id,
        buyingPower: ['HIGH', 'VERY_HIGH'],
        priceRange: ['MEDIUM', 'HIGH'],
        gender: 'FEMALE',
      });
      expect(nodes.filter((n) => n.registryType !== undefined).map((n) => n.registryType)).toEqual(
        segments({ advertiserId: '4949', type: 'Location' }).map(() => 'POINT_OF_INTEREST'),
      );
      const prospecting = await gateway.query(/* GraphQL */ `
        { audienceSegments(advertiserIds: ["4949"], types: [PROSPECTING], first: 2) { edges { node { ... on ProspectingSegment { usersType } } } } }
      `);
      expect(prospecting.data).toEqual({
        audienceSegments: {
          edges: [{ node: { usersType: 'PROSPECTS' } }, { node: { usersType: 'PROSPECTS_OR_NON_BUYERS' } }],
        },
      });
    });

    it('serializes the DateTime settings of a seasonal BehavioralSegment as stored, in UTC', async () => {
      const seasonal = segments({ advertiserId: '4949', type: 'Behavioral' }).find(
        (s) => s.attributes.behavioral?.category === 'Seasonal',
      );
      if (!seasonal) throw new Error('the demo data has no seasonal behavioral segment');
      const result = await gateway.query(
        /* GraphQL */ `query ($id: ID!) { audienceSegment(id: $id) { ${MEMBER_FIELDS} } }`,
        { id: seasonal.id },
      );
      expect(bodyOf(result)).toEqual({
        data: { audienceSegment: { ...expectedCommon(seasonal), ...expectedSettings(seasonal) } },
      });
      expect(seasonal.attributes.behavioral).toMatchObject({
        category: 'Seasonal',
        startDate: '2025-08-15T00:00:00Z',
        endDate: '2025-09-30T00:00:00Z',
      });
      expect(result.data).toMatchObject({
        audienceSegment: { startDate: '2025-08-15T00:00:00.000Z', endDate: '2025-09-30T00:00:00.000Z' },
      });
      expect(gateway.calls()).toEqual({ SearchAudienceSegments: 1 });
    });

    it("reads Criteo's timestamps without an offset as UTC", async () => {
      const record = segment('100002');
      const saved = { ...record.attributes };
      record.attributes = {
        ...saved,
        createdAt: '2023-05-09T16:30:50.4633333',
        updatedAt: '2023-05-09T16:30:50',
      };
      try {
        const result = await gateway.query(
          '{ audienceSegment(id: "100002") { ... on Segment { createdAt updatedAt } } }',
        );
        expect(bodyOf(result)).toEqual({
          data: {
            audienceSegment: { createdAt: '2023-05-09T16:30:50.463Z', updatedAt: '2023-05-09T16:30:50.000Z' },
          },
        });
      } finally {
        record.attributes = saved;
      }
    });

    it('ContactListSegment.statistics of a populated list matches the emulator, one call per list', async () => {
      const lists = segments({ advertiserId: '4949', type: 'ContactList' }).slice(0, 3);
      const result = await gateway.query(
        /* GraphQL */ `query ($ids: [ID!]) {
          audienceSegments(ids: $ids, first: 3) {
            edges { node { ... on ContactListSegment { id statistics { ... on ContactListStatistics { numberOfIdentifiers numberOfMatches matchRate } } } } }
          }
        }`,
        { ids: lists.map((l) => l.id) },
      );
      expect(gateway.calls()).toEqual({
        SearchAudienceSegments: 1,
        GetAudienceSegmentContactListStatistics: 3,
      });
      const expected = [];
      for (const list of lists)
        expected.push({ node: { id: list.id, statistics: await emulatorStatistics(list.id) } });
      expect(bodyOf(result)).toEqual({ data: { audienceSegments: { edges: expected } } });
      // The demo's first list is empty and its second has 900 identifiers.
      expect(expected.map((e) => e.node.statistics.numberOfIdentifiers).slice(0, 2)).toEqual([0, 900]);
    });
  });

  it('the Segment interface fields work on every member', async () => {
    const picks = (Object.keys(MEMBER) as AudienceSegmentType[]).map((type) => {
      const record = segments({ advertiserId: '4949', type })[0];
      if (!record) throw new Error(`the demo data has no ${type} segment of 4949`);
      return record;
    });
    const result = await gateway.query(
      /* GraphQL */ `query ($ids: [ID!]) {
        audienceSegments(ids: $ids, first: 8) {
          totalCount
          edges { node { __typename ... on Segment { ${COMMON} size { __typename ... on AudienceSize { value } ... on CriteoProblem { code } } } } }
        }
      }`,
      { ids: picks.map((p) => p.id) },
    );
    const expected = [...picks].sort(byId).map((record) => {
      const size = segmentSize(record, store());
      return {
        node: {
          ...expectedCommon(record),
          size: size.ok
            ? { __typename: 'AudienceSize', value: size.size }
            : { __typename: 'CriteoProblem', code: `segment-size-${size.reason}` },
        },
      };
    });
    expect(bodyOf(result)).toEqual({ data: { audienceSegments: { totalCount: 8, edges: expected } } });
    expect(new Set(expected.map((e) => e.node.__typename)).size).toBe(8);
    expect(gateway.calls()).toEqual({ SearchAudienceSegments: 1, ComputeAudienceSegmentsSizes: 1 });
  });
});
