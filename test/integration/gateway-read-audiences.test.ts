/** The read path of audiences: the algebra tree, its flat nodes, expression, segments and ad sets. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AlgebraNode } from '../../src/contract/audience.js';
import type { AudienceRecord } from '../../src/emulator/store.js';
import { bodyOf, type TestGateway } from '../support/gateway.js';
import { dateTime, MEMBER, readFixtures, startReadGateway } from '../support/read.js';

describe('gateway read path against the emulator', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startReadGateway();
  });
  afterAll(() => gateway.close());
  beforeEach(() => gateway.resetCalls());

  const { store, audiencesOf, segment, audience } = readFixtures(() => gateway);

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
});
