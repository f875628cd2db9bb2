/** Per-item problems of compute-sizes: a size that is not available stays beside its sized siblings. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { algebraSize } from '../../src/emulator/sizing.js';
import type { TestGateway } from '../support/gateway.js';
import { readFixtures, SIZE, startReadGateway } from '../support/read.js';

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

describe('gateway read path against the emulator', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startReadGateway();
  });
  afterAll(() => gateway.close());
  beforeEach(() => gateway.resetCalls());

  const { store, segments, audiencesOf, emulatorCall } = readFixtures(() => gateway);

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
});
