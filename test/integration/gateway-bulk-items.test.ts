import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { ADVERTISER, demoSegments, payload, sentItems } from '../support/writes.js';

/** 4949 and 5050 are the demo application's advertisers; 7070 belongs to another application. */
const OTHER_OWN_ADVERTISER = '5050';
const FOREIGN_ADVERTISER = '7070';

const CREATE_SEGMENTS = /* GraphQL */ `
  mutation Create($input: [AudienceSegmentCreateInput!]!) {
    createAudienceSegments(input: $input) {
      results {
        __typename
        ... on Segment { id name }
        ... on CriteoProblem { index code detail source { field path } }
      }
      problems { index code }
      warnings { index code }
    }
  }
`;

const leaf = (segmentId: string) => ({ segmentId });

/** One row per input item: the segment's name, or `problem <code>`. */
const outcomeTable = (
  results: { __typename: string; name?: string | undefined; code?: string | undefined }[],
) => results.map((r) => (r.__typename === 'CriteoProblem' ? `problem ${r.code}` : r.name));

describe('bulk writes: one bad item never sinks the others', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.close());
  beforeEach(() => gateway.resetCalls());

  it('creates 113 of 120 segments: 2 break a gateway rule, 5 belong to an advertiser the application cannot access', async () => {
    const advertiserOf = (i: number) => {
      if (i >= 30 && i <= 34) return FOREIGN_ADVERTISER;
      return i >= 100 ? OTHER_OWN_ADVERTISER : ADVERTISER;
    };
    const input = Array.from({ length: 120 }, (_, i) => {
      const item = { advertiserId: advertiserOf(i), name: `Bulk item ${i}` };
      if (i === 5)
        return {
          ...item,
          definition: {
            location: { radiusInKm: 5, pointsOfInterest: [{ name: 'Nowhere', latitude: 200, longitude: 2 }] },
          },
        };
      if (i === 77)
        return {
          ...item,
          definition: {
            retargeting: { visitorsType: 'ALL', daysSinceLastVisitMin: -3, daysSinceLastVisitMax: 30 },
          },
        };
      return { ...item, definition: { contactList: true } };
    });

    const result = await gateway.query(CREATE_SEGMENTS, { input });
    expect(result.errors).toBeUndefined();
    const { results, problems } = payload(result.data, 'createAudienceSegments');

    const expected = input.map((item, i) => {
      if (i === 5) return 'problem poi-coordinates-must-be-valid';
      if (i === 77) return 'problem retargeting-segment-days-since-last-visit-are-not-in-acceptable-range';
      if (item.advertiserId === FOREIGN_ADVERTISER) return 'problem advertiser-not-authorized';
      return item.name;
    });
    expect(outcomeTable(results)).toEqual(expected);
    expect(results.filter((r) => r.__typename === 'ContactListSegment')).toHaveLength(113);
    expect(problems.map((p) => p.index)).toEqual([5, 30, 31, 32, 33, 34, 77]);

    // The gateway's own checks: typed like Criteo's problems, naming the input path, rule and field.
    expect(results[5]).toMatchObject({
      index: 5,
      detail:
        'input[5].definition.location.pointsOfInterest[0].latitude: must be between -90 and 90 (got 200)',
      source: [{ field: 'latitude', path: 'data/5/attributes/location/pointsOfInterest/0/latitude' }],
    });
    expect(results[77]).toMatchObject({
      index: 77,
      detail: 'input[77].definition.retargeting.daysSinceLastVisitMin: must be 0 or more (got -3)',
      source: [
        { field: 'daysSinceLastVisitMin', path: 'data/77/attributes/retargeting/daysSinceLastVisitMin' },
      ],
    });

    // One advertiser per call, in chunks of 50: 4949 (93 items) in 50 + 43, 7070 (refused whole) in 5,
    // 5050 in 20. Items 5 and 77 were never sent.
    const calls = sentItems(gateway, 'CreateAudienceSegments');
    expect(gateway.calls()).toEqual({ CreateAudienceSegments: 4 });
    expect(calls.map((items) => items.length)).toEqual([50, 43, 5, 20]);
    const advertisersOf = (items: Record<string, unknown>[]) =>
      new Set(items.map((item) => (item.attributes as { advertiserId?: string }).advertiserId));
    expect(calls.map(advertisersOf)).toEqual([
      new Set([ADVERTISER]),
      new Set([ADVERTISER]),
      new Set([FOREIGN_ADVERTISER]),
      new Set([OTHER_OWN_ADVERTISER]),
    ]);
    const sentNames = calls.flat().map((item) => (item.attributes as { name?: string }).name);
    expect(sentNames).not.toContain('Bulk item 5');
    expect(sentNames).not.toContain('Bulk item 77');

    // What Criteo now holds: exactly the 113 valid items of the application's own advertisers.
    const stored = [...gateway.emulator.store.segments.values()].filter((s) =>
      s.attributes.name.startsWith('Bulk item '),
    );
    expect(stored.map((s) => s.attributes.name).sort()).toEqual(
      expected.filter((outcome) => !outcome.startsWith('problem ')).sort(),
    );
    expect(new Set(stored.map((s) => s.attributes.advertiserId))).toEqual(
      new Set([ADVERTISER, OTHER_OWN_ADVERTISER]),
    );
  });

  it('creates 2 of 3 audiences when one has an AND of a single child', async () => {
    const [a, b] = demoSegments(gateway, 'InMarket', 2);
    const algebra = { or: [leaf(a?.id ?? ''), leaf(b?.id ?? '')] };
    const result = await gateway.query(
      /* GraphQL */ `mutation($input: [AudienceCreateInput!]!) { createAudiences(input: $input) {
        results { __typename ... on Audience { name } ... on CriteoProblem { index code detail source { field path } } }
        problems { index code }
      } }`,
      {
        input: [
          { advertiserId: ADVERTISER, name: 'Items audience 0', algebra },
          { advertiserId: ADVERTISER, name: 'Items audience 1', algebra: { and: [leaf(a?.id ?? '')] } },
          { advertiserId: ADVERTISER, name: 'Items audience 2', algebra },
        ],
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.createAudiences).toEqual({
      results: [
        { __typename: 'Audience', name: 'Items audience 0' },
        {
          __typename: 'CriteoProblem',
          index: 1,
          code: 'audience-algebra-and-or-nodes-must-include-more-than-one-node',
          detail: 'input[1].algebra.and: an AND node needs at least 2 children (got 1)',
          source: [{ field: 'and', path: 'data/1/attributes/algebra/and' }],
        },
        { __typename: 'Audience', name: 'Items audience 2' },
      ],
      problems: [{ index: 1, code: 'audience-algebra-and-or-nodes-must-include-more-than-one-node' }],
    });
    expect(sentItems(gateway, 'CreateAudiences').map((items) => items.length)).toEqual([2]);
    const stored = [...gateway.emulator.store.audiences.values()].map((x) => x.attributes.name);
    expect(stored.filter((name) => name.startsWith('Items audience')).sort()).toEqual([
      'Items audience 0',
      'Items audience 2',
    ]);
  });

  it('fails alone an audience whose algebra is deeper than 10 levels', async () => {
    const [a, b] = demoSegments(gateway, 'InMarket', 2);
    let deep: Record<string, unknown> = leaf(a?.id ?? '');
    for (let level = 1; level < 11; level++) deep = { not: deep };
    const result = await gateway.query(
      /* GraphQL */ `mutation($input: [AudienceCreateInput!]!) { createAudiences(input: $input) {
        results { __typename ... on Audience { name } ... on CriteoProblem { index code detail } }
      } }`,
      {
        input: [
          { advertiserId: ADVERTISER, name: 'Too deep', algebra: deep },
          {
            advertiserId: ADVERTISER,
            name: 'Shallow',
            algebra: { and: [leaf(a?.id ?? ''), leaf(b?.id ?? '')] },
          },
        ],
      },
    );
    expect(result.data?.createAudiences).toEqual({
      results: [
        {
          __typename: 'CriteoProblem',
          index: 0,
          code: 'invalid-input',
          detail: `input[0].algebra${'.not'.repeat(10)}: the algebra is deeper than 10 levels`,
        },
        { __typename: 'Audience', name: 'Shallow' },
      ],
    });
    expect(sentItems(gateway, 'CreateAudiences').map((items) => items.length)).toEqual([1]);
  });

  it('updates the valid segments and audiences beside a non-numeric id', async () => {
    const [first, second] = demoSegments(gateway, 'Location', 2);
    if (!first || !second) throw new Error('two demo location segments expected');
    const segments = await gateway.query(
      /* GraphQL */ `mutation($input: [AudienceSegmentUpdateInput!]!) { updateAudienceSegments(input: $input) {
        results { __typename ... on Segment { id name } ... on CriteoProblem { index code detail source { field path } } }
        problems { index code }
      } }`,
      {
        input: [
          { id: first.id, name: 'Renamed first' },
          { id: 'segment-7', name: 'Never sent' },
          { id: second.id, name: 'Renamed second' },
        ],
      },
    );
    expect(segments.data?.updateAudienceSegments).toEqual({
      results: [
        { __typename: 'LocationSegment', id: first.id, name: 'Renamed first' },
        {
          __typename: 'CriteoProblem',
          index: 1,
          code: 'non-parsable-id',
          detail: 'input[1].id: a segment id is numeric, e.g. "100014" (got "segment-7")',
          source: [{ field: 'id', path: 'data/1/id' }],
        },
        { __typename: 'LocationSegment', id: second.id, name: 'Renamed second' },
      ],
      problems: [{ index: 1, code: 'non-parsable-id' }],
    });
    expect(sentItems(gateway, 'UpdateAudienceSegments').map((items) => items.map((item) => item.id))).toEqual(
      [[first.id, second.id]],
    );
    expect(gateway.emulator.store.segments.get(first.id)?.attributes.name).toBe('Renamed first');
    expect(gateway.emulator.store.segments.get(second.id)?.attributes.name).toBe('Renamed second');

    const audience = [...gateway.emulator.store.audiences.values()].find(
      (x) => x.attributes.advertiserId === ADVERTISER,
    );
    if (!audience) throw new Error('a demo audience expected');
    const audiences = await gateway.query(
      /* GraphQL */ `mutation($input: [AudienceUpdateInput!]!) { updateAudiences(input: $input) {
        results { __typename ... on Audience { id name } ... on CriteoProblem { index code } }
      } }`,
      {
        input: [
          { id: '12x', name: 'Never sent' },
          { id: audience.id, name: 'Renamed audience' },
        ],
      },
    );
    expect(audiences.data?.updateAudiences).toEqual({
      results: [
        { __typename: 'CriteoProblem', index: 0, code: 'non-parsable-id' },
        { __typename: 'Audience', id: audience.id, name: 'Renamed audience' },
      ],
    });
    expect(gateway.emulator.store.audiences.get(audience.id)?.attributes.name).toBe('Renamed audience');
    expect(gateway.calls()).toEqual({ UpdateAudienceSegments: 1, UpdateAudiences: 1 });
  });

  it('deletes the valid ids beside a non-numeric and a repeated one', async () => {
    const store = gateway.emulator.store;
    const [x, y] = demoSegments(gateway, 'InMarket', 40).filter(
      (s) => store.audiencesUsingSegment(s.id).length === 0,
    );
    if (!x || !y) throw new Error('two demo segments no audience uses expected');
    const segments = await gateway.query(
      /* GraphQL */ `mutation($ids: [ID!]!) { deleteAudienceSegments(ids: $ids) {
        results { __typename ... on DeletedAudienceSegment { id } ... on CriteoProblem { index code detail source { field path } } }
      } }`,
      { ids: [x.id, 'not-a-number', y.id, x.id] },
    );
    expect(segments.data?.deleteAudienceSegments).toEqual({
      results: [
        { __typename: 'DeletedAudienceSegment', id: x.id },
        {
          __typename: 'CriteoProblem',
          index: 1,
          code: 'non-parsable-id',
          detail: 'ids[1]: a segment id is numeric, e.g. "100014" (got "not-a-number")',
          source: [{ field: 'id', path: 'data/1/id' }],
        },
        { __typename: 'DeletedAudienceSegment', id: y.id },
        {
          __typename: 'CriteoProblem',
          index: 3,
          code: 'duplicate-id',
          detail: `ids[3]: ${x.id} appears more than once (first at [0])`,
          source: [{ field: 'id', path: 'data/3/id' }],
        },
      ],
    });
    expect(sentItems(gateway, 'DeleteAudienceSegments').map((items) => items.map((item) => item.id))).toEqual(
      [[x.id, y.id]],
    );
    expect(store.segments.has(x.id) || store.segments.has(y.id)).toBe(false);

    const free = [...store.audiences.values()].find(
      (a) => a.attributes.advertiserId === ADVERTISER && store.adSetIdsOf(a.id).length === 0,
    );
    if (!free) throw new Error('a demo audience no ad set targets expected');
    const audiences = await gateway.query(
      /* GraphQL */ `mutation($ids: [ID!]!) { deleteAudiences(ids: $ids) {
        results { __typename ... on DeletedAudience { id } ... on CriteoProblem { index code } } } }`,
      { ids: [free.id, ''] },
    );
    expect(audiences.data?.deleteAudiences).toEqual({
      results: [
        { __typename: 'DeletedAudience', id: free.id },
        { __typename: 'CriteoProblem', index: 1, code: 'non-parsable-id' },
      ],
    });
    expect(store.audiences.has(free.id)).toBe(false);
    expect(gateway.calls()).toEqual({ DeleteAudienceSegments: 1, DeleteAudiences: 1 });
  });

  it('still refuses the whole request when the list cannot be taken at all (over 1,000 items)', async () => {
    const input = Array.from({ length: 1001 }, (_, i) => ({
      advertiserId: ADVERTISER,
      name: `Too many ${i}`,
      definition: { contactList: true },
    }));
    const result = await gateway.query(CREATE_SEGMENTS, { input });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(gateway.calls()).toEqual({});
  });
});
