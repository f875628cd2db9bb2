import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  type GraphQLResponse,
  readResponse,
  startTestGateway,
  type TestGateway,
} from '../support/gateway.js';

const ESTIMATE_AUDIENCE = /* GraphQL */ `
  query ($algebra: AudienceAlgebraInput!) {
    estimateAudienceSize(advertiserId: "4949", algebra: $algebra) {
      __typename
      ... on AudienceSize { value }
      ... on CriteoProblem { code }
    }
  }
`;
const ESTIMATE_SEGMENT = /* GraphQL */ `
  query ($definition: AudienceSegmentDefinitionInput!) {
    estimateAudienceSegmentSize(advertiserId: "4949", definition: $definition) {
      __typename
      ... on AudienceSize { value }
      ... on CriteoProblem { code }
    }
  }
`;

const CREATE_SEGMENTS = /* GraphQL */ `
  mutation ($input: [AudienceSegmentCreateInput!]!) {
    createAudienceSegments(input: $input) {
      results {
        __typename
        ... on Segment { id }
        ... on CriteoProblem { index code }
      }
      problems { index code }
    }
  }
`;

const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    '100001',
    '-1',
    '1e9',
    ' 100001',
    '١٠٠',
    '😀',
    '\u0000',
    'a'.repeat(5000),
  ),
);
const hostileKey = fc.constantFrom(
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'and',
  'or',
  'not',
  'segmentId',
  'extra',
);
const segmentIds = fc.constantFrom('100001', '100002', '100014', '100040', '100076', '999999');

/** Well-formed algebras (mostly valid, some rule-breaking), to any depth. */
const algebra = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ segmentId: segmentIds }),
    fc.record({ and: fc.array(tie('node'), { minLength: 0, maxLength: 4 }) }),
    fc.record({ or: fc.array(tie('node'), { minLength: 0, maxLength: 4 }) }),
    fc.record({ not: tie('node') }),
  ),
})).node;

/** Anything a client could send as JSON, with the keys and values that break naive code. */
const hostileJson = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.oneof(hostileKey, fc.string()), tie('value'), { maxKeys: 4 }),
  ),
})).value;

const point = fc.record({
  name: hostileString,
  latitude: fc.double({ min: -200, max: 200, noNaN: true }),
  longitude: fc.double({ min: -200, max: 200, noNaN: true }),
});
const inMarketDefinition = fc.record({
  inMarket: fc.record(
    {
      country: fc.constantFrom('FR', 'US', 'ZZ', 'BR', 'fr', '', 'FRA'),
      interestIds: fc.array(fc.constantFrom('187', '1604', '928', 'x', '999'), { maxLength: 4 }),
      brandIds: fc.array(fc.constantFrom('289', '290', '0'), { maxLength: 3 }),
      buyingPower: fc.array(fc.constantFrom('LOW', 'HIGH', 'VERY_HIGH', 'UNKNOWN'), { maxLength: 3 }),
      gender: fc.constantFrom('MALE', 'FEMALE', 'UNKNOWN', null),
    },
    { requiredKeys: ['country'] },
  ),
});
const locationDefinition = fc.record({
  location: fc.record({
    pointsOfInterest: fc.array(point, { maxLength: 4 }),
    radiusInKm: fc.integer({ min: -5, max: 700 }),
  }),
});
/** Single-type segment definitions, mostly valid, some breaking a rule (coordinates, radius, enum). */
const oneTypeDefinition = fc.oneof(inMarketDefinition, locationDefinition);
/** The same, plus two types at once (refused by @oneOf). */
const definition = fc.oneof(
  inMarketDefinition,
  locationDefinition,
  fc.record({
    inMarket: fc.record({ country: fc.constant('FR') }),
    location: fc.record({ radiusInKm: fc.constant(5), pointsOfInterest: fc.constant([]) }),
  }),
);

/** A request body with an algebra nested `depth` levels deep, written as text (too deep for JSON.stringify). */
function deepBody(depth: number): string {
  const algebra = `${'{"not":'.repeat(depth)}{"segmentId":"100001"}${'}'.repeat(depth)}`;
  return `{"query":${JSON.stringify(ESTIMATE_AUDIENCE)},"variables":{"algebra":${algebra}}}`;
}

const typeName = (value: unknown) =>
  typeof value === 'object' && value !== null && '__typename' in value ? String(value.__typename) : 'none';

/** Exactly one of: a result, or errors that are all typed input errors. Never a masked error. */
function classify(response: GraphQLResponse): 'ok' | 'invalid' {
  const errors = response.errors ?? [];
  for (const error of errors) {
    expect(error.message).not.toBe('Unexpected error.');
    const code = error.extensions?.code;
    const coercion = /^Variable "\$\w+" /.test(error.message);
    expect(code === 'BAD_USER_INPUT' || coercion, JSON.stringify(error)).toBe(true);
  }
  return errors.length > 0 ? 'invalid' : 'ok';
}

describe('hostile inputs (property-based)', () => {
  let gateway: TestGateway;
  const outcomes: Record<string, number> = {};
  const tally = (name: string, outcome: string) => {
    outcomes[`${name}:${outcome}`] = (outcomes[`${name}:${outcome}`] ?? 0) + 1;
  };

  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(async () => {
    process.stdout.write(`fuzz outcomes: ${JSON.stringify(outcomes)}\n`);
    await gateway.close();
  });

  it('answers every generated algebra with a size, a typed problem or a typed input error', async () => {
    await fc.assert(
      fc.asyncProperty(algebra, async (input) => {
        const response = await gateway.query(ESTIMATE_AUDIENCE, { algebra: input });
        const outcome = classify(response);
        tally('algebra', outcome === 'ok' ? typeName(response.data?.estimateAudienceSize) : outcome);
      }),
      { numRuns: 400, seed: 20261123 },
    );
  });

  it('answers arbitrary JSON in place of an algebra or a segment definition without crashing or masking', async () => {
    await fc.assert(
      fc.asyncProperty(hostileJson, fc.boolean(), async (input, asSegment) => {
        const response = asSegment
          ? await gateway.query(ESTIMATE_SEGMENT, { definition: input })
          : await gateway.query(ESTIMATE_AUDIENCE, { algebra: input });
        tally(asSegment ? 'json-segment' : 'json-algebra', classify(response));
      }),
      { numRuns: 400, seed: 7 },
    );
  });

  it('answers generated segment definitions with a size, a typed problem or a typed input error', async () => {
    await fc.assert(
      fc.asyncProperty(definition, async (input) => {
        const response = await gateway.query(ESTIMATE_SEGMENT, { definition: input });
        tally('segment', classify(response));
      }),
      { numRuns: 300, seed: 42 },
    );
  });

  it('answers a generated bulk create item by item: a bad item is a typed problem at its own index', async () => {
    const item = fc.record({
      advertiserId: fc.oneof(
        { arbitrary: fc.constant('4949'), weight: 6 },
        { arbitrary: fc.constantFrom('5050', '7070', 'x', ''), weight: 1 },
      ),
      name: fc.oneof({ arbitrary: fc.uuid(), weight: 4 }, { arbitrary: hostileString, weight: 1 }),
      definition: fc.oneof(
        { arbitrary: fc.constant({ contactList: true }), weight: 2 },
        { arbitrary: oneTypeDefinition, weight: 2 },
        { arbitrary: definition, weight: 1 },
      ),
    });
    const Payload = z.object({
      results: z.array(z.object({ __typename: z.string(), index: z.number().nullish() })),
      problems: z.array(z.object({ index: z.number() })),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(item, { maxLength: 8 }), async (input) => {
        const response = await gateway.query(CREATE_SEGMENTS, { input });
        if (classify(response) === 'invalid') {
          // Only a list GraphQL cannot coerce (here: two types at once, refused by @oneOf) is refused whole.
          expect(response.errors?.every((e) => /^Variable "\$input" /.test(e.message))).toBe(true);
          tally('bulk', 'invalid');
          return;
        }
        const { results, problems } = Payload.parse(response.data?.createAudienceSegments);
        expect(results).toHaveLength(input.length);
        for (const [position, result] of results.entries())
          if (result.__typename === 'CriteoProblem') expect(result.index).toBe(position);
        const failed = results.flatMap((r, position) => (r.__typename === 'CriteoProblem' ? [position] : []));
        expect([...new Set(problems.map((p) => p.index))]).toEqual(failed);
        const written = input.length - failed.length;
        tally('bulk', failed.length === 0 ? 'all-written' : written === 0 ? 'none-written' : 'partial');
      }),
      { numRuns: 200, seed: 13 },
    );
  });

  it('refuses extreme shapes before any upstream call: deep nesting, huge lists, prototype keys', async () => {
    for (const depth of [50, 5_000, 50_000]) {
      gateway.resetCalls();
      const raw = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: deepBody(depth),
      });
      expect(classify(await readResponse(raw))).toBe('invalid');
      expect(gateway.calls()).toEqual({});
      tally('extreme', 'invalid');
    }
    const cases: unknown[] = [
      { and: Array.from({ length: 20_000 }, () => ({ segmentId: '100001' })) },
      JSON.parse('{"__proto__": {"segmentId": "100001"}, "segmentId": "100002"}'),
      { constructor: { segmentId: '100001' } },
      { and: [{ segmentId: '100001' }, { segmentId: true }] },
    ];
    for (const input of cases) {
      gateway.resetCalls();
      const response = await gateway.query(ESTIMATE_AUDIENCE, { algebra: input });
      expect(classify(response)).toBe('invalid');
      expect(gateway.calls()).toEqual({});
      tally('extreme', 'invalid');
    }
    // The process is alive and still answers normally.
    const healthy = await gateway.query(ESTIMATE_AUDIENCE, { algebra: { segmentId: '100001' } });
    expect(classify(healthy)).toBe('ok');
  });
});
