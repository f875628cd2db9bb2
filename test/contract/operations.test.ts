/**
 * Contract tests: every operation of the OpenAPI file is driven over HTTP and each response body is
 * validated against that operation's response schema from the spec (Ajv, OpenAPI 3.0 `nullable`,
 * strict: undeclared fields are rejected). No schema is copied here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenResponseSchema } from '../../src/contract/oauth.js';
import type { SegmentRecord } from '../../src/emulator/store.js';
import {
  DEMO_ADVERTISER,
  OTHER_APP_ADVERTISER,
  record,
  SECOND_DEMO_ADVERTISER,
  startTestEmulator,
  type TestEmulator,
} from '../support/emulator.js';
import { expectValidResponse, listOperations } from '../support/openapi.js';
import {
  attributesOf,
  callOperation,
  dataList,
  expectContract,
  idsOf,
  type OperationCall,
  problemList,
} from './contract-client.js';

type JsonObject = Record<string, unknown>;

let api: TestEmulator;

beforeAll(async () => {
  api = await startTestEmulator();
});

afterAll(async () => {
  await api.close();
});

const ok = (operationId: string, call: OperationCall = {}) => expectContract(api, operationId, call);

let sequence = 0;
const uniqueName = (label: string) => `Contract ${label} ${++sequence}`;

/** An id no entity has: the demo ids start at 100001 (segments) and 500001 (audiences). */
const UNKNOWN_ID = '999999999';

// ---- demo data ----

function demoSegments(advertiserId = DEMO_ADVERTISER): SegmentRecord[] {
  return [...api.emulator.store.segments.values()].filter((s) => s.attributes.advertiserId === advertiserId);
}

function demoSegmentOfType(type: string, advertiserId = DEMO_ADVERTISER): SegmentRecord {
  const found = demoSegments(advertiserId).find((s) => s.attributes.type === type);
  if (!found) throw new Error(`no demo ${type} segment for advertiser ${advertiserId}`);
  return found;
}

/** A writable demo contact list with identifiers (a valid lookalike seed, with a size). */
function populatedContactList(advertiserId = DEMO_ADVERTISER): SegmentRecord {
  const found = demoSegments(advertiserId).find(
    (s) =>
      s.contactList !== undefined &&
      !s.attributes.contactList?.isReadOnly &&
      s.contactList.syntheticCount > 5_000,
  );
  if (!found) throw new Error(`no populated contact list for advertiser ${advertiserId}`);
  return found;
}

function freeAdSetId(advertiserId = DEMO_ADVERTISER): string {
  const found = [...api.emulator.store.adSets.values()].find(
    (a) => a.advertiserId === advertiserId && a.audienceId === null,
  );
  if (!found) throw new Error(`no free ad set for advertiser ${advertiserId}`);
  return found.id;
}

function linkedAudienceId(advertiserId = DEMO_ADVERTISER): string {
  const found = [...api.emulator.store.adSets.values()].find(
    (a) => a.advertiserId === advertiserId && a.audienceId !== null,
  );
  if (!found?.audienceId) throw new Error(`no ad set with an audience for advertiser ${advertiserId}`);
  return found.audienceId;
}

// ---- writes used as fixtures (their responses are validated too) ----

const segmentItem = (attributes: JsonObject) => ({
  type: 'AudienceSegment',
  attributes: { advertiserId: DEMO_ADVERTISER, ...attributes },
});

async function createSegment(attributes: JsonObject): Promise<string> {
  const body = await ok('CreateAudienceSegments', { body: { data: [segmentItem(attributes)] } });
  expect(problemList(body)).toEqual([]);
  const [id] = idsOf(body);
  if (!id) throw new Error('no segment created');
  return id;
}

const createContactList = () => createSegment({ name: uniqueName('contact list'), contactList: {} });

const retargetingSettings = { visitorsType: 'Buyers', daysSinceLastVisitMin: 0, daysSinceLastVisitMax: 30 };
const locationSettings = {
  pointsOfInterest: [{ name: 'Paris Opéra', latitude: 48.871963, longitude: 2.331594 }],
  radiusInKm: 10,
};

const audienceItem = (attributes: JsonObject) => ({
  type: 'Audience',
  attributes: { advertiserId: DEMO_ADVERTISER, ...attributes },
});

const leaf = (audienceSegmentId: string) => ({ audienceSegmentId });
/** Demo segments that all have a size: (in-market or behavioral) and not a populated contact list. */
const mixedAlgebra = () => ({
  and: [
    { or: [leaf(demoSegmentOfType('InMarket').id), leaf(demoSegmentOfType('Behavioral').id)] },
    { not: leaf(populatedContactList().id) },
  ],
});

async function createAudience(algebra: JsonObject = mixedAlgebra()): Promise<string> {
  const body = await ok('CreateAudiences', {
    body: { data: [audienceItem({ name: uniqueName('audience'), algebra })] },
  });
  expect(problemList(body)).toEqual([]);
  const [id] = idsOf(body);
  if (!id) throw new Error('no audience created');
  return id;
}

async function inMarketCatalog(advertiserId: string, country: string) {
  const query = { 'advertiser-id': advertiserId, country };
  const interests = idsOf(await ok('GetAudienceSegmentsInMarketInterests', { query }));
  const brands = idsOf(await ok('GetAudienceSegmentsInMarketBrands', { query }));
  return { interests, brands };
}

const searchBody = (attributes: JsonObject) => ({ data: { type: 'AudienceSegment', attributes } });
const audienceSearchBody = (attributes: JsonObject) => ({ data: { type: 'Audience', attributes } });

// ---- one realistic successful call (at least) per operation ----

const SUCCESS_CASES: Record<string, () => Promise<void>> = {
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

  UpdateContactListByAudienceSegment: async () => {
    const id = await createContactList();
    const params = { 'audience-segment-id': id };
    const sha256 = 'a'.repeat(64);
    const added = await ok('UpdateContactListByAudienceSegment', {
      params,
      body: {
        data: {
          type: 'ContactlistAmendment',
          attributes: {
            operation: 'add',
            identifierType: 'email',
            identifiers: ['jane.doe@example.com', 'john@example.org', sha256, 'not-an-email'],
          },
        },
      },
    });
    const addedAttributes = attributesOf(added.data);
    expect(Number.isInteger(addedAttributes.contactListId)).toBe(true);
    expect(addedAttributes.contactListId).toBe(Number(id));
    expect(addedAttributes).toMatchObject({
      operation: 'add',
      nbValidIdentifiers: 3,
      nbInvalidIdentifiers: 1,
      sampleInvalidIdentifiers: ['not-an-email'],
    });
    const removed = await ok('UpdateContactListByAudienceSegment', {
      params,
      body: {
        data: {
          type: 'ContactlistAmendment',
          attributes: { operation: 'remove', identifierType: 'email', identifiers: ['john@example.org'] },
        },
      },
    });
    expect(attributesOf(removed.data)).toMatchObject({ operation: 'remove', nbValidIdentifiers: 1 });
    expect(Number.isInteger(attributesOf(removed.data).contactListId)).toBe(true);
  },

  DeleteContactListByAudienceSegment: async () => {
    const id = await createContactList();
    await ok('UpdateContactListByAudienceSegment', {
      params: { 'audience-segment-id': id },
      body: {
        data: {
          type: 'ContactlistAmendment',
          attributes: { operation: 'add', identifierType: 'email', identifiers: ['someone@example.com'] },
        },
      },
    });
    const body = await ok('DeleteContactListByAudienceSegment', { params: { 'audience-segment-id': id } });
    expect(record(body.data).id).toBe(id);
    const statistics = await ok('GetAudienceSegmentContactListStatistics', {
      params: { 'audience-segment-id': id },
    });
    expect(attributesOf(statistics.data).numberOfIdentifiers).toBe(0);
  },

  GetAudienceSegmentContactListStatistics: async () => {
    const populated = await ok('GetAudienceSegmentContactListStatistics', {
      params: { 'audience-segment-id': populatedContactList().id },
    });
    const stats = attributesOf(populated.data);
    expect(stats.numberOfIdentifiers).toBeGreaterThan(0);
    expect(stats.matchRate).toBeGreaterThan(0);
    expect(stats.matchRate).toBeLessThanOrEqual(1);
    const empty = await ok('GetAudienceSegmentContactListStatistics', {
      params: { 'audience-segment-id': await createContactList() },
    });
    expect(attributesOf(empty.data)).toMatchObject({ numberOfIdentifiers: 0, numberOfMatches: 0 });
  },

  CreateAudiences: async () => {
    const retargeting = demoSegmentOfType('Retargeting').id;
    const body = await ok('CreateAudiences', {
      body: {
        data: [
          audienceItem({
            name: uniqueName('audience'),
            description: 'Mixed algebra',
            algebra: mixedAlgebra(),
          }),
          audienceItem({ name: uniqueName('audience'), algebra: leaf(retargeting) }),
          audienceItem({
            name: uniqueName('audience'),
            algebra: {
              or: [leaf(demoSegmentOfType('Prospecting').id), leaf(demoSegmentOfType('Location').id)],
            },
          }),
        ],
      },
    });
    expect(problemList(body)).toEqual([]);
    const created = dataList(body).map(attributesOf);
    expect(created).toHaveLength(3);
    expect(created[1]).toMatchObject({ description: null, adSetIds: [], algebra: leaf(retargeting) });
  },

  UpdateAudiences: async () => {
    const first = await createAudience();
    const second = await createAudience();
    const renamed = uniqueName('renamed audience');
    const body = await ok('UpdateAudiences', {
      body: {
        data: [
          { id: first, type: 'Audience', attributes: { name: renamed, description: { value: null } } },
          {
            id: second,
            type: 'Audience',
            attributes: {
              description: { value: 'Now prospects only' },
              algebra: leaf(demoSegmentOfType('Prospecting').id),
            },
          },
        ],
      },
    });
    expect(problemList(body)).toEqual([]);
    const [a, b] = dataList(body).map(attributesOf);
    expect(a).toMatchObject({ name: renamed, description: null });
    expect(b).toMatchObject({
      description: 'Now prospects only',
      algebra: leaf(demoSegmentOfType('Prospecting').id),
    });
  },

  DeleteAudiences: async () => {
    const ids = [await createAudience(), await createAudience()];
    const body = await ok('DeleteAudiences', { body: { data: ids.map((id) => ({ id, type: 'Audience' })) } });
    expect(problemList(body)).toEqual([]);
    expect(idsOf(body)).toEqual(ids);
  },

  SearchAudiences: async () => {
    const all = await ok('SearchAudiences', {
      query: { limit: 5, offset: 0 },
      body: audienceSearchBody({ advertiserIds: [DEMO_ADVERTISER, SECOND_DEMO_ADVERTISER] }),
    });
    expect(dataList(all)).toHaveLength(5);
    expect(record(all.meta)).toMatchObject({ limit: 5, offset: 0 });

    const segment = populatedContactList().id;
    const bySegment = await ok('SearchAudiences', {
      body: audienceSearchBody({ audienceSegmentIds: [segment] }),
    });
    expect(dataList(bySegment).length).toBeGreaterThan(0);

    const audienceId = linkedAudienceId();
    const byAdSet = await ok('SearchAudiences', {
      body: audienceSearchBody({
        adSetIds: api.emulator.store.adSetIdsOf(audienceId),
        audienceIds: [audienceId],
      }),
    });
    expect(idsOf(byAdSet)).toEqual([audienceId]);
    expect(attributesOf(dataList(byAdSet)[0]).adSetIds).toEqual(api.emulator.store.adSetIdsOf(audienceId));
  },

  ComputeAudiencesSizes: async () => {
    const ids = [await createAudience(), await createAudience(leaf(demoSegmentOfType('Retargeting').id))];
    const body = await ok('ComputeAudiencesSizes', {
      body: { data: ids.map((id) => ({ id, type: 'Audience' })) },
    });
    expect(problemList(body)).toEqual([]);
    expect(idsOf(body)).toEqual(ids);
    for (const size of dataList(body)) expect(attributesOf(size).size).toBeGreaterThan(0);
  },

  EstimateAudiencesSizes: async () => {
    const body = await ok('EstimateAudiencesSizes', {
      body: {
        data: { type: 'Audience', attributes: { advertiserId: DEMO_ADVERTISER, algebra: mixedAlgebra() } },
      },
    });
    expect(attributesOf(body.data).size).toBeGreaterThan(0);
  },

  GetCurrentApplication: async () => {
    const body = await ok('GetCurrentApplication');
    expect(attributesOf(body.data)).toMatchObject({ applicationId: 1001, name: 'Demo application' });
  },

  GetAdSet: async () => {
    const adSet = [...api.emulator.store.adSets.values()].find(
      (a) => a.advertiserId === SECOND_DEMO_ADVERTISER,
    );
    if (!adSet) throw new Error('no demo ad set of the second advertiser');
    const body = await ok('GetAdSet', { params: { 'ad-set-id': adSet.id } });
    expect(record(body.data)).toEqual({
      id: adSet.id,
      type: 'AdSet',
      attributes: { advertiserId: SECOND_DEMO_ADVERTISER, name: adSet.name },
    });
  },

  UpdateAdSetAudience: async () => {
    const adSetId = freeAdSetId();
    const audienceId = await createAudience();
    const body = await ok('UpdateAdSetAudience', {
      params: { 'ad-set-id': adSetId },
      body: { data: { id: adSetId, type: 'AdSetAudienceLink', attributes: { audienceId } } },
    });
    expect(record(body.data)).toMatchObject({ id: adSetId, attributes: { audienceId } });
    const found = await ok('SearchAudiences', { body: audienceSearchBody({ adSetIds: [adSetId] }) });
    expect(idsOf(found)).toEqual([audienceId]);
    expect(attributesOf(dataList(found)[0]).adSetIds).toEqual([adSetId]);
  },
};

// ---- partial success of bulk operations ----

interface MixedItem {
  item: unknown;
  /** What identifies the item in `data` when it succeeds: its id, or its name for creates; null = must fail. */
  success: string | null;
}

const good = (item: unknown, key: string): MixedItem => ({ item, success: key });
const bad = (item: unknown): MixedItem => ({ item, success: null });

/**
 * A bulk call mixing good and bad items answers 200 with both `data` and `errors`; the body still
 * matches the spec, every error points at a failed item with `@data/<request index>`, and `data` holds
 * exactly the successes.
 */
async function expectPartialSuccess(
  operationId: string,
  items: MixedItem[],
  keyOf: (resource: JsonObject) => unknown,
) {
  const body = await ok(operationId, { body: { data: items.map((i) => i.item) } });
  const errors = problemList(body);
  expect(errors.length).toBeGreaterThan(0);
  const failedIndexes = items.flatMap((item, index) => (item.success === null ? [index] : []));
  const instances = errors.map((e) => e.instance);
  for (const instance of instances) expect(instance).toMatch(/^@data\/\d+$/);
  const errorIndexes = [
    ...new Set(instances.map((instance) => Number(String(instance).slice('@data/'.length)))),
  ];
  expect(errorIndexes.sort((a, b) => a - b)).toEqual(failedIndexes);
  const expected = items.flatMap((item) => (item.success === null ? [] : [item.success]));
  expect(dataList(body).map(keyOf).sort()).toEqual(expected.sort());
}

const byId = (resource: JsonObject) => resource.id;
const byName = (resource: JsonObject) => attributesOf(resource).name;

const PARTIAL_CASES: Record<string, () => Promise<void>> = {
  CreateAudienceSegments: async () => {
    const contactList = uniqueName('contact list');
    const location = uniqueName('location');
    await expectPartialSuccess(
      'CreateAudienceSegments',
      [
        good(segmentItem({ name: contactList, contactList: {} }), contactList),
        bad(segmentItem({ name: '', contactList: {} })),
        bad(segmentItem({ name: uniqueName('retargeting'), retargeting: { daysSinceLastVisitMax: 30 } })),
        good(segmentItem({ name: location, location: locationSettings }), location),
        bad(segmentItem({ name: uniqueName('two kinds'), contactList: {}, location: locationSettings })),
      ],
      byName,
    );
  },

  UpdateAudienceSegments: async () => {
    const first = await createContactList();
    const retargeting = await createSegment({
      name: uniqueName('retargeting'),
      retargeting: retargetingSettings,
    });
    const second = await createContactList();
    await expectPartialSuccess(
      'UpdateAudienceSegments',
      [
        good({ id: first, type: 'AudienceSegment', attributes: { name: uniqueName('renamed') } }, first),
        bad({ id: UNKNOWN_ID, type: 'AudienceSegment', attributes: { name: uniqueName('ghost') } }),
        bad({ id: retargeting, type: 'AudienceSegment', attributes: { inMarket: { country: 'FR' } } }),
        good({ id: second, type: 'AudienceSegment', attributes: { description: { value: null } } }, second),
        bad({ id: 'not-a-number', type: 'AudienceSegment', attributes: {} }),
      ],
      byId,
    );
  },

  DeleteAudienceSegments: async () => {
    const first = await createContactList();
    const used = await createContactList();
    await createAudience({ and: [leaf(demoSegmentOfType('InMarket').id), { not: leaf(used) }] });
    const second = await createContactList();
    await expectPartialSuccess(
      'DeleteAudienceSegments',
      [
        good({ id: first, type: 'AudienceSegment' }, first),
        bad({ id: demoSegmentOfType('Behavioral').id, type: 'AudienceSegment' }),
        bad({ id: used, type: 'AudienceSegment' }),
        bad({ id: UNKNOWN_ID, type: 'AudienceSegment' }),
        good({ id: second, type: 'AudienceSegment' }, second),
      ],
      byId,
    );
  },

  ComputeAudienceSegmentsSizes: async () => {
    const populated = populatedContactList().id;
    const behavioral = demoSegmentOfType('Behavioral').id;
    await expectPartialSuccess(
      'ComputeAudienceSegmentsSizes',
      [
        good({ id: populated, type: 'AudienceSegment' }, populated),
        bad({ id: await createContactList(), type: 'AudienceSegment' }),
        bad({ id: UNKNOWN_ID, type: 'AudienceSegment' }),
        bad({ id: demoSegmentOfType('Unknown').id, type: 'AudienceSegment' }),
        good({ id: behavioral, type: 'AudienceSegment' }, behavioral),
      ],
      byId,
    );
  },

  CreateAudiences: async () => {
    const first = uniqueName('audience');
    const second = uniqueName('audience');
    await expectPartialSuccess(
      'CreateAudiences',
      [
        good(audienceItem({ name: first, algebra: mixedAlgebra() }), first),
        bad(audienceItem({ name: uniqueName('audience'), algebra: leaf(UNKNOWN_ID) })),
        bad(audienceItem({ name: first, algebra: mixedAlgebra() })),
        good(audienceItem({ name: second, algebra: leaf(demoSegmentOfType('Prospecting').id) }), second),
        bad(
          audienceItem({
            name: uniqueName('audience'),
            algebra: { and: [leaf(demoSegmentOfType('InMarket').id)] },
          }),
        ),
      ],
      byName,
    );
  },

  UpdateAudiences: async () => {
    const first = await createAudience();
    const second = await createAudience();
    const third = await createAudience();
    await expectPartialSuccess(
      'UpdateAudiences',
      [
        bad({ id: 'abc', type: 'Audience', attributes: { name: uniqueName('renamed audience') } }),
        good({ id: first, type: 'Audience', attributes: { name: uniqueName('renamed audience') } }, first),
        bad({
          id: second,
          type: 'Audience',
          attributes: { algebra: { not: leaf(demoSegmentOfType('InMarket').id) } },
        }),
        bad({ id: UNKNOWN_ID, type: 'Audience', attributes: {} }),
        good({ id: third, type: 'Audience', attributes: { description: { value: null } } }, third),
      ],
      byId,
    );
  },

  DeleteAudiences: async () => {
    const first = await createAudience();
    const second = await createAudience();
    await expectPartialSuccess(
      'DeleteAudiences',
      [
        good({ id: first, type: 'Audience' }, first),
        bad({ id: linkedAudienceId(), type: 'Audience' }),
        bad({ id: UNKNOWN_ID, type: 'Audience' }),
        bad({ id: first, type: 'Audience' }),
        good({ id: second, type: 'Audience' }, second),
      ],
      byId,
    );
  },

  ComputeAudiencesSizes: async () => {
    const sized = await createAudience();
    // An empty contact list has no size yet, so neither has an audience built on it.
    const unsized = await createAudience({
      or: [leaf(await createContactList()), leaf(demoSegmentOfType('InMarket').id)],
    });
    await expectPartialSuccess(
      'ComputeAudiencesSizes',
      [
        good({ id: sized, type: 'Audience' }, sized),
        bad({ id: unsized, type: 'Audience' }),
        bad({ id: UNKNOWN_ID, type: 'Audience' }),
      ],
      byId,
    );
  },
};

// ---- every demo record, page by page ----

async function pageThrough(operationId: string, body: unknown, visibleCount: number) {
  const seen: string[] = [];
  let offset = 0;
  let totalItems = Number.POSITIVE_INFINITY;
  let pages = 0;
  while (offset < totalItems) {
    const page = await ok(operationId, { query: { limit: 100, offset }, body });
    const meta = record(page.meta);
    expect(meta).toMatchObject({ limit: 100, offset });
    totalItems = Number(meta.totalItems);
    const ids = idsOf(page);
    expect(ids.length).toBe(Math.min(100, totalItems - offset));
    seen.push(...ids);
    offset += 100;
    pages += 1;
  }
  expect(totalItems).toBe(visibleCount);
  expect(new Set(seen).size).toBe(visibleCount);
  return pages;
}

const visibleAdvertisers = [DEMO_ADVERTISER, SECOND_DEMO_ADVERTISER];

/**
 * A refused call: its status, one problem of `code`, and a body that is still the operation's envelope
 * (the spec declares only the 200, whose `errors` are `CommonProblem`s).
 */
async function expectRefusal(
  operationId: string,
  params: Record<string, string>,
  status: number,
  code: string,
) {
  const response = await callOperation(api, operationId, { params });
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expectValidResponse(operationId, 200, response.body);
  expect(problemList(record(response.body)).map((p) => p.code)).toEqual([code]);
  expect(record(response.body).data ?? null).toBeNull();
}

const EXTRA_CASES: Record<string, [string, () => Promise<void>][]> = {
  GetAdSet: [
    [
      'answers 404 ad-set-not-found for an unknown ad set',
      () => expectRefusal('GetAdSet', { 'ad-set-id': UNKNOWN_ID }, 404, 'ad-set-not-found'),
    ],
    [
      "answers 403 advertiser-not-authorized for another application's ad set",
      async () => {
        const other = [...api.emulator.store.adSets.values()].find(
          (a) => a.advertiserId === OTHER_APP_ADVERTISER,
        );
        if (!other) throw new Error('no demo ad set of another application');
        await expectRefusal('GetAdSet', { 'ad-set-id': other.id }, 403, 'advertiser-not-authorized');
      },
    ],
  ],
  SearchAudienceSegments: [
    [
      'answers every page of all the demo segments with bodies that match the spec',
      async () => {
        const visible = [...api.emulator.store.segments.values()].filter((s) =>
          visibleAdvertisers.includes(s.attributes.advertiserId),
        );
        // Every segment type is present, Unknown and Behavioral included.
        expect(new Set(visible.map((s) => s.attributes.type)).size).toBe(8);
        expect(await pageThrough('SearchAudienceSegments', searchBody({}), visible.length)).toBeGreaterThan(
          2,
        );
      },
    ],
  ],
  SearchAudiences: [
    [
      'answers every page of all the demo audiences with bodies that match the spec',
      async () => {
        const visible = [...api.emulator.store.audiences.values()].filter((a) =>
          visibleAdvertisers.includes(a.attributes.advertiserId),
        );
        expect(visible.length).toBeGreaterThanOrEqual(60);
        await pageThrough('SearchAudiences', audienceSearchBody({}), visible.length);
      },
    ],
  ],
};

// ---- the table ----

describe('OpenAPI operations', () => {
  it('has a success case for exactly the operations the spec declares', () => {
    const specIds = listOperations()
      .map((op) => op.operationId)
      .sort();
    expect(specIds).toHaveLength(20);
    expect(Object.keys(SUCCESS_CASES).sort()).toEqual(specIds);
    for (const id of [...Object.keys(PARTIAL_CASES), ...Object.keys(EXTRA_CASES)])
      expect(specIds).toContain(id);
  });
});

describe.each(Object.entries(SUCCESS_CASES))('%s', (operationId, success) => {
  it('answers realistic successful calls with bodies that match the spec', success);

  const partial = PARTIAL_CASES[operationId];
  if (partial) {
    it(
      'answers a mix of good and bad items with 200, the successes in data and an @data/<index> error per failed item',
      partial,
    );
  }

  for (const [behaviour, run] of EXTRA_CASES[operationId] ?? []) it(behaviour, run);
});

// ---- the token endpoint (not in the spec) ----

describe('POST /oauth2/token (not in the spec)', () => {
  it('answers a client-credentials grant with a Bearer token of 900 s and a null refresh_token', async () => {
    const response = await fetch(`${api.emulator.url}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: 'demo-client-id',
        client_secret: 'demo-client-secret',
      }),
    });
    expect(response.status).toBe(200);
    const body = record(await response.json());
    const token = TokenResponseSchema.parse(body);
    expect(token.token_type).toBe('Bearer');
    expect(token.expires_in).toBe(900);
    expect(Object.hasOwn(body, 'refresh_token')).toBe(true);
    expect(body.refresh_token).toBeNull();
    expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'refresh_token', 'token_type']);
  });
});
