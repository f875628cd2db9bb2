import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AlgebraNode } from '../../src/contract/audience.js';
import { GRAPHIQL_TABS } from '../../src/graphiql-tabs.js';
import { bodyOf, startTestGateway, type TestGateway } from '../support/gateway.js';

/** Every `__typename` in a JSON value, with how many times it appears. */
function typenames(value: unknown, into = new Map<string, number>()): Map<string, number> {
  if (Array.isArray(value)) for (const item of value) typenames(item, into);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      if (key === '__typename' && typeof child === 'string') into.set(child, (into.get(child) ?? 0) + 1);
      else typenames(child, into);
    }
  }
  return into;
}

/** The `src`/`href` attributes of the page's own tags (inlined script and style bodies left out). */
function assetUrls(html: string): string[] {
  const markup = html
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, (tag) => tag.slice(0, tag.indexOf('>') + 1))
    .replace(/<style\b[^>]*>[\s\S]*?<\/style>/gi, '<style>');
  return [...markup.matchAll(/\b(?:src|href)\s*=\s*["']?([^"'\s>]+)/gi)].map((m) => m[1] ?? '');
}

describe('serving', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.close());
  beforeEach(() => gateway.resetCalls());

  it('GET /health is 200', async () => {
    const response = await fetch(gateway.url.replace(/\/graphql$/, '/health'));
    expect(response.status).toBe(200);
    await response.body?.cancel();
    expect(gateway.calls()).toEqual({});
  });

  it('GET /graphql as HTML is GraphiQL with every asset served from the page itself', async () => {
    const response = await fetch(gateway.url, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain('<title>Criteo Audience GraphQL</title>');
    expect(html).toMatch(/<script\b/);

    const urls = assetUrls(html);
    for (const url of urls) {
      // Inline data, or a path on this server: never another host.
      expect(url).toMatch(/^(data:|\/(?!\/)|#)/);
      expect(url).not.toMatch(/unpkg|jsdelivr|cdn/i);
    }
    expect(html).not.toMatch(/<script[^>]+src=["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/<link[^>]+href=["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/unpkg\.com|cdn\.jsdelivr\.net|cdnjs/i);
    expect(gateway.calls()).toEqual({});
  });

  describe('GraphiQL default tabs run against the demo data', () => {
    it('there are tabs to run', () => {
      expect(GRAPHIQL_TABS.length).toBeGreaterThanOrEqual(3);
      for (const tab of GRAPHIQL_TABS) expect(tab.query).toMatch(/^# /);
    });

    GRAPHIQL_TABS.forEach((tab, index) => {
      const title = tab.query.split('\n')[0]?.replace(/^#\s*/, '') ?? `tab ${index + 1}`;
      it(`tab ${index + 1}: ${title}`, async () => {
        const result = await gateway.query(tab.query);
        expect(result.errors).toBeUndefined();
        expect(result.data).toBeTruthy();
        // Every root field of the tab returned something.
        for (const value of Object.values(result.data ?? {})) expect(value).not.toBeNull();
        expect(Object.keys(gateway.calls()).length).toBeGreaterThan(0);
      });
    });

    it('the per-item error tab shows a CriteoProblem beside AudienceSize siblings', async () => {
      const tab = GRAPHIQL_TABS.find(
        (t) => t.query.includes('CriteoProblem') && /^#.*per-item/i.test(t.query),
      );
      expect(tab).toBeDefined();
      const result = await gateway.query(tab?.query ?? '');
      expect(result.errors).toBeUndefined();
      const seen = typenames(result.data);
      expect(seen.get('CriteoProblem') ?? 0).toBeGreaterThanOrEqual(1);
      expect(seen.get('AudienceSize') ?? 0).toBeGreaterThanOrEqual(1);
    });
  });

  it('without GraphiQL, a browser gets no GraphiQL page', async () => {
    const plain = await startTestGateway({ env: { GRAPHIQL: 'false' } });
    try {
      const response = await fetch(plain.url, { headers: { accept: 'text/html' } });
      const body = await response.text();
      expect(body).not.toContain('Criteo Audience GraphQL');
      expect(body).not.toMatch(/<script\b/);
      // The API itself still answers.
      const result = await plain.query('{ audienceSegment(id: "100001") { ... on Segment { id } } }');
      expect(bodyOf(result)).toEqual({ data: { audienceSegment: { id: '100001' } } });
    } finally {
      await plain.close();
    }
  });
});

describe('the N+1 control (batch: false)', () => {
  const PAGE = /* GraphQL */ `
    {
      audiences(advertiserIds: ["4949"], first: 10) {
        edges {
          node {
            id
            name
            segments { __typename ... on Segment { id name size { __typename ... on AudienceSize { value } ... on CriteoProblem { code detail } } } }
            size { __typename ... on AudienceSize { value } ... on CriteoProblem { code detail } }
          }
        }
      }
    }
  `;

  let batched: TestGateway;
  let unbatched: TestGateway;
  beforeAll(async () => {
    [batched, unbatched] = await Promise.all([startTestGateway(), startTestGateway({ batch: false })]);
  });
  afterAll(async () => {
    await Promise.all([batched.close(), unbatched.close()]);
  });

  /** Leaves in order of appearance. */
  function leaves(node: AlgebraNode | null | undefined): string[] {
    if (!node) return [];
    if (node.audienceSegmentId) return [node.audienceSegmentId];
    return [...(node.and ?? []), ...(node.or ?? []), ...(node.not ? [node.not] : [])].flatMap(leaves);
  }

  it('returns the same data as batched, with one upstream call per load', async () => {
    const [withBatching, withoutBatching] = await Promise.all([batched.query(PAGE), unbatched.query(PAGE)]);
    expect(withBatching.errors).toBeUndefined();
    expect(bodyOf(withoutBatching)).toEqual(bodyOf(withBatching));

    const ids = z
      .object({ audiences: z.object({ edges: z.array(z.object({ node: z.object({ id: z.string() }) })) }) })
      .parse(withBatching.data)
      .audiences.edges.map((e) => e.node.id);
    expect(ids).toHaveLength(10);

    // Segment references of the page, and the distinct segments (each request caches its loads).
    const references = ids.flatMap((id) => [
      ...new Set(leaves(batched.emulator.store.audiences.get(id)?.attributes.algebra)),
    ]);
    const distinct = new Set(references);
    expect(distinct.size).toBeGreaterThan(10);

    expect(batched.calls()).toEqual({
      SearchAudiences: 1,
      SearchAudienceSegments: 1,
      ComputeAudienceSegmentsSizes: 1,
      ComputeAudiencesSizes: 1,
    });
    expect(unbatched.calls()).toEqual({
      SearchAudiences: 1,
      SearchAudienceSegments: distinct.size,
      ComputeAudienceSegmentsSizes: distinct.size,
      ComputeAudiencesSizes: ids.length,
    });
    // Unbatched, every call carries one id.
    for (const operationId of [
      'SearchAudienceSegments',
      'ComputeAudienceSegmentsSizes',
      'ComputeAudiencesSizes',
    ])
      for (const entry of unbatched.emulator.requests.list(operationId)) expect(entry.ids).toHaveLength(1);
    expect(
      unbatched.emulator.requests
        .list('SearchAudienceSegments')
        .flatMap((e) => e.ids)
        .sort(),
    ).toEqual([...distinct].sort());
  });
});
