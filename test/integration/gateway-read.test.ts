import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AlgebraNode } from '../../src/contract/audience.js';
import type { AudienceSegmentType } from '../../src/contract/audience-segment.js';
import { brandsFor, interestsFor } from '../../src/emulator/catalog.js';
import { DEMO_APPLICATIONS } from '../../src/emulator/demo-data.js';
import { algebraSize, segmentSize } from '../../src/emulator/sizing.js';
import type { AudienceRecord, SegmentRecord } from '../../src/emulator/store.js';
import { bodyOf, startTestGateway, type TestGateway } from '../support/gateway.js';

const VISIBLE = ['4949', '5050'];

/** The GraphQL member of each Criteo segment type (the schema's contract). */
const MEMBER: Record<AudienceSegmentType, string> = {
  InMarket: 'InMarketSegment',
  Prospecting: 'ProspectingSegment',
  ContactList: 'ContactListSegment',
  Location: 'LocationSegment',
  Behavioral: 'BehavioralSegment',
  Retargeting: 'RetargetingSegment',
  Lookalike: 'LookalikeSegment',
  Unknown: 'UnknownSegment',
};

/** Criteo's PascalCase wire value -> the GraphQL enum value (`VeryHigh` -> `VERY_HIGH`). */
const enumValue = (value: string) => value.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
const enumOrNull = (value: string | null | undefined) => (value == null ? null : enumValue(value));

/** A DateTime as the gateway serializes it: the same instant, in UTC with milliseconds. */
const dateTime = (value: string | null | undefined) => (value == null ? null : new Date(value).toISOString());

const byId = (a: { id: string }, b: { id: string }) => Number(a.id) - Number(b.id);

const COMMON = 'id name description type advertiserId createdAt updatedAt';

const MEMBER_FIELDS = /* GraphQL */ `
  __typename
  ... on Segment { ${COMMON} }
  ... on InMarketSegment { country interestIds brandIds buyingPower priceRange gender }
  ... on ProspectingSegment { usersType daysSinceLastVisitMin daysSinceLastVisitMax }
  ... on ContactListSegment { isReadOnly statistics { ... on ContactListStatistics { numberOfIdentifiers numberOfMatches matchRate } } }
  ... on LocationSegment { registryType radiusInKm pointsOfInterest { name latitude longitude } }
  ... on BehavioralSegment { category country startDate endDate }
  ... on RetargetingSegment { visitorsType daysSinceLastVisitMin daysSinceLastVisitMax }
  ... on LookalikeSegment { seedSegmentId targetSize seedSegment { __typename ... on Segment { id name } } }
`;

const SIZE = /* GraphQL */ `
  size {
    __typename
    ... on AudienceSize { value }
    ... on CriteoProblem { code message title detail type traceId source { field path } }
  }
`;

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

const SearchBodySchema = z.object({
  data: z.object({ type: z.string(), attributes: z.record(z.string(), z.unknown()) }),
});
const BulkBodySchema = z.object({ data: z.array(z.object({ id: z.string() })) });
const ProblemSchema = z.object({
  code: z.string(),
  title: z.string().nullish(),
  detail: z.string().nullish(),
  type: z.string().nullish(),
  traceId: z.string().nullish(),
  instance: z.string().nullish(),
  source: z.record(z.string(), z.string()).nullish(),
});
const ComputeSizesResponseSchema = z.object({
  data: z.array(z.object({ id: z.string(), attributes: z.object({ size: z.number() }) })),
  errors: z.array(ProblemSchema).nullish(),
});
const StatisticsResponseSchema = z.object({
  data: z.object({
    attributes: z.object({
      numberOfIdentifiers: z.number(),
      numberOfMatches: z.number(),
      matchRate: z.number(),
    }),
  }),
});

describe('gateway read path against the emulator', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    // The audience tests select the algebra five levels deep through the recursive union: 3^5
    // branches, about 44,000 tokens and a cost of 142,530 for a page of 30. Production rightly
    // refuses that (5,000 tokens, cost 50,000); `Audience.algebraNodes` reads any depth within them.
    gateway = await startTestGateway({
      env: { MAX_OPERATION_TOKENS: '60000', MAX_OPERATION_COST: '150000' },
    });
  });
  afterAll(() => gateway.close());
  beforeEach(() => gateway.resetCalls());

  const store = () => gateway.emulator.store;

  /** Visible segments (optionally of one advertiser / type), in Criteo's order (by id). */
  function segments(filter: { advertiserId?: string; type?: AudienceSegmentType } = {}): SegmentRecord[] {
    return [...store().segments.values()]
      .filter(
        (s) =>
          VISIBLE.includes(s.attributes.advertiserId) &&
          (filter.advertiserId === undefined || s.attributes.advertiserId === filter.advertiserId) &&
          (filter.type === undefined || s.attributes.type === filter.type),
      )
      .sort(byId);
  }

  function audiencesOf(advertiserId: string): AudienceRecord[] {
    return [...store().audiences.values()]
      .filter((a) => a.attributes.advertiserId === advertiserId)
      .sort(byId);
  }

  function segment(id: string): SegmentRecord {
    const record = store().segments.get(id);
    if (!record) throw new Error(`no segment ${id} in the emulator store`);
    return record;
  }

  function audience(id: string): AudienceRecord {
    const record = store().audiences.get(id);
    if (!record) throw new Error(`no audience ${id} in the emulator store`);
    return record;
  }

  /** Calls the emulator directly (its own token, not the gateway's client): the oracle of the tests. */
  async function emulatorCall(method: string, path: string, body?: unknown): Promise<unknown> {
    const tokenResponse = await fetch(`${gateway.emulator.url}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: 'demo-client-id',
        client_secret: 'demo-client-secret',
      }),
    });
    const { access_token } = z.object({ access_token: z.string() }).parse(await tokenResponse.json());
    const response = await fetch(`${gateway.emulator.apiUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${access_token}`,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    return response.json();
  }

  async function emulatorStatistics(id: string) {
    const body = await emulatorCall('GET', `/audience-segments/${id}/contact-list/statistics`);
    return StatisticsResponseSchema.parse(body).data.attributes;
  }

  /** The attributes of the search bodies the gateway sent, from the emulator's request log. */
  function searchAttributes(operationId: 'SearchAudienceSegments' | 'SearchAudiences') {
    return gateway.emulator.requests
      .list(operationId)
      .map((entry) => SearchBodySchema.parse(entry.body).data.attributes);
  }

  /** The member-specific settings of a stored segment, as the schema exposes them. */
  function expectedSettings(record: SegmentRecord): Record<string, unknown> {
    const a = record.attributes;
    switch (a.type) {
      case 'InMarket':
        return {
          country: a.inMarket?.country ?? null,
          interestIds: a.inMarket?.interestIds ?? [],
          brandIds: a.inMarket?.brandIds ?? [],
          buyingPower: (a.inMarket?.buyingPower ?? []).map(enumValue),
          priceRange: (a.inMarket?.priceRange ?? []).map(enumValue),
          gender: enumOrNull(a.inMarket?.gender),
        };
      case 'Prospecting':
        return {
          usersType: enumOrNull(a.prospecting?.usersType),
          daysSinceLastVisitMin: a.prospecting?.daysSinceLastVisitMin ?? null,
          daysSinceLastVisitMax: a.prospecting?.daysSinceLastVisitMax ?? null,
        };
      case 'ContactList':
        return { isReadOnly: a.contactList?.isReadOnly ?? false };
      case 'Location':
        return {
          registryType: enumOrNull(a.location?.registryType),
          radiusInKm: a.location?.radiusInKm ?? null,
          pointsOfInterest: (a.location?.pointsOfInterest ?? []).map((p) => ({
            name: p.name ?? null,
            latitude: p.latitude ?? null,
            longitude: p.longitude ?? null,
          })),
        };
      case 'Behavioral':
        return {
          category: enumValue(a.behavioral?.category ?? 'Unknown'),
          country: a.behavioral?.country ?? null,
          startDate: dateTime(a.behavioral?.startDate),
          endDate: dateTime(a.behavioral?.endDate),
        };
      case 'Retargeting':
        return {
          visitorsType: enumOrNull(a.retargeting?.visitorsType),
          daysSinceLastVisitMin: a.retargeting?.daysSinceLastVisitMin ?? null,
          daysSinceLastVisitMax: a.retargeting?.daysSinceLastVisitMax ?? null,
        };
      case 'Lookalike': {
        const seedId = a.lookalike?.seedSegmentId ?? null;
        const seed = seedId ? segment(seedId) : null;
        return {
          seedSegmentId: seedId,
          targetSize: a.lookalike?.targetSize ?? null,
          seedSegment: seed
            ? { __typename: MEMBER[seed.attributes.type], id: seed.id, name: seed.attributes.name }
            : null,
        };
      }
      default:
        return {};
    }
  }

  function expectedCommon(record: SegmentRecord) {
    const a = record.attributes;
    return {
      __typename: MEMBER[a.type],
      id: record.id,
      name: a.name,
      description: a.description ?? null,
      type: enumValue(a.type),
      advertiserId: a.advertiserId,
      createdAt: dateTime(a.createdAt),
      updatedAt: dateTime(a.updatedAt),
    };
  }

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

  describe('audiences', () => {
    /** The recursive selection: enough depth for the demo algebras (and > not > or > leaf). */
    function treeSelection(depth: number): string {
      const leaf = '__typename ... on AlgebraSegment { segmentId segment { ... on Segment { id } } }';
      if (depth === 0) return leaf;
      const inner = treeSelection(depth - 1);
      return `${leaf} ... on AlgebraAnd { and { ${inner} } } ... on AlgebraOr { or { ${inner} } } ... on AlgebraNot { not { ${inner} } }`;
    }
    const PAGE_FIELDS = `id name description advertiserId createdAt updatedAt adSetIds expression
      segments { __typename ... on Segment { id } }
      algebraNodes { id parentId operator segmentId segment { ... on Segment { id } } }`;
    // The recursive union costs 1.5x per level in the cost model: fine for single audiences, while a
    // page reads its trees through `algebraNodes` (a recursive page of 30 would cost ~200,000).
    const AUDIENCE_FIELDS = `${PAGE_FIELDS} algebra { ${treeSelection(3)} }`;

    /** The stored algebra as `algebraNodes`: pre-order, ids counted from 0, children in order. */
    function expectedNodes(root: AlgebraNode | null | undefined) {
      const nodes: unknown[] = [];
      const visit = (node: AlgebraNode, parentId: string | null) => {
        const id = String(nodes.length);
        const operator = node.and ? 'AND' : node.or ? 'OR' : node.not ? 'NOT' : 'SEGMENT';
        const segmentId = node.audienceSegmentId ?? null;
        nodes.push({ id, parentId, operator, segmentId, segment: segmentId ? { id: segmentId } : null });
        for (const child of [...(node.and ?? []), ...(node.or ?? []), ...(node.not ? [node.not] : [])])
          visit(child, id);
      };
      if (root) visit(root, null);
      return nodes;
    }

    /** The stored algebra as the GraphQL tree the query above selects. */
    function expectedTree(node: AlgebraNode): unknown {
      if (node.and) return { __typename: 'AlgebraAnd', and: node.and.map(expectedTree) };
      if (node.or) return { __typename: 'AlgebraOr', or: node.or.map(expectedTree) };
      if (node.not) return { __typename: 'AlgebraNot', not: expectedTree(node.not) };
      const id = node.audienceSegmentId ?? '';
      return { __typename: 'AlgebraSegment', segmentId: id, segment: { id } };
    }

    /** Leaves in order of appearance (depth first, left to right). */
    function leaves(node: AlgebraNode | null | undefined): string[] {
      if (!node) return [];
      if (node.audienceSegmentId) return [node.audienceSegmentId];
      return [...(node.and ?? []), ...(node.or ?? []), ...(node.not ? [node.not] : [])].flatMap(leaves);
    }

    function expectedAudience(record: AudienceRecord) {
      const a = record.attributes;
      return {
        id: record.id,
        name: a.name,
        description: a.description ?? null,
        advertiserId: a.advertiserId,
        createdAt: dateTime(a.createdAt),
        updatedAt: dateTime(a.updatedAt),
        adSetIds: store().adSetIdsOf(record.id),
        algebra: a.algebra ? expectedTree(a.algebra) : null,
        algebraNodes: expectedNodes(a.algebra),
        segments: [...new Set(leaves(a.algebra))].map((id) => ({
          __typename: MEMBER[segment(id).attributes.type],
          id,
        })),
      };
    }

    it('audience(id) returns the algebra tree, its expression, its distinct segments and its ad sets', async () => {
      const ids = ['500001', '500002', '500003', '500004', '500005'];
      const aliases = ids.map((id, i) => `a${i}: audience(id: "${id}") { ${AUDIENCE_FIELDS} }`).join('\n');
      const result = await gateway.query(`{ ${aliases} }`);
      expect(result.errors).toBeUndefined();

      // The expressions, spelled out from the stored trees of the five demo shapes.
      const leaf = (node: AlgebraNode | undefined) => node?.audienceSegmentId ?? '?';
      const [a1, a2, a3, a4, a5] = ids.map((id) => audience(id).attributes.algebra ?? {});
      const expressions = [
        leaf(a1),
        `(${leaf(a2?.and?.[0]?.or?.[0])} OR ${leaf(a2?.and?.[0]?.or?.[1])}) AND NOT ${leaf(a2?.and?.[1]?.not ?? undefined)}`,
        `${leaf(a3?.or?.[0])} OR (${leaf(a3?.or?.[1]?.and?.[0])} AND ${leaf(a3?.or?.[1]?.and?.[1])})`,
        `${leaf(a4?.and?.[0])} AND NOT (${leaf(a4?.and?.[1]?.not?.or?.[0])} OR ${leaf(a4?.and?.[1]?.not?.or?.[1])}) AND ${leaf(a4?.and?.[2])}`,
        `${leaf(a5?.or?.[0])} OR ${leaf(a5?.or?.[1])}`,
      ];
      expect(result.data).toEqual(
        Object.fromEntries(
          ids.map((id, i) => [`a${i}`, { ...expectedAudience(audience(id)), expression: expressions[i] }]),
        ),
      );
      // The demo has ad sets on 500001, 500003 and 500005; 500004 nests NOT inside AND.
      expect(store().adSetIdsOf('500003')).toEqual(['494902']);
      expect(a4?.and?.[1]?.not?.or).toHaveLength(2);
      // Five audiences by id in one search, every leaf segment in one search.
      expect(gateway.calls()).toEqual({ SearchAudiences: 1, SearchAudienceSegments: 1 });
    });

    it('a page of audiences has the same trees as the store, for every audience of 4949', async () => {
      const records = audiencesOf('4949');
      const result = await gateway.query(/* GraphQL */ `
        { audiences(advertiserIds: ["4949"], first: 30) { totalCount edges { node { ${PAGE_FIELDS} } } } }
      `);
      const expressionless = z
        .object({
          audiences: z.object({
            totalCount: z.number(),
            edges: z.array(z.object({ node: z.looseObject({ expression: z.string() }) })),
          }),
        })
        .parse(result.data);
      expect(result.errors).toBeUndefined();
      expect(expressionless.audiences.totalCount).toBe(30);
      expect(expressionless.audiences.edges.map(({ node: { expression: _, ...rest } }) => rest)).toEqual(
        records.map((record) => {
          const { algebra: _, ...rest } = expectedAudience(record);
          return rest;
        }),
      );
      // The expression names the same leaves, in the same order.
      expect(expressionless.audiences.edges.map((e) => e.node.expression.match(/\d+/g) ?? [])).toEqual(
        records.map((r) => leaves(r.attributes.algebra)),
      );
      expect(gateway.calls()).toEqual({ SearchAudiences: 1, SearchAudienceSegments: 1 });
    });

    it('audience and audienceSegment of unknown ids are null', async () => {
      const result = await gateway.query(/* GraphQL */ `
        { audience(id: "999999") { id } audienceSegment(id: "999999") { __typename } }
      `);
      expect(bodyOf(result)).toEqual({ data: { audience: null, audienceSegment: null } });
      expect(gateway.calls()).toEqual({ SearchAudiences: 1, SearchAudienceSegments: 1 });
    });
  });

  describe('per-item problems of compute-sizes', () => {
    it('three segment sizes, one of an empty contact list: two AudienceSize and one CriteoProblem', async () => {
      const [empty, , populated] = segments({ advertiserId: '4949', type: 'ContactList' });
      const inMarket = segments({ advertiserId: '4949', type: 'InMarket' })[0];
      if (!empty || !populated || !inMarket) throw new Error('demo data changed');
      const ids = [populated.id, empty.id, inMarket.id];
      const result = await gateway.query(
        /* GraphQL */ `query ($ids: [ID!]) {
          audienceSegments(ids: $ids, first: 3) { edges { node { ... on Segment { id ${SIZE} } } } }
        }`,
        { ids },
      );
      expect(result.errors).toBeUndefined();
      expect(gateway.calls()).toEqual({ SearchAudienceSegments: 1, ComputeAudienceSegmentsSizes: 1 });

      // Where the empty list sat in the one compute-sizes request the gateway sent.
      const [sent] = gateway.emulator.requests.list('ComputeAudienceSegmentsSizes');
      const sentIds = BulkBodySchema.parse(sent?.body).data.map((d) => d.id);
      expect([...sentIds].sort()).toEqual([...ids].sort());
      const index = sentIds.indexOf(empty.id);

      // The emulator's own answer for the same request: the oracle of each item.
      const oracle = ComputeSizesResponseSchema.parse(
        await emulatorCall('POST', '/audience-segments/compute-sizes', {
          data: sentIds.map((id) => ({ id, type: 'AudienceSegment', attributes: {} })),
        }),
      );
      const problem = oracle.errors?.[0];
      expect(oracle.errors).toHaveLength(1);
      expect(problem).toMatchObject({
        code: 'segment-size-not-available',
        instance: `@data/${index}`,
        source: { id: `data/${index}/id` },
      });
      const sizeOf = (id: string) => oracle.data.find((d) => d.id === id)?.attributes.size;

      expect(result.data).toEqual({
        audienceSegments: {
          edges: [inMarket, empty, populated].map((s) => ({
            node: {
              id: s.id,
              size:
                s === empty
                  ? {
                      __typename: 'CriteoProblem',
                      code: 'segment-size-not-available',
                      message: problem?.detail,
                      title: problem?.title ?? null,
                      detail: problem?.detail,
                      type: problem?.type ?? null,
                      traceId: expect.stringMatching(/^[0-9a-f-]{36}$/),
                      source: [{ field: 'id', path: `data/${index}/id` }],
                    }
                  : { __typename: 'AudienceSize', value: sizeOf(s.id) },
            },
          })),
        },
      });
      expect(problem?.detail).toContain(empty.id);
    });

    it('audience sizes: not-available and too-small problems beside sized siblings, in one call', async () => {
      const records = audiencesOf('4949');
      const result = await gateway.query(/* GraphQL */ `
        { audiences(advertiserIds: ["4949"], first: 30) { edges { node { id ${SIZE} } } } }
      `);
      expect(result.errors).toBeUndefined();
      expect(gateway.calls()).toEqual({ SearchAudiences: 1, ComputeAudiencesSizes: 1 });
      const [sent] = gateway.emulator.requests.list('ComputeAudiencesSizes');
      const sentIds = BulkBodySchema.parse(sent?.body).data.map((d) => d.id);
      expect([...sentIds].sort()).toEqual(records.map((r) => r.id).sort());

      const expected = records.map((record) => {
        const size = algebraSize(record.attributes.algebra ?? {}, store());
        const index = sentIds.indexOf(record.id);
        return {
          node: {
            id: record.id,
            size: size.ok
              ? { __typename: 'AudienceSize', value: size.size }
              : {
                  __typename: 'CriteoProblem',
                  code: `audience-size-${size.reason}`,
                  message: `Audience ${record.id}: ${size.detail}`,
                  title: expect.any(String),
                  detail: `Audience ${record.id}: ${size.detail}`,
                  type: expect.any(String),
                  traceId: expect.stringMatching(/^[0-9a-f-]{36}$/),
                  source: [{ field: 'id', path: `data/${index}/id` }],
                },
          },
        };
      });
      expect(result.data).toEqual({ audiences: { edges: expected } });
      const codes = expected.map((e) => ('code' in e.node.size ? e.node.size.code : 'sized'));
      expect(codes).toContain('audience-size-not-available');
      expect(codes).toContain('audience-size-too-small');
      expect(codes.filter((c) => c === 'sized').length).toBeGreaterThan(20);
    });
  });

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
