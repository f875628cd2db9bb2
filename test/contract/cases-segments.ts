/**
 * One realistic successful call (at least) per audience-segment operation.
 * Over 250 lines: eight operations, each case a realistic body; one object so the table lists them.
 */
import { expect } from 'vitest';
import { DEMO_ADVERTISER, record, SECOND_DEMO_ADVERTISER } from '../support/emulator.js';
import { attributesOf, dataList, idsOf, problemList } from './contract-client.js';
import {
  createContactList,
  createSegment,
  demoSegmentOfType,
  inMarketCatalog,
  locationSettings,
  ok,
  populatedContactList,
  retargetingSettings,
  searchBody,
  segmentItem,
  UNKNOWN_ID,
  uniqueName,
} from './fixtures.js';

export const SEGMENT_CASES: Record<string, () => Promise<void>> = {
  CreateAudienceSegments: async () => {
    const { interests, brands } = await inMarketCatalog(DEMO_ADVERTISER, 'FR');
    const seed = populatedContactList();
    const body = await ok('CreateAudienceSegments', {
      body: {
        data: [
          segmentItem({
            name: uniqueName('in-market'),
            description: 'Shoes shoppers in France',
            inMarket: {
              country: 'FR',
              interestIds: interests.slice(0, 2),
              brandIds: brands.slice(0, 1),
              buyingPower: ['High', 'VeryHigh'],
              gender: 'Female',
              priceRange: ['Medium'],
            },
          }),
          segmentItem({ name: uniqueName('prospecting'), prospecting: { usersType: 'Prospects' } }),
          segmentItem({ name: uniqueName('contact list'), contactList: {} }),
          segmentItem({ name: uniqueName('location'), location: locationSettings }),
          segmentItem({
            name: uniqueName('lookalike'),
            lookalike: { seedSegmentId: seed.id, targetSize: 1_000_000 },
          }),
          segmentItem({ name: uniqueName('retargeting'), retargeting: retargetingSettings }),
        ],
      },
    });
    expect(problemList(body)).toEqual([]);
    expect(dataList(body).map((s) => attributesOf(s).type)).toEqual([
      'InMarket',
      'Prospecting',
      'ContactList',
      'Location',
      'Lookalike',
      'Retargeting',
    ]);
    // Coordinates come back rounded at 5 decimals, as the spec describes them.
    expect(record(attributesOf(dataList(body)[3]).location).pointsOfInterest).toEqual([
      { name: 'Paris Opéra', latitude: 48.87196, longitude: 2.33159 },
    ]);
    // A second advertiser of the same application.
    const other = await ok('CreateAudienceSegments', {
      body: {
        data: [
          {
            type: 'AudienceSegment',
            attributes: {
              advertiserId: SECOND_DEMO_ADVERTISER,
              name: uniqueName('prospecting'),
              prospecting: {
                usersType: 'ProspectsOrNonBuyers',
                daysSinceLastVisitMin: 30,
                daysSinceLastVisitMax: 90,
              },
            },
          },
        ],
      },
    });
    expect(dataList(other)).toHaveLength(1);
  },

  UpdateAudienceSegments: async () => {
    const contactList = await createSegment({
      name: uniqueName('contact list'),
      description: 'to be cleared',
      contactList: {},
    });
    const retargeting = await createSegment({
      name: uniqueName('retargeting'),
      retargeting: retargetingSettings,
    });
    const prospecting = await createSegment({
      name: uniqueName('prospecting'),
      prospecting: {
        usersType: 'ProspectsOrNonBuyers',
        daysSinceLastVisitMin: 10,
        daysSinceLastVisitMax: 60,
      },
    });
    const inMarket = await createSegment({
      name: uniqueName('in-market'),
      inMarket: { country: 'FR', gender: 'Male' },
    });
    const location = await createSegment({ name: uniqueName('location'), location: locationSettings });
    const lookalike = await createSegment({
      name: uniqueName('lookalike'),
      lookalike: { seedSegmentId: populatedContactList().id },
    });
    const renamed = uniqueName('renamed');
    const body = await ok('UpdateAudienceSegments', {
      body: {
        data: [
          {
            id: contactList,
            type: 'AudienceSegment',
            attributes: { name: renamed, description: { value: null } },
          },
          {
            id: retargeting,
            type: 'AudienceSegment',
            attributes: {
              retargeting: { visitorsType: 'NonBuyers', daysSinceLastVisitMin: 7, daysSinceLastVisitMax: 60 },
            },
          },
          {
            id: prospecting,
            type: 'AudienceSegment',
            attributes: { prospecting: { daysSinceLastVisitMin: { value: null } } },
          },
          {
            id: inMarket,
            type: 'AudienceSegment',
            attributes: { description: { value: 'Men in France' }, inMarket: { gender: { value: null } } },
          },
          {
            id: location,
            type: 'AudienceSegment',
            attributes: { location: { radiusInKm: 25, registryType: 'PointOfInterest' } },
          },
          { id: lookalike, type: 'AudienceSegment', attributes: { lookalike: { targetSize: 2_000_000 } } },
        ],
      },
    });
    expect(problemList(body)).toEqual([]);
    const [first, second, third, fourth, fifth, sixth] = dataList(body).map(attributesOf);
    expect(first).toMatchObject({ name: renamed, description: null });
    expect(record(second?.retargeting)).toMatchObject({ visitorsType: 'NonBuyers' });
    expect(record(third?.prospecting).daysSinceLastVisitMin).toBeNull();
    expect(fourth?.description).toBe('Men in France');
    expect(record(fourth?.inMarket).gender).toBeNull();
    expect(record(fifth?.location).radiusInKm).toBe(25);
    expect(record(sixth?.lookalike).targetSize).toBe(2_000_000);
  },

  DeleteAudienceSegments: async () => {
    const first = await createContactList();
    const second = await createSegment({ name: uniqueName('location'), location: locationSettings });
    const body = await ok('DeleteAudienceSegments', {
      body: {
        data: [
          { id: first, type: 'AudienceSegment' },
          { id: second, type: 'AudienceSegment' },
        ],
      },
    });
    expect(problemList(body)).toEqual([]);
    expect(idsOf(body)).toEqual([first, second]);
  },

  SearchAudienceSegments: async () => {
    const byType = await ok('SearchAudienceSegments', {
      query: { limit: 10, offset: 5 },
      body: searchBody({
        advertiserIds: [DEMO_ADVERTISER],
        audienceSegmentTypes: ['ContactList', 'Behavioral'],
      }),
    });
    expect(record(byType.meta)).toMatchObject({ limit: 10, offset: 5 });
    expect(record(byType.meta).totalItems).toBeGreaterThan(15);
    expect(dataList(byType)).toHaveLength(10);
    for (const segment of dataList(byType)) {
      expect(attributesOf(segment).advertiserId).toBe(DEMO_ADVERTISER);
      expect(['ContactList', 'Behavioral']).toContain(attributesOf(segment).type);
    }

    const wanted = [
      demoSegmentOfType('Lookalike').id,
      demoSegmentOfType('Location', SECOND_DEMO_ADVERTISER).id,
    ];
    const byId = await ok('SearchAudienceSegments', {
      body: searchBody({ audienceSegmentIds: wanted, advertiserIds: null, audienceSegmentTypes: null }),
    });
    expect(idsOf(byId).sort()).toEqual([...wanted].sort());
    expect(record(byId.meta)).toEqual({ totalItems: 2, limit: 50, offset: 0 });

    const empty = await ok('SearchAudienceSegments', {
      body: searchBody({ audienceSegmentIds: [UNKNOWN_ID] }),
    });
    expect(empty.data).toEqual([]);
    expect(record(empty.meta).totalItems).toBe(0);
  },

  ComputeAudienceSegmentsSizes: async () => {
    const ids = [
      populatedContactList().id,
      demoSegmentOfType('InMarket').id,
      demoSegmentOfType('Prospecting').id,
      demoSegmentOfType('Behavioral').id,
      demoSegmentOfType('Retargeting').id,
      demoSegmentOfType('Lookalike').id,
    ];
    const body = await ok('ComputeAudienceSegmentsSizes', {
      body: { data: ids.map((id) => ({ id, type: 'AudienceSegment' })) },
    });
    expect(problemList(body)).toEqual([]);
    expect(idsOf(body)).toEqual(ids);
    for (const size of dataList(body)) expect(attributesOf(size).size).toBeGreaterThan(0);
  },

  EstimateAudienceSegmentsSizes: async () => {
    const { interests, brands } = await inMarketCatalog(DEMO_ADVERTISER, 'FR');
    const inMarket = await ok('EstimateAudienceSegmentsSizes', {
      body: {
        data: {
          type: 'AudienceSegment',
          attributes: {
            advertiserId: DEMO_ADVERTISER,
            inMarket: { country: 'FR', interestIds: interests.slice(0, 3), brandIds: brands.slice(0, 2) },
          },
        },
      },
    });
    expect(attributesOf(inMarket.data).size).toBeGreaterThan(0);
    const location = await ok('EstimateAudienceSegmentsSizes', {
      body: {
        data: {
          type: 'AudienceSegment',
          attributes: { advertiserId: DEMO_ADVERTISER, location: locationSettings },
        },
      },
    });
    expect(attributesOf(location.data).size).toBeGreaterThan(0);
  },

  GetAudienceSegmentsInMarketInterests: async () => {
    for (const [advertiserId, country] of [
      [DEMO_ADVERTISER, 'FR'],
      [SECOND_DEMO_ADVERTISER, 'US'],
    ] as const) {
      const body = await ok('GetAudienceSegmentsInMarketInterests', {
        query: { 'advertiser-id': advertiserId, country },
      });
      expect(dataList(body).length).toBeGreaterThan(0);
      // Top-level categories have a null parent: nullable fields are exercised.
      expect(dataList(body).some((i) => attributesOf(i).parentId === null)).toBe(true);
    }
  },

  GetAudienceSegmentsInMarketBrands: async () => {
    for (const [advertiserId, country] of [
      [DEMO_ADVERTISER, 'DE'],
      [SECOND_DEMO_ADVERTISER, 'GB'],
    ] as const) {
      const body = await ok('GetAudienceSegmentsInMarketBrands', {
        query: { 'advertiser-id': advertiserId, country },
      });
      expect(dataList(body).length).toBeGreaterThan(0);
    }
  },
};
