import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { algebraSize } from '../../src/emulator/sizing.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { ADVERTISER, demoSegments } from '../support/writes.js';

const ESTIMATE = /* GraphQL */ `
  query Estimate($algebra: AudienceAlgebraInput!) {
    estimateAudienceSize(advertiserId: "4949", algebra: $algebra) {
      __typename
      ... on AudienceSize { value }
      ... on CriteoProblem { code detail }
    }
  }
`;

const leaf = (segmentId: string) => ({ segmentId });
const nested = (depth: number) => {
  let node: Record<string, unknown> = leaf('1');
  for (let i = 1; i < depth; i++) node = { not: node };
  return node;
};

/** Malformed algebras GraphQL accepts and the gateway refuses: the shape and the exact message. */
const MALFORMED: [string, unknown, string][] = [
  ['an AND of one node', { and: [leaf('1')] }, 'algebra.and: an AND node needs at least 2 children (got 1)'],
  ['an empty OR', { or: [] }, 'algebra.or: an OR node needs at least 2 children (got 0)'],
  [
    'a non-numeric segment id',
    { segmentId: 'abc' },
    'algebra.segmentId: a segment id is numeric, e.g. "100014" (got "abc")',
  ],
  [
    'an empty segment id',
    { segmentId: '' },
    'algebra.segmentId: a segment id is numeric, e.g. "100014" (got "")',
  ],
  [
    'a decimal segment id deep inside',
    { and: [leaf('1'), { or: [leaf('2'), leaf('3.5')] }] },
    'algebra.and[1].or[1].segmentId: a segment id is numeric, e.g. "100014" (got "3.5")',
  ],
  [
    'an OR of one under a NOT',
    { and: [leaf('1'), leaf('2'), { not: { or: [leaf('3')] } }] },
    'algebra.and[2].not.or: an OR node needs at least 2 children (got 1)',
  ],
  [
    'an AND of one under an OR',
    { or: [{ and: [leaf('1')] }, leaf('2')] },
    'algebra.or[0].and: an AND node needs at least 2 children (got 1)',
  ],
  [
    'a tree deeper than 10 levels',
    nested(11),
    'algebra.not.not.not.not.not.not.not.not.not.not: the algebra is deeper than 10 levels',
  ],
  [
    'a tree of more than 100 nodes',
    { or: Array.from({ length: 100 }, (_, i) => leaf(String(i + 1))) },
    'algebra: the algebra has 101 nodes; at most 100',
  ],
  [
    'two broken nodes at once',
    { and: [{ or: [] }, leaf('x')] },
    'algebra.and[0].or: an OR node needs at least 2 children (got 0); algebra.and[1].segmentId: a segment id is numeric, e.g. "100014" (got "x")',
  ],
];

describe('AudienceAlgebraInput validation', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.close());
  beforeEach(() => gateway.resetCalls());

  for (const [shape, algebra, message] of MALFORMED) {
    it(`refuses ${shape} with the path and the rule, before any upstream call`, async () => {
      const result = await gateway.query(ESTIMATE, { algebra });
      expect(result.data).toEqual({ estimateAudienceSize: null });
      expect(result.errors).toHaveLength(1);
      expect(result.errors?.[0]?.message).toBe(message);
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(gateway.calls()).toEqual({});
    });
  }

  it('refuses a node with two keys through @oneOf, before any upstream call', async () => {
    const result = await gateway.query(ESTIMATE, {
      algebra: { and: [leaf('1'), leaf('2')], segmentId: '3' },
    });
    expect(result.errors?.[0]?.message).toContain(
      'Exactly one key must be specified for OneOf type "AudienceAlgebraInput"',
    );
    expect(gateway.calls()).toEqual({});
  });

  it('fails only the broken item of a bulk create, naming its path and rule, and creates the other', async () => {
    const [a, b] = demoSegments(gateway, 'InMarket', 2);
    const ok = { and: [leaf(a?.id ?? ''), leaf(b?.id ?? '')] };
    const result = await gateway.query(
      /* GraphQL */ `mutation($input: [AudienceCreateInput!]!) { createAudiences(input: $input) {
        results { __typename ... on Audience { name } ... on CriteoProblem { index code detail source { field path } } }
      } }`,
      {
        input: [
          { advertiserId: ADVERTISER, name: 'Fine', algebra: ok },
          { advertiserId: ADVERTISER, name: 'Broken', algebra: { and: [ok, { not: { and: [leaf('1')] } }] } },
        ],
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.createAudiences).toEqual({
      results: [
        { __typename: 'Audience', name: 'Fine' },
        {
          __typename: 'CriteoProblem',
          index: 1,
          code: 'audience-algebra-and-or-nodes-must-include-more-than-one-node',
          detail: 'input[1].algebra.and[1].not.and: an AND node needs at least 2 children (got 1)',
          source: [{ field: 'and', path: 'data/1/attributes/algebra/and/1/not/and' }],
        },
      ],
    });
    expect(gateway.calls()).toEqual({ CreateAudiences: 1 });
  });
});

describe('estimateAudienceSize and estimateAudienceSegmentSize', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.close());
  beforeEach(() => gateway.resetCalls());

  it('estimates an unsaved algebra with segmentId sent as audienceSegmentId', async () => {
    const [a, b] = demoSegments(gateway, 'InMarket', 2);
    const [c] = demoSegments(gateway, 'Location', 1);
    const algebra = { and: [{ or: [leaf(a?.id ?? ''), leaf(b?.id ?? '')] }, { not: leaf(c?.id ?? '') }] };
    const criteoAlgebra = {
      and: [
        { or: [{ audienceSegmentId: a?.id }, { audienceSegmentId: b?.id }] },
        { not: { audienceSegmentId: c?.id } },
      ],
    };
    const expected = algebraSize(criteoAlgebra, gateway.emulator.store);
    if (!expected.ok) throw new Error('the demo segments should have a size');
    const result = await gateway.query(ESTIMATE, { algebra });
    expect(result.data).toEqual({
      estimateAudienceSize: { __typename: 'AudienceSize', value: expected.size },
    });
    expect(gateway.calls()).toEqual({ EstimateAudiencesSizes: 1 });
    const [call] = gateway.emulator.requests.list('EstimateAudiencesSizes');
    expect(call?.body).toEqual({
      data: { type: 'Audience', attributes: { advertiserId: ADVERTISER, algebra: criteoAlgebra } },
    });
  });

  it("answers Criteo's refusal of an algebra as a typed problem", async () => {
    const result = await gateway.query(ESTIMATE, { algebra: { or: [leaf('999999901'), leaf('999999902')] } });
    expect(result.data).toMatchObject({
      estimateAudienceSize: {
        __typename: 'CriteoProblem',
        code: 'audience-must-contain-only-existing-segments',
      },
    });
  });

  it('estimates an in-market definition and refuses a type Criteo cannot estimate', async () => {
    const query = /* GraphQL */ `
      query($definition: AudienceSegmentDefinitionInput!) {
        estimateAudienceSegmentSize(advertiserId: "4949", definition: $definition) {
          __typename ... on AudienceSize { value } ... on CriteoProblem { code }
        }
      }
    `;
    const estimated = await gateway.query(query, {
      definition: { inMarket: { country: 'FR', buyingPower: ['HIGH', 'VERY_HIGH'], gender: 'FEMALE' } },
    });
    const Size = z.object({
      estimateAudienceSegmentSize: z.object({ __typename: z.literal('AudienceSize'), value: z.number() }),
    });
    expect(Size.safeParse(estimated.data).success).toBe(true);
    const [call] = gateway.emulator.requests.list('EstimateAudienceSegmentsSizes');
    expect(call?.body).toEqual({
      data: {
        type: 'AudienceSegment',
        attributes: {
          advertiserId: ADVERTISER,
          inMarket: { country: 'FR', buyingPower: ['High', 'VeryHigh'], gender: 'Female' },
        },
      },
    });
    const refused = await gateway.query(query, { definition: { contactList: true } });
    expect(refused.errors?.[0]?.message).toBe(
      'definition: Criteo estimates inMarket and location only (got contactList)',
    );
    expect(gateway.calls()).toEqual({ EstimateAudienceSegmentsSizes: 1 });
  });
});
