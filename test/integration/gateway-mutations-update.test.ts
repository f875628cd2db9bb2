import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { ADVERTISER, demoSegment, demoSegments, payload, sentItems } from '../support/writes.js';

const leaf = (segmentId: string) => ({ segmentId });

describe('updateAudienceSegments', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.close());
  beforeEach(() => gateway.resetCalls());

  const UPDATE = /* GraphQL */ `
    mutation Update($input: [AudienceSegmentUpdateInput!]!) {
      updateAudienceSegments(input: $input) {
        results { __typename ... on Segment { id name description } ... on CriteoProblem { index code } }
        problems { index code }
        warnings { index code }
      }
    }
  `;

  it('sends an explicit null as a nillable { value: null } and leaves absent fields out', async () => {
    const described = demoSegment(
      gateway,
      (s) => s.attributes.type === 'InMarket' && !!s.attributes.description,
    );
    const other = demoSegment(gateway, (s) => s.attributes.type === 'Retargeting');
    const result = await gateway.query(UPDATE, {
      input: [
        { id: described.id, description: null },
        {
          id: other.id,
          name: 'Renamed retargeting',
          definition: { retargeting: { daysSinceLastVisitMax: 60 } },
        },
      ],
    });
    expect(result.errors).toBeUndefined();
    const { results } = payload(result.data, 'updateAudienceSegments');
    expect(results).toMatchObject([
      { id: described.id, description: null },
      { id: other.id, name: 'Renamed retargeting' },
    ]);
    expect(sentItems(gateway, 'UpdateAudienceSegments')).toEqual([
      [
        { id: described.id, type: 'AudienceSegment', attributes: { description: { value: null } } },
        {
          id: other.id,
          type: 'AudienceSegment',
          attributes: { name: 'Renamed retargeting', retargeting: { daysSinceLastVisitMax: 60 } },
        },
      ],
    ]);
  });

  it('fails alone an item nulling a field Criteo cannot clear, and the repeat of an id named twice', async () => {
    const [segment, other] = demoSegments(gateway, 'InMarket', 2);
    if (!segment || !other) throw new Error('two demo in-market segments expected');
    const nulled = await gateway.query(UPDATE, {
      input: [
        { id: segment.id, name: null },
        { id: other.id, name: 'Renamed beside a null' },
      ],
    });
    expect(nulled.errors).toBeUndefined();
    expect(payload(nulled.data, 'updateAudienceSegments').results).toEqual([
      { __typename: 'CriteoProblem', index: 0, code: 'invalid-input' },
      {
        __typename: 'InMarketSegment',
        id: other.id,
        name: 'Renamed beside a null',
        description: other.attributes.description,
      },
    ]);
    expect(sentItems(gateway, 'UpdateAudienceSegments')).toEqual([
      [{ id: other.id, type: 'AudienceSegment', attributes: { name: 'Renamed beside a null' } }],
    ]);

    gateway.resetCalls();
    const twice = await gateway.query(UPDATE, {
      input: [
        { id: segment.id, name: 'First use' },
        { id: segment.id, name: 'Repeat' },
      ],
    });
    const { results, problems } = payload(twice.data, 'updateAudienceSegments');
    expect(results[0]).toMatchObject({ id: segment.id, name: 'First use' });
    expect(problems).toEqual([{ index: 1, code: 'duplicate-id' }]);
    // Criteo applies the first use of an id and reports the repeat; the repeat is never sent.
    expect(sentItems(gateway, 'UpdateAudienceSegments')).toEqual([
      [{ id: segment.id, type: 'AudienceSegment', attributes: { name: 'First use' } }],
    ]);
  });

  it("carries Criteo's per-item warnings into the payload at the item's index, across chunks of 50", async () => {
    // 60 location segments: two calls (50 + 10). The emulator warns on the deprecated `registryType`.
    const ids = Array.from(
      { length: 60 },
      (_, i) =>
        gateway.emulator.store.addSegment({
          advertiserId: ADVERTISER,
          name: `Warned location ${i}`,
          type: 'Location',
          location: {
            registryType: 'PointOfInterest',
            pointsOfInterest: [{ name: 'Lyon', latitude: 45.764, longitude: 4.8357 }],
            radiusInKm: 10,
          },
          createdAt: new Date().toISOString(),
          updatedAt: null,
        }).id,
    );
    const warned = new Set([3, 55]);
    const result = await gateway.query(UPDATE, {
      input: ids.map((id, i) => ({
        id,
        definition: {
          location: warned.has(i)
            ? { radiusInKm: 20, registryType: 'POINT_OF_INTEREST' }
            : { radiusInKm: 20 },
        },
      })),
    });
    expect(result.errors).toBeUndefined();
    const outcome = payload(result.data, 'updateAudienceSegments');
    expect(outcome.results.map((r) => r.id)).toEqual(ids);
    expect(outcome.problems).toEqual([]);
    expect(outcome.warnings).toEqual([
      { index: 3, code: 'deprecated-field' },
      { index: 55, code: 'deprecated-field' },
    ]);
    expect(gateway.calls()).toEqual({ UpdateAudienceSegments: 2 });
    // Criteo tied each warning to its index within its own call (@data/3, then @data/5 of the second).
    const [firstCall, secondCall] = sentItems(gateway, 'UpdateAudienceSegments');
    expect(firstCall?.[3]).toMatchObject({ attributes: { location: { registryType: 'PointOfInterest' } } });
    expect(secondCall?.[5]).toMatchObject({ attributes: { location: { registryType: 'PointOfInterest' } } });
  });
});

describe('deleteAudienceSegments and deleteAudiences', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.close());

  it('deletes what it can and answers a typed problem for a segment an audience uses', async () => {
    const store = gateway.emulator.store;
    const used = demoSegment(gateway, (s) => store.audiencesUsingSegment(s.id).length > 0);
    const free = demoSegment(
      gateway,
      (s) => s.attributes.type === 'Location' && !store.audiencesUsingSegment(s.id).length,
    );
    const result = await gateway.query(
      /* GraphQL */ `mutation($ids: [ID!]!) { deleteAudienceSegments(ids: $ids) {
        results { __typename ... on DeletedAudienceSegment { id } ... on CriteoProblem { index code } } } }`,
      { ids: [free.id, used.id] },
    );
    expect(result.data).toEqual({
      deleteAudienceSegments: {
        results: [
          { __typename: 'DeletedAudienceSegment', id: free.id },
          { __typename: 'CriteoProblem', index: 1, code: 'segment-must-not-be-used-in-audience' },
        ],
      },
    });
    expect(store.segments.has(free.id)).toBe(false);
  });

  it('deletes audiences, refusing one an ad set targets', async () => {
    const store = gateway.emulator.store;
    const audiences = [...store.audiences.values()].filter((a) => a.attributes.advertiserId === ADVERTISER);
    const targeted = audiences.find((a) => store.adSetIdsOf(a.id).length > 0);
    const free = audiences.find((a) => store.adSetIdsOf(a.id).length === 0);
    const result = await gateway.query(
      /* GraphQL */ `mutation($ids: [ID!]!) { deleteAudiences(ids: $ids) {
        results { __typename ... on DeletedAudience { id } ... on CriteoProblem { index code } } } }`,
      { ids: [targeted?.id, free?.id] },
    );
    expect(result.data).toEqual({
      deleteAudiences: {
        results: [
          { __typename: 'CriteoProblem', index: 0, code: 'audience-must-not-be-used-in-non-archived-ad-set' },
          { __typename: 'DeletedAudience', id: free?.id },
        ],
      },
    });
  });
});

describe('createAudiences and updateAudiences', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.close());

  const AudienceResults = z.object({
    results: z.array(
      z.object({
        __typename: z.string(),
        id: z.string().optional(),
        description: z.string().nullable().optional(),
        expression: z.string().nullable().optional(),
        index: z.number().nullable().optional(),
        code: z.string().optional(),
      }),
    ),
  });

  it('creates audiences item by item and updates one, clearing its description with null', async () => {
    const [a, b] = demoSegments(gateway, 'InMarket', 2);
    const algebra = { or: [leaf(a?.id ?? ''), leaf(b?.id ?? '')] };
    const created = await gateway.query(
      /* GraphQL */ `mutation($input: [AudienceCreateInput!]!) { createAudiences(input: $input) {
        results { __typename ... on Audience { id expression } ... on CriteoProblem { index code } } } }`,
      {
        input: [
          { advertiserId: ADVERTISER, name: 'Either segment', description: 'first', algebra },
          {
            advertiserId: ADVERTISER,
            name: 'Unknown segment',
            algebra: { and: [leaf('999999901'), leaf(a?.id ?? '')] },
          },
        ],
      },
    );
    const { results } = AudienceResults.parse(created.data?.createAudiences);
    expect(results).toMatchObject([
      { __typename: 'Audience', expression: `${a?.id} OR ${b?.id}` },
      { __typename: 'CriteoProblem', index: 1, code: 'audience-must-contain-only-existing-segments' },
    ]);
    const id = results[0]?.id ?? '';
    const updated = await gateway.query(
      /* GraphQL */ `mutation($input: [AudienceUpdateInput!]!) { updateAudiences(input: $input) {
        results { __typename ... on Audience { id description expression } } } }`,
      {
        input: [{ id, description: null, algebra: { and: [leaf(a?.id ?? ''), { not: leaf(b?.id ?? '') }] } }],
      },
    );
    expect(AudienceResults.parse(updated.data?.updateAudiences).results).toEqual([
      { __typename: 'Audience', id, description: null, expression: `${a?.id} AND NOT ${b?.id}` },
    ]);
    const [call] = gateway.emulator.requests.list('UpdateAudiences');
    expect(call?.body).toEqual({
      data: [
        {
          id,
          type: 'Audience',
          attributes: {
            description: { value: null },
            algebra: { and: [{ audienceSegmentId: a?.id }, { not: { audienceSegmentId: b?.id } }] },
          },
        },
      ],
    });
  });
});
