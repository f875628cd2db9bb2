import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AlgebraNode } from '../../src/contract/audience.js';
import type { AudienceAlgebraInput } from '../graphql/graphql.js';
import { graphql } from '../graphql/index.js';
import { bodyOf, startTestGateway, type TestGateway } from '../support/gateway.js';
import { ADVERTISER, demoSegment, demoSegments, newContactList } from '../support/writes.js';

/** Enough injected failures to outlast the client's retries (cleared after each test). */
const ALWAYS = 100;

describe('a failure stays where it happened (production configuration)', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.close());
  beforeEach(() => gateway.resetCalls());
  afterEach(() => gateway.emulator.faults.clear());

  it('a failing second mutation keeps the ids the first one created', async () => {
    const list = newContactList(gateway, 'Partial mutation list');
    gateway.emulator.faults.failNext(
      'DeleteContactListByAudienceSegment',
      { kind: 'status', status: 503 },
      ALWAYS,
    );
    const result = await gateway.query(
      graphql(`
        mutation CreateThenClear($list: ID!) {
          createAudienceSegments(input: [
            { advertiserId: "4949", name: "Kept after a later failure", definition: { contactList: true } }
          ]) { results { __typename ... on Segment { id name } } }
          clearContactList(segmentId: $list) { __typename }
        }
      `),
      { list },
    );
    const created = result.data?.createAudienceSegments?.results;
    expect(created).toEqual([
      { __typename: 'ContactListSegment', id: expect.any(String), name: 'Kept after a later failure' },
    ]);
    const [first] = created ?? [];
    expect(gateway.emulator.store.segments.get(first && 'id' in first ? first.id : '')?.attributes.name).toBe(
      'Kept after a later failure',
    );
    expect(result.data?.clearContactList).toBeNull();
    expect(result.errors).toEqual([
      expect.objectContaining({
        path: ['clearContactList'],
        extensions: expect.objectContaining({ code: 'CRITEO_UNAVAILABLE' }),
      }),
    ]);
  });

  it('contact-list statistics: a refusal is a typed problem, an outage nulls only the field', async () => {
    const list = newContactList(gateway, 'Statistics list');
    const QUERY = /* GraphQL */ `
      query Stats($id: ID!) {
        audienceSegment(id: $id) {
          ... on ContactListSegment {
            id
            statistics {
              __typename
              ... on ContactListStatistics { numberOfIdentifiers }
              ... on CriteoProblem { code index }
            }
          }
        }
      }
    `;
    const ok = await gateway.query(QUERY, { id: list });
    expect(bodyOf(ok)).toEqual({
      data: {
        audienceSegment: {
          id: list,
          statistics: { __typename: 'ContactListStatistics', numberOfIdentifiers: 0 },
        },
      },
    });

    gateway.emulator.faults.failNext('GetAudienceSegmentContactListStatistics', {
      kind: 'status',
      status: 403,
    });
    const refused = await gateway.query(QUERY, { id: list });
    expect(refused.errors).toBeUndefined();
    expect(refused.data?.audienceSegment).toEqual({
      id: list,
      statistics: { __typename: 'CriteoProblem', code: expect.any(String), index: null },
    });

    gateway.emulator.faults.failNext(
      'GetAudienceSegmentContactListStatistics',
      { kind: 'status', status: 503 },
      ALWAYS,
    );
    const down = await gateway.query(QUERY, { id: list });
    expect(down.data?.audienceSegment).toEqual({ id: list, statistics: null });
    expect(down.errors).toEqual([
      expect.objectContaining({
        path: ['audienceSegment', 'statistics'],
        extensions: expect.objectContaining({ code: 'CRITEO_UNAVAILABLE' }),
      }),
    ]);
  });

  it('in-market catalogs: a refused country is a typed problem', async () => {
    const result = await gateway.query(
      graphql(`
        query RefusedCountry {
          good: inMarketInterests(advertiserId: "4949", country: "FR") {
            __typename ... on InMarketInterests { data { id } }
          }
          bad: inMarketBrands(advertiserId: "4949", country: "XX") {
            __typename ... on CriteoProblem { code message }
          }
        }
      `),
    );
    expect(result.errors).toBeUndefined();
    const good = result.data?.good;
    expect(good).toMatchObject({ __typename: 'InMarketInterests' });
    expect(good?.__typename === 'InMarketInterests' ? good.data.length : undefined).toBeGreaterThan(0);
    expect(result.data?.bad).toEqual({
      __typename: 'CriteoProblem',
      code: 'country-code-must-be-valid',
      message: expect.stringContaining('XX'),
    });
  });

  it('identifiers for a missing, read-only or non-contact-list segment: typed problems, nothing sent after', async () => {
    const readOnly = demoSegment(gateway, (s) => s.attributes.contactList?.isReadOnly === true);
    const notAList = demoSegment(gateway, (s) => s.attributes.type === 'InMarket');
    const result = await gateway.query(
      /* GraphQL */ `
        mutation Add($ids: [String!]!, $readOnly: ID!, $notAList: ID!) {
          missing: addContactListIdentifiers(input: { segmentId: "999999", identifierType: EMAIL, identifiers: $ids }) {
            __typename ... on CriteoProblem { code } ... on ContactListIdentifiersPayload { validIdentifiers }
          }
          readOnly: removeContactListIdentifiers(input: { segmentId: $readOnly, identifierType: EMAIL, identifiers: $ids }) {
            __typename ... on CriteoProblem { code }
          }
          notAList: addContactListIdentifiers(input: { segmentId: $notAList, identifierType: EMAIL, identifiers: $ids }) {
            __typename ... on CriteoProblem { code }
          }
        }
      `,
      { ids: ['a@example.com', 'b@example.com'], readOnly: readOnly.id, notAList: notAList.id },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      missing: { __typename: 'CriteoProblem', code: 'segment-not-found' },
      readOnly: { __typename: 'CriteoProblem', code: 'segment-is-read-only' },
      notAList: { __typename: 'CriteoProblem', code: 'segment-is-not-a-contact-list' },
    });
    // One refused call each, nothing more.
    expect(gateway.calls()).toEqual({ UpdateContactListByAudienceSegment: 3 });
  });
});

/**
 * `depth` levels (the root is level 1, the deepest leaves level `depth`), `nodes` nodes in all: each
 * operator level is an AND of leaves and the next level; the last operator an OR of leaves.
 */
function deepAlgebra(segmentIds: string[], depth: number, nodes: number): AlgebraNode {
  let next = 0;
  const leaf = (): AlgebraNode => ({ audienceSegmentId: segmentIds[next++ % segmentIds.length] ?? '' });
  const operators = depth - 1;
  const leaves = nodes - operators;
  const perLevel = Math.floor(leaves / operators);
  const build = (level: number, left: number): AlgebraNode => {
    if (level === operators) return { or: Array.from({ length: left }, leaf) };
    const here = Array.from({ length: perLevel }, leaf);
    return { and: [...here, build(level + 1, left - here.length)] };
  };
  return build(1, leaves);
}

/** Levels of a tree: a leaf is 1. */
const depthOf = (node: AlgebraNode): number =>
  1 + Math.max(0, ...[...(node.and ?? []), ...(node.or ?? []), ...(node.not ? [node.not] : [])].map(depthOf));
const countOf = (node: AlgebraNode): number =>
  1 +
  [...(node.and ?? []), ...(node.or ?? []), ...(node.not ? [node.not] : [])].reduce(
    (n, c) => n + countOf(c),
    0,
  );

/** One node of `Audience.algebraNodes`, as far as `rebuild` reads it. */
interface FlatNode {
  id: string;
  parentId: string | null;
  operator: 'AND' | 'OR' | 'NOT' | 'SEGMENT';
  segmentId: string | null;
}

/** The tree back from `algebraNodes`: children are the nodes naming it as parent, in list order. */
function rebuild(nodes: FlatNode[]): AlgebraNode | null {
  const children = new Map<string | null, FlatNode[]>();
  for (const node of nodes) children.set(node.parentId, [...(children.get(node.parentId) ?? []), node]);
  const toTree = (node: FlatNode): AlgebraNode => {
    const kids = (children.get(node.id) ?? []).map(toTree);
    if (node.operator === 'AND') return { and: kids };
    if (node.operator === 'OR') return { or: kids };
    if (node.operator === 'NOT') return { not: kids[0] ?? {} };
    return { audienceSegmentId: node.segmentId ?? '' };
  };
  const [root] = children.get(null) ?? [];
  return root ? toTree(root) : null;
}

const toInput = (node: AlgebraNode): AudienceAlgebraInput => {
  if (node.and) return { and: node.and.map(toInput) };
  if (node.or) return { or: node.or.map(toInput) };
  if (node.not) return { not: toInput(node.not) };
  return { segmentId: node.audienceSegmentId ?? '' };
};

describe('Audience.algebraNodes: any depth in one fixed selection', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.close());

  const READ = graphql(`
    query ReadAlgebraNodes($id: ID!) {
      audience(id: $id) {
        expression
        algebraNodes { id parentId operator segmentId segment { ... on Segment { id name } } }
      }
    }
  `);

  it('round-trips a 10-level, 100-node algebra: create, read, rebuild, equal', async () => {
    const segments = demoSegments(gateway, 'InMarket', 20).map((s) => s.id);
    expect(segments.length).toBeGreaterThanOrEqual(2);
    const algebra = deepAlgebra(segments, 10, 100);
    expect([depthOf(algebra), countOf(algebra)]).toEqual([10, 100]);
    const created = await gateway.query(
      graphql(`
        mutation CreateDeepAudience($algebra: AudienceAlgebraInput!) {
          createAudiences(input: [{ advertiserId: "4949", name: "Ten levels deep", algebra: $algebra }]) {
            results { __typename ... on Audience { id } ... on CriteoProblem { code detail } }
          }
        }
      `),
      { algebra: toInput(algebra) },
    );
    expect(created.errors).toBeUndefined();
    const [result] = created.data?.createAudiences?.results ?? [];
    expect(result?.__typename).toBe('Audience');

    gateway.resetCalls();
    const read = await gateway.query(READ, { id: result?.__typename === 'Audience' ? result.id : '' });
    expect(read.errors).toBeUndefined();
    const audience = { algebraNodes: read.data?.audience?.algebraNodes ?? [] };
    expect(audience.algebraNodes).toHaveLength(100);
    expect(rebuild(audience.algebraNodes)).toEqual(algebra);
    // Ids unique, the root first and alone without a parent, every parent listed before its child.
    const ids = audience.algebraNodes.map((n) => n.id);
    expect(new Set(ids).size).toBe(100);
    expect(audience.algebraNodes.filter((n) => n.parentId === null).map((n) => n.id)).toEqual([ids[0]]);
    for (const [i, node] of audience.algebraNodes.entries())
      if (node.parentId !== null) expect(ids.indexOf(node.parentId)).toBeLessThan(i);
    // Every leaf has its segment, and the segments were one batched search.
    const store = gateway.emulator.store;
    for (const node of audience.algebraNodes.filter((n) => n.operator === 'SEGMENT'))
      expect(node.segment).toEqual({
        id: node.segmentId,
        name: store.segments.get(node.segmentId ?? '')?.attributes.name,
      });
    expect(gateway.calls()).toEqual({ SearchAudiences: 1, SearchAudienceSegments: 1 });
  });

  it('lists the documented example (A OR B) AND NOT (C OR D) in pre-order, parents first', async () => {
    const [a, b, c, d] = demoSegments(gateway, 'InMarket', 4).map((s) => s.id);
    // Criteo's documented example: (A OR B) AND NOT (C OR D).
    const record = gateway.emulator.store.addAudience({
      advertiserId: ADVERTISER,
      name: 'Documented example',
      description: null,
      algebra: {
        and: [
          { or: [{ audienceSegmentId: a }, { audienceSegmentId: b }] },
          { not: { or: [{ audienceSegmentId: c }, { audienceSegmentId: d }] } },
        ],
      },
      createdAt: '2025-11-01T00:00:00Z',
      updatedAt: null,
    });
    const read = await gateway.query(READ, { id: record.id });
    const nodes = read.data?.audience?.algebraNodes ?? [];
    expect(nodes.map(({ id, parentId, operator, segmentId }) => [id, parentId, operator, segmentId])).toEqual(
      [
        ['0', null, 'AND', null],
        ['1', '0', 'OR', null],
        ['2', '1', 'SEGMENT', a],
        ['3', '1', 'SEGMENT', b],
        ['4', '0', 'NOT', null],
        ['5', '4', 'OR', null],
        ['6', '5', 'SEGMENT', c],
        ['7', '5', 'SEGMENT', d],
      ],
    );
    expect(read.data?.audience?.expression).toBe(`(${a} OR ${b}) AND NOT (${c} OR ${d})`);
  });
});
