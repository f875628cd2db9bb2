import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { incremental } from '../support/incremental.js';

describe('@defer: a page first, its sizes later (production configuration)', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.close());
  afterEach(() => gateway.emulator.faults.clear());

  it('sends the page before Criteo answered compute-sizes, then every size in later parts, in one batch', async () => {
    // Criteo computes sizes slowly: here, slower than the page by far.
    gateway.emulator.faults.set('ComputeAudienceSegmentsSizes', { latencyMs: 1_500 });
    gateway.resetCalls();
    let sizesAnsweredAtFirstPart: number | null = null;
    const parts = await incremental(
      gateway,
      /* GraphQL */ `{
        audienceSegments(advertiserIds: ["4949"], first: 5) {
          edges { node { ... on Segment { id name ... @defer(label: "size") { size { __typename ... on AudienceSize { value } } } } } }
        }
      }`,
      () => {
        sizesAnsweredAtFirstPart ??= gateway.emulator.requests
          .list('ComputeAudienceSegmentsSizes')
          .filter((entry) => entry.status !== undefined).length;
      },
    );
    const [first, ...later] = parts;
    // The first part: the page, names included, no size yet; and no size had been answered.
    expect(sizesAnsweredAtFirstPart).toBe(0);
    const page = z
      .object({
        audienceSegments: z.object({ edges: z.array(z.object({ node: z.record(z.string(), z.unknown()) })) }),
      })
      .parse(first?.data);
    expect(page.audienceSegments.edges).toHaveLength(5);
    for (const { node } of page.audienceSegments.edges) {
      expect(node).toEqual({ id: expect.any(String), name: expect.any(String) });
    }
    expect(first?.hasNext).toBe(true);
    // Later parts: one size per segment, at its own path, labelled; the last says it is the last.
    const sizes = later.flatMap((part) => part.incremental ?? []);
    expect(sizes.map((s) => s.path)).toEqual(
      expect.arrayContaining([0, 1, 2, 3, 4].map((i) => ['audienceSegments', 'edges', i, 'node'])),
    );
    expect(sizes).toHaveLength(5);
    for (const size of sizes) {
      expect(size.label).toBe('size');
      expect(size.data).toEqual({ size: { __typename: 'AudienceSize', value: expect.any(Number) } });
    }
    expect(later.at(-1)?.hasNext).toBe(false);
    // Deferred or not, the sizes of the page are one compute-sizes call.
    expect(gateway.calls()).toEqual({ SearchAudienceSegments: 1, ComputeAudienceSegmentsSizes: 1 });
  });

  it('keeps the operation deadline for the deferred parts, their errors masked with code and request id', async () => {
    await gateway.close();
    gateway = await startTestGateway({ env: { OPERATION_TIMEOUT_MS: '800' } });
    // Far slower than the deadline: only the deadline can end the deferred part.
    gateway.emulator.faults.set('ComputeAudienceSegmentsSizes', { latencyMs: 20_000 });
    const parts = await incremental(
      gateway,
      /* GraphQL */ `{
        audienceSegments(advertiserIds: ["4949"], first: 2) {
          edges { node { ... on Segment { id ... @defer { size { __typename } } } } }
        }
      }`,
      () => {},
    );
    expect(parts[0]?.data).toBeTruthy();
    const later = parts.slice(1);
    const errors = later.flatMap((part) => (part.incremental ?? []).flatMap((item) => item.errors ?? []));
    expect(errors.length).toBeGreaterThan(0);
    // Masked like any other error: the stable code and the request id, in the later parts too.
    for (const error of errors) {
      expect(error.extensions).toMatchObject({
        code: 'CRITEO_TIMEOUT',
        operation: 'ComputeAudienceSegmentsSizes',
        requestId: expect.any(String),
      });
    }
    expect(later.at(-1)?.hasNext).toBe(false);
  }, 30_000);

  it('tells a client that accepts only JSON which media types carry incremental parts (406)', async () => {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
      },
      body: JSON.stringify({ query: '{ audience(id: "500001") { id ... @defer { size { __typename } } } }' }),
    });
    expect(response.status).toBe(406);
    expect(response.headers.get('accept')).toContain('multipart/mixed');
    expect(response.headers.get('accept')).toContain('text/event-stream');
  });
});
