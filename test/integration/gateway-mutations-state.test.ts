import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { ADVERTISER, newInMarketSegment } from '../support/writes.js';

describe('loaders after a write', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.close());
  beforeEach(() => gateway.resetCalls());

  it('shows a later field of the same operation the new state, without fetching it again', async () => {
    const first = newInMarketSegment(gateway, 'Stale test A');
    const second = newInMarketSegment(gateway, 'Stale test B');
    const audience = gateway.emulator.store.addAudience({
      advertiserId: ADVERTISER,
      name: 'Stale test audience',
      description: null,
      algebra: { or: [{ audienceSegmentId: first.id }, { audienceSegmentId: second.id }] },
      createdAt: '2025-11-01T00:00:00Z',
      updatedAt: null,
    });
    const result = await gateway.query(
      /* GraphQL */ `
        mutation Stale($audience: ID!, $segment: ID!) {
          before: updateAudiences(input: [{ id: $audience, description: "v1" }]) {
            results { ... on Audience { segments { ... on Segment { id name } } } }
          }
          rename: updateAudienceSegments(input: [{ id: $segment, name: "Renamed in the same operation" }]) {
            results { __typename }
          }
          after: updateAudiences(input: [{ id: $audience, description: "v2" }]) {
            results { ... on Audience { description segments { ... on Segment { id name } } } }
          }
        }
      `,
      { audience: audience.id, segment: first.id },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      before: {
        results: [
          {
            segments: [
              { id: first.id, name: 'Stale test A' },
              { id: second.id, name: 'Stale test B' },
            ],
          },
        ],
      },
      rename: { results: [{ __typename: 'InMarketSegment' }] },
      after: {
        results: [
          {
            description: 'v2',
            segments: [
              { id: first.id, name: 'Renamed in the same operation' },
              { id: second.id, name: 'Stale test B' },
            ],
          },
        ],
      },
    });
    // The segments were searched once: the update's answer replaced the cached one.
    expect(gateway.calls()).toEqual({
      UpdateAudiences: 2,
      UpdateAudienceSegments: 1,
      SearchAudienceSegments: 1,
    });
  });

  it('computes a size again after an update made it stale', async () => {
    const segment = newInMarketSegment(gateway, 'Stale size');
    const size = '... on Segment { size { ... on AudienceSize { value } } }';
    const result = await gateway.query(
      /* GraphQL */ `
        mutation Resize($id: ID!) {
          before: updateAudienceSegments(input: [{ id: $id, description: "x" }]) { results { ${size} } }
          after: updateAudienceSegments(input: [{ id: $id, definition: { inMarket: { gender: FEMALE } } }]) {
            results { ${size} }
          }
        }
      `,
      { id: segment.id },
    );
    expect(result.errors).toBeUndefined();
    const before = result.data?.before;
    const after = result.data?.after;
    expect(after).not.toEqual(before);
    expect(gateway.calls()).toEqual({ UpdateAudienceSegments: 2, ComputeAudienceSegmentsSizes: 2 });
  });
});

describe('setAdSetAudience', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.close());

  const LINK = /* GraphQL */ `
    mutation Link($adSet: ID!, $audience: ID!) {
      setAdSetAudience(adSetId: $adSet, audienceId: $audience) {
        __typename
        ... on AdSetAudience { adSetId audienceId audience { id adSetIds } }
        ... on CriteoProblem { code detail }
      }
    }
  `;

  it('links an ad set to an audience and shows it on the audience', async () => {
    const store = gateway.emulator.store;
    const adSet = [...store.adSets.values()].find(
      (s) => s.advertiserId === ADVERTISER && s.audienceId === null,
    );
    const audience = [...store.audiences.values()].find((a) => a.attributes.advertiserId === ADVERTISER);
    gateway.resetCalls();
    const result = await gateway.query(LINK, { adSet: adSet?.id, audience: audience?.id });
    expect(result.data).toEqual({
      setAdSetAudience: {
        __typename: 'AdSetAudience',
        adSetId: adSet?.id,
        audienceId: audience?.id,
        audience: { id: audience?.id, adSetIds: expect.arrayContaining([adSet?.id]) },
      },
    });
    // Without caller authentication the ad set is not read first (no GetAdSet).
    expect(gateway.calls()).toEqual({ UpdateAdSetAudience: 1, SearchAudiences: 1 });
  });

  it("answers Criteo's refusal as a typed problem and a malformed id as bad input", async () => {
    const store = gateway.emulator.store;
    const adSet = [...store.adSets.values()].find((s) => s.advertiserId === ADVERTISER);
    const foreign = [...store.audiences.values()].find((a) => a.attributes.advertiserId === '5050');
    const refused = await gateway.query(LINK, { adSet: adSet?.id, audience: foreign?.id });
    expect(refused.data).toMatchObject({
      setAdSetAudience: { __typename: 'CriteoProblem', code: 'audience-not-found' },
    });
    const malformed = await gateway.query(LINK, { adSet: 'ad-set-1', audience: foreign?.id });
    expect(malformed.errors?.[0]?.message).toBe(
      'adSetId: an ad set id is numeric, e.g. "100014" (got "ad-set-1")',
    );
  });
});
