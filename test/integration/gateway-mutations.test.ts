import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { ADVERTISER, demoSegment, payload, sentItems } from '../support/writes.js';

const CREATE = /* GraphQL */ `
  mutation Create($input: [AudienceSegmentCreateInput!]!) {
    createAudienceSegments(input: $input) {
      results {
        __typename
        ... on Segment { id name type }
        ... on CriteoProblem { index code detail traceId source { field path } }
      }
      problems { index code }
      warnings { index code }
    }
  }
`;

const contactList = (name: string) => ({ advertiserId: ADVERTISER, name, definition: { contactList: true } });
const retargeting = (name: string, min: number, max: number) => ({
  advertiserId: ADVERTISER,
  name,
  definition: {
    retargeting: { visitorsType: 'ALL', daysSinceLastVisitMin: min, daysSinceLastVisitMax: max },
  },
});

describe('createAudienceSegments', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.close());
  beforeEach(() => gateway.resetCalls());

  it('answers a create of 5 where items 1 and 3 fail with 3 segments and 2 typed problems in place', async () => {
    const taken = demoSegment(gateway, (s) => s.attributes.type === 'InMarket').attributes.name;
    const input = [
      contactList('Partial 0'),
      contactList(taken),
      retargeting('Partial 2', 5, 30),
      retargeting('Partial 3', 50, 30),
      {
        advertiserId: ADVERTISER,
        name: 'Partial 4',
        definition: {
          location: {
            radiusInKm: 10,
            pointsOfInterest: [{ name: 'Opéra', latitude: 48.87196, longitude: 2.33159 }],
          },
        },
      },
    ];
    const result = await gateway.query(CREATE, { input });
    expect(result.errors).toBeUndefined();
    const { results, problems } = payload(result.data, 'createAudienceSegments');
    expect(results.map((r) => r.__typename)).toEqual([
      'ContactListSegment',
      'CriteoProblem',
      'RetargetingSegment',
      'CriteoProblem',
      'LocationSegment',
    ]);
    expect(results.filter((r) => r.id).map((r) => r.name)).toEqual(['Partial 0', 'Partial 2', 'Partial 4']);
    expect(results[1]).toMatchObject({
      index: 1,
      code: 'name-must-be-unique',
      source: [{ field: 'name', path: 'data/1/attributes/name' }],
    });
    expect(results[1]?.traceId).toEqual(expect.any(String));
    expect(results[3]).toMatchObject({
      index: 3,
      code: 'retargeting-segment-days-since-last-visit-are-not-compatible',
    });
    expect(problems.map((p) => p.index)).toEqual([1, 3]);
    expect(gateway.calls()).toEqual({ CreateAudienceSegments: 1 });
    for (const created of results.filter((r) => r.id))
      expect(gateway.emulator.store.segments.get(created.id ?? '')?.attributes.name).toBe(created.name);
  });

  it('sends 120 items as 3 calls of 50, 50 and 20 and answers all 120 at their positions', async () => {
    const taken = demoSegment(gateway, (s) => s.attributes.type === 'Location').attributes.name;
    const input = Array.from({ length: 120 }, (_, i) =>
      contactList(i === 63 || i === 110 ? taken : `Bulk ${i}`),
    );
    const result = await gateway.query(CREATE, { input });
    expect(result.errors).toBeUndefined();
    const { results } = payload(result.data, 'createAudienceSegments');
    expect(gateway.calls()).toEqual({ CreateAudienceSegments: 3 });
    expect(sentItems(gateway, 'CreateAudienceSegments').map((items) => items.length)).toEqual([50, 50, 20]);
    expect(results).toHaveLength(120);
    for (const [i, item] of results.entries()) {
      if (i === 63 || i === 110) {
        expect(item).toMatchObject({ __typename: 'CriteoProblem', index: i, code: 'name-must-be-unique' });
        // Criteo's path points into its chunk; the gateway rebases it onto the input list.
        expect(item.source).toEqual([{ field: 'name', path: `data/${i}/attributes/name` }]);
      } else expect(item).toMatchObject({ __typename: 'ContactListSegment', name: `Bulk ${i}` });
    }
  });

  it('reports every item of a chunk whose call failed as failed, and keeps the other chunks', async () => {
    // Writes are not retried (criteo/http.ts), so one scripted 503 fails exactly the first chunk.
    gateway.emulator.faults.failNext('CreateAudienceSegments', { kind: 'status', status: 503 }, 1);
    const input = Array.from({ length: 60 }, (_, i) => contactList(`Outage ${i}`));
    const result = await gateway.query(CREATE, { input });
    expect(result.errors).toBeUndefined();
    const { results, problems } = payload(result.data, 'createAudienceSegments');
    expect(gateway.calls()).toEqual({ CreateAudienceSegments: 2 });
    expect(results).toHaveLength(60);
    expect(results.slice(0, 50).every((r) => r.__typename === 'CriteoProblem')).toBe(true);
    expect(results.slice(0, 50).map((r) => r.index)).toEqual([...Array(50).keys()]);
    expect(new Set(results.slice(0, 50).map((r) => r.code))).toEqual(new Set(['service-unavailable']));
    expect(results.slice(50).map((r) => r.name)).toEqual(
      Array.from({ length: 10 }, (_, i) => `Outage ${50 + i}`),
    );
    expect(problems).toHaveLength(50);
  });

  it('refuses more than 1,000 items before any upstream call', async () => {
    const input = Array.from({ length: 1001 }, (_, i) => contactList(`Too many ${i}`));
    const result = await gateway.query(CREATE, { input });
    expect(result.errors?.[0]?.message).toBe('input: at most 1000 items per call (got 1001)');
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(gateway.calls()).toEqual({});
  });

  it('fails an item with a read-only enum value or out-of-range coordinates alone, naming the path and rule', async () => {
    const input = [
      { advertiserId: ADVERTISER, name: 'x', definition: { inMarket: { country: 'FR', gender: 'UNKNOWN' } } },
      {
        advertiserId: ADVERTISER,
        name: 'y',
        definition: {
          location: { radiusInKm: 5, pointsOfInterest: [{ name: 'p', latitude: 91, longitude: 0 }] },
        },
      },
      contactList('Beside two bad items'),
    ];
    const result = await gateway.query(CREATE, { input });
    expect(result.errors).toBeUndefined();
    const { results, problems } = payload(result.data, 'createAudienceSegments');
    expect(results).toEqual([
      {
        __typename: 'CriteoProblem',
        index: 0,
        code: 'invalid-input',
        detail:
          'input[0].definition.inMarket.gender: UNKNOWN only reads values Criteo does not name; it cannot be written',
        traceId: null,
        source: [{ field: 'gender', path: 'data/0/attributes/inMarket/gender' }],
      },
      {
        __typename: 'CriteoProblem',
        index: 1,
        code: 'poi-coordinates-must-be-valid',
        detail:
          'input[1].definition.location.pointsOfInterest[0].latitude: must be between -90 and 90 (got 91)',
        traceId: null,
        source: [{ field: 'latitude', path: 'data/1/attributes/location/pointsOfInterest/0/latitude' }],
      },
      { __typename: 'ContactListSegment', id: expect.any(String), name: 'Beside two bad items' },
    ]);
    expect(problems).toEqual([
      { index: 0, code: 'invalid-input' },
      { index: 1, code: 'poi-coordinates-must-be-valid' },
    ]);
    // Only the valid item went upstream.
    expect(sentItems(gateway, 'CreateAudienceSegments').map((call) => call.length)).toEqual([1]);
  });
});
