import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { incremental, type Part } from '../support/incremental.js';

// A page of audiences loads ahead what its items' fields will ask for (segments, sizes), so that those
// fields answer without a promise each (`src/schema/audience/load-ahead.ts`). What it loads must be
// exactly what the fields would have asked for: the selection as the executor runs it, @skip /
// @include read with the variables, nothing under @defer, and no load-ahead for a streamed list.

const SIZE = '... on AudienceSize { value } ... on CriteoProblem { code }';
const DEEP = /* GraphQL */ `
  query Deep($first: Int!) {
    audiences(advertiserIds: ["4949", "5050"], first: $first) {
      edges {
        node {
          id
          algebra {
            __typename
            ... on AlgebraSegment { segmentId segment { ... on Segment { id name } } }
            ... on AlgebraAnd { and { __typename ... on AlgebraSegment { segment { ... on Segment { id type } } } } }
            ... on AlgebraOr { or { __typename ... on AlgebraSegment { segment { ... on Segment { id } } } } }
            ... on AlgebraNot { not { __typename ... on AlgebraSegment { segment { ... on Segment { id } } } } }
          }
          algebraNodes { id segment { ... on Segment { name } } }
          segments { ... on Segment { id size { ${SIZE} } } }
          size { ${SIZE} }
        }
      }
    }
  }
`;

interface Edge {
  node: { id: string; expression: string | null };
}
type Page = { audiences: { edges: Edge[] } };

describe('a page of audiences loads its segments and sizes ahead', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.close());

  /** One operation from a clean call count: its data (no error) and the upstream calls it made. */
  async function run(query: string, variables: Record<string, unknown>) {
    gateway.resetCalls();
    const result = await gateway.query(query, variables);
    expect(result.errors).toBeUndefined();
    return { data: result.data, calls: gateway.calls() };
  }

  /** The segment ids each segment search carried, in one set. */
  const searchedSegmentIds = () =>
    new Set(gateway.emulator.requests.list('SearchAudienceSegments').flatMap((entry) => entry.ids));

  it('answers as the fields alone do (a streamed page loads nothing ahead), with the same calls', async () => {
    const ahead = await run(DEEP, { first: 10 });
    const streamed = await run(DEEP.replace('edges {', 'edges @stream(initialCount: 0) {'), { first: 10 });
    expect(streamed.data).toEqual(ahead.data);
    expect(streamed.calls).toEqual(ahead.calls);
    // One round after the page: one search for the segments, the sizes batched per kind (under 50 ids).
    expect(ahead.calls).toEqual({
      SearchAudiences: 1,
      SearchAudienceSegments: 1,
      ComputeAudienceSegmentsSizes: 1,
      ComputeAudiencesSizes: 1,
    });
  });

  it("does the same under Advertiser: its audience page and its segment page's sizes", async () => {
    const query = /* GraphQL */ `
      query ($edges: Boolean!) {
        advertiser(id: "4949") {
          audiences(first: 10) {
            edges @include(if: $edges) { node { id segments { ... on Segment { id size { ${SIZE} } } } size { ${SIZE} } } }
            streamed: edges @skip(if: $edges) @stream(initialCount: 0) {
              node { id segments { ... on Segment { id size { ${SIZE} } } } size { ${SIZE} } }
            }
          }
          audienceSegments(first: 20) { edges { node { ... on Segment { id size { ${SIZE} } } } } }
        }
      }
    `;
    const ahead = await run(query, { edges: true });
    const streamed = await run(query, { edges: false });
    type Answer = { advertiser: { audiences: Record<string, unknown>; audienceSegments: unknown } };
    const a = ahead.data as Answer;
    const b = streamed.data as Answer;
    expect(b.advertiser.audiences.streamed).toEqual(a.advertiser.audiences.edges);
    expect(b.advertiser.audienceSegments).toEqual(a.advertiser.audienceSegments);
    expect(streamed.calls).toEqual(ahead.calls);
    // Each page asks after its own search: the segment page for its sizes, the audience page for its
    // segments and both kinds of size.
    expect(ahead.calls).toEqual({
      SearchAudiences: 1,
      SearchAudienceSegments: 2,
      ComputeAudienceSegmentsSizes: 2,
      ComputeAudiencesSizes: 1,
    });
  });

  it('loads the segments of the leaves the selection reaches, not those of deeper leaves', async () => {
    const query = /* GraphQL */ `
      query {
        audiences(advertiserIds: ["4949", "5050"], first: 50) {
          edges {
            node {
              expression
              algebra { ... on AlgebraSegment { segment { ... on Segment { id } } } }
            }
          }
        }
      }
    `;
    gateway.resetCalls();
    const result = await gateway.query(query);
    expect(result.errors).toBeUndefined();
    const edges = (result.data as Page | null | undefined)?.audiences.edges ?? [];
    // Roots that are leaves have an expression without an operator.
    const rootLeaves = new Set(
      edges.map((edge) => edge.node.expression).filter((e): e is string => !!e && /^\d+$/.test(e)),
    );
    const deeper = edges.some((edge) => edge.node.expression && !/^\d+$/.test(edge.node.expression));
    expect(rootLeaves.size).toBeGreaterThan(0);
    expect(deeper).toBe(true);
    expect(searchedSegmentIds()).toEqual(rootLeaves);
    expect(gateway.calls()).toEqual({ SearchAudiences: 1, SearchAudienceSegments: 1 });
  });

  it('reads @skip and @include with the variables: a size left out is never asked for', async () => {
    const query = /* GraphQL */ `
      query ($sizes: Boolean!) {
        audiences(advertiserIds: ["4949"], first: 20) {
          edges {
            node {
              id
              size @include(if: $sizes) { ${SIZE} }
              segments @skip(if: $sizes) { ... on Segment { id size @include(if: $sizes) { ${SIZE} } } }
            }
          }
        }
      }
    `;
    const without = await run(query, { sizes: false });
    expect(without.calls).toEqual({ SearchAudiences: 1, SearchAudienceSegments: 1 });
    const withSizes = await run(query, { sizes: true });
    expect(withSizes.calls).toEqual({ SearchAudiences: 1, ComputeAudiencesSizes: 1 });
  });

  it('does not hold the page for a deferred size: the first part leaves while Criteo computes it', async () => {
    const query = /* GraphQL */ `
      query {
        audiences(advertiserIds: ["4949"], first: 10) {
          edges { node { id segments { ... on Segment { id } } ... @defer { size { ${SIZE} } } } }
        }
      }
    `;
    gateway.resetCalls();
    gateway.emulator.faults.set('ComputeAudiencesSizes', { latencyMs: 1_500 });
    try {
      const sizesAnswered: boolean[] = [];
      const parts: Part[] = await incremental(gateway, query, () => {
        // Whether Criteo had answered the sizes call when this part arrived.
        const sizes = gateway.emulator.requests.list('ComputeAudiencesSizes');
        sizesAnswered.push(sizes.some((entry) => entry.status !== null));
      });
      expect(parts.length).toBeGreaterThan(1);
      expect(sizesAnswered[0]).toBe(false);
      expect(sizesAnswered.at(-1)).toBe(true);
      expect(parts[0]?.data).toMatchObject({ audiences: { edges: expect.any(Array) } });
      expect(gateway.calls()).toEqual({
        SearchAudiences: 1,
        SearchAudienceSegments: 1,
        ComputeAudiencesSizes: 1,
      });
    } finally {
      gateway.emulator.faults.clear();
    }
  });
});
