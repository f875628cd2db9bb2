import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  DEMO_ADVERTISER,
  OTHER_APP_ADVERTISER,
  SECOND_DEMO_ADVERTISER,
  startTestEmulator,
  type TestEmulator,
} from '../support/emulator.js';
import {
  brandQuery,
  countSegments,
  createId,
  createSegments,
  ErrorBodySchema,
  expectRequestError,
  idOf,
  itemError,
  kind,
  LYON,
  namesOf,
  PARIS,
  searchSegments,
  segment,
} from '../support/emulator-segments.js';

// ---- Create ----

describe('POST /audience-segments/create', () => {
  let t: TestEmulator;
  let otherToken: string;
  const seeds = {
    contactList: '',
    foreignAdvertiserContactList: '',
    inMarket: '',
    retargeting: '',
    otherApp: '',
  };

  beforeAll(async () => {
    t = await startTestEmulator({ demoData: false });
    otherToken = await t.token('other-client-id');
    seeds.contactList = await createId(t, segment(kind.contactList(), { name: 'Seed CRM list' }));
    seeds.inMarket = await createId(t, segment(kind.inMarket(), { name: 'Seed in-market' }));
    seeds.retargeting = await createId(t, segment(kind.retargeting(), { name: 'Seed visitors' }));
    seeds.foreignAdvertiserContactList = await createId(
      t,
      segment(kind.contactList(), { advertiserId: SECOND_DEMO_ADVERTISER, name: 'Seed 5050 list' }),
    );
    seeds.otherApp = await createId(
      t,
      segment(kind.contactList(), { advertiserId: OTHER_APP_ADVERTISER, name: 'Other app list' }),
      otherToken,
    );
  });
  afterAll(() => t.close());

  it('creates one segment of each writable type and returns its read model', async () => {
    const { status, body } = await createSegments(t, [
      segment(kind.contactList(), { name: 'All kinds: list', description: 'CRM export' }),
      segment(kind.inMarket({ gender: 'Female', buyingPower: ['High'] }), { name: 'All kinds: in-market' }),
      segment(kind.prospecting({ daysSinceLastVisitMin: 10, daysSinceLastVisitMax: 20 }), {
        name: 'All kinds: prospecting',
      }),
      segment(kind.location(), { name: 'All kinds: location' }),
      segment(kind.retargeting({ visitorsType: 'Buyers' }), { name: 'All kinds: retargeting' }),
      segment(kind.lookalike(seeds.contactList, { targetSize: 100_000 }), { name: 'All kinds: lookalike' }),
    ]);
    expect(status).toBe(200);
    expect(body.errors).toEqual([]);
    expect(body.data?.map((s) => [s.type, s.attributes?.type])).toEqual([
      ['AudienceSegment', 'ContactList'],
      ['AudienceSegment', 'InMarket'],
      ['AudienceSegment', 'Prospecting'],
      ['AudienceSegment', 'Location'],
      ['AudienceSegment', 'Retargeting'],
      ['AudienceSegment', 'Lookalike'],
    ]);
    const [list, inMarket, prospecting, , retargeting, lookalike] = body.data ?? [];
    expect(list?.id).toMatch(/^\d+$/);
    expect(list?.attributes).toEqual({
      advertiserId: DEMO_ADVERTISER,
      name: 'All kinds: list',
      description: 'CRM export',
      type: 'ContactList',
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      updatedAt: null,
      contactList: { isReadOnly: false },
    });
    expect(inMarket?.attributes?.description).toBeNull();
    expect(inMarket?.attributes?.inMarket).toEqual({
      country: 'FR',
      interestIds: ['166'],
      gender: 'Female',
      buyingPower: ['High'],
    });
    expect(prospecting?.attributes?.prospecting).toEqual({
      usersType: 'Prospects',
      daysSinceLastVisitMin: 10,
      daysSinceLastVisitMax: 20,
    });
    expect(retargeting?.attributes?.retargeting).toEqual({
      visitorsType: 'Buyers',
      daysSinceLastVisitMin: 0,
      daysSinceLastVisitMax: 30,
    });
    expect(lookalike?.attributes?.lookalike).toEqual({
      seedSegmentId: seeds.contactList,
      targetSize: 100_000,
    });
  });

  it('stores points of interest rounded to 5 decimals and reads them back as PointOfInterest', async () => {
    const { body } = await createSegments(t, [
      segment(
        kind.location({
          pointsOfInterest: [
            { latitude: 48.8566123456, longitude: 2.3522219 },
            { ...LYON, name: 'Lyon' },
          ],
          radiusInKm: 25,
        }),
      ),
    ]);
    const [created] = body.data ?? [];
    const expected = {
      registryType: 'PointOfInterest',
      pointsOfInterest: [
        { name: null, latitude: 48.85661, longitude: 2.35222 },
        { name: 'Lyon', latitude: 45.76404, longitude: 4.83566 },
      ],
      radiusInKm: 25,
    };
    expect(created?.attributes?.location).toEqual(expected);
    const found = await searchSegments(t, { audienceSegmentIds: [idOf(created)] });
    expect(found.body.data?.[0]?.attributes?.location).toEqual(expected);
  });

  it('answers undefined-advertiser-id for an item without advertiserId and creates its siblings', async () => {
    const { status, body } = await createSegments(t, [
      segment(kind.contactList(), { name: 'No advertiser: ok 1' }),
      segment(kind.contactList(), { advertiserId: undefined }),
      segment(kind.contactList(), { advertiserId: '' }),
      segment(kind.contactList(), { name: 'No advertiser: ok 2' }),
    ]);
    expect(status).toBe(200);
    expect(namesOf(body.data)).toEqual(['No advertiser: ok 1', 'No advertiser: ok 2']);
    expect(body.errors).toEqual([
      itemError(1, 'undefined-advertiser-id', 'advertiserId', 'attributes/advertiserId'),
      itemError(2, 'undefined-advertiser-id', 'advertiserId', 'attributes/advertiserId'),
    ]);
  });

  it('answers name-must-not-be-empty for a missing or blank name', async () => {
    const { status, body } = await createSegments(t, [
      segment(kind.contactList(), { name: undefined }),
      segment(kind.contactList(), { name: 'Named' }),
      segment(kind.contactList(), { name: '   ' }),
      segment(kind.contactList(), { name: '' }),
    ]);
    expect(status).toBe(200);
    expect(namesOf(body.data)).toEqual(['Named']);
    expect(body.errors).toEqual([
      itemError(0, 'name-must-not-be-empty', 'name', 'attributes/name'),
      itemError(2, 'name-must-not-be-empty', 'name', 'attributes/name'),
      itemError(3, 'name-must-not-be-empty', 'name', 'attributes/name'),
    ]);
    // One request, one trace: every problem carries it, under both names.
    const traces = new Set(body.errors?.flatMap((e) => [e.traceId, e.traceIdentifier]));
    expect(traces.size).toBe(1);
  });

  it('answers name-must-not-be-too-long above 255 characters and accepts exactly 255', async () => {
    const { body } = await createSegments(t, [
      segment(kind.contactList(), { name: 'x'.repeat(256) }),
      segment(kind.contactList(), { name: 'y'.repeat(255) }),
    ]);
    expect(namesOf(body.data)).toEqual(['y'.repeat(255)]);
    expect(body.errors).toEqual([itemError(0, 'name-must-not-be-too-long', 'name', 'attributes/name')]);
  });

  it('answers name-must-be-unique against stored segments of the same advertiser, ignoring case and spaces', async () => {
    await createId(t, segment(kind.contactList(), { name: 'Loyal customers' }));
    const { status, body } = await createSegments(t, [
      segment(kind.inMarket(), { name: 'Loyal customers' }),
      segment(kind.contactList(), { name: '  LOYAL customers ' }),
      segment(kind.contactList(), { name: 'Loyal customers', advertiserId: SECOND_DEMO_ADVERTISER }),
    ]);
    expect(status).toBe(200);
    expect(body.data?.map((s) => [s.attributes?.advertiserId, s.attributes?.name])).toEqual([
      [SECOND_DEMO_ADVERTISER, 'Loyal customers'],
    ]);
    expect(body.errors).toEqual([
      itemError(0, 'name-must-be-unique', 'name', 'attributes/name'),
      itemError(1, 'name-must-be-unique', 'name', 'attributes/name'),
    ]);
  });

  it('answers duplicate-name for a name repeated within one request, per advertiser', async () => {
    const { body } = await createSegments(t, [
      segment(kind.contactList(), { name: 'Twins' }),
      segment(kind.contactList(), { name: 'twins' }),
      segment(kind.contactList(), { name: 'Twins', advertiserId: SECOND_DEMO_ADVERTISER }),
    ]);
    expect(body.data?.map((s) => [s.attributes?.advertiserId, s.attributes?.name])).toEqual([
      [DEMO_ADVERTISER, 'Twins'],
      [SECOND_DEMO_ADVERTISER, 'Twins'],
    ]);
    expect(body.errors).toEqual([itemError(1, 'duplicate-name', 'name', 'attributes/name')]);
  });

  it('answers undefined-segment-type for an item without any type object', async () => {
    const { body } = await createSegments(t, [segment(kind.contactList()), segment({})]);
    expect(body.data).toHaveLength(1);
    expect(body.errors).toEqual([itemError(1, 'undefined-segment-type', 'attributes', 'attributes')]);
  });

  it('answers multiple-segment-types for an item with two type objects', async () => {
    const { body } = await createSegments(t, [
      segment({ ...kind.contactList(), ...kind.inMarket() }),
      segment(kind.contactList()),
    ]);
    expect(body.data).toHaveLength(1);
    expect(body.errors).toEqual([itemError(0, 'multiple-segment-types', 'attributes', 'attributes')]);
  });

  describe('in-market settings', () => {
    const at = 'attributes/inMarket';

    it('answer country-code-is-required without a country', async () => {
      const { body } = await createSegments(t, [
        segment(kind.inMarket({ country: undefined })),
        segment(kind.inMarket()),
      ]);
      expect(body.data).toHaveLength(1);
      expect(body.errors).toEqual([itemError(0, 'country-code-is-required', 'country', `${at}/country`)]);
    });

    it('answer country-code-must-be-valid for a code outside ISO 3166-1', async () => {
      const { body } = await createSegments(t, [
        segment(kind.inMarket()),
        segment(kind.inMarket({ country: 'ZZ' })),
      ]);
      expect(body.data).toHaveLength(1);
      expect(body.errors).toEqual([itemError(1, 'country-code-must-be-valid', 'country', `${at}/country`)]);
    });

    it('answer country-code-must-be-authorized for a valid country without in-market targeting', async () => {
      const { body } = await createSegments(t, [
        segment(kind.inMarket({ country: 'BR' })),
        segment(kind.inMarket({ country: 'US' })),
      ]);
      expect(body.data?.map((s) => s.attributes?.inMarket?.country)).toEqual(['US']);
      expect(body.errors).toEqual([
        itemError(0, 'country-code-must-be-authorized', 'country', `${at}/country`),
      ]);
    });

    it('answer interests-list-must-be-valid for an unknown or repeated interest', async () => {
      const { body } = await createSegments(t, [
        segment(kind.inMarket({ interestIds: ['166', '999999'] })),
        segment(kind.inMarket({ interestIds: ['166', '222'] })),
        segment(kind.inMarket({ interestIds: ['166', '166'] })),
      ]);
      expect(body.data?.map((s) => s.attributes?.inMarket?.interestIds)).toEqual([['166', '222']]);
      expect(body.errors).toEqual([
        itemError(0, 'interests-list-must-be-valid', 'interestIds', `${at}/interestIds`),
        itemError(2, 'interests-list-must-be-valid', 'interestIds', `${at}/interestIds`),
      ]);
    });

    it('answer brand-list-must-be-valid for an unknown or repeated brand', async () => {
      const brands = z
        .object({ data: z.array(z.object({ id: z.string() })) })
        .parse((await t.call('GET', '/audience-segments/in-market-brands', { query: brandQuery })).body);
      const brand = brands.data[0]?.id ?? 'none';
      const { body } = await createSegments(t, [
        segment(kind.inMarket({ brandIds: [brand] })),
        segment(kind.inMarket({ brandIds: ['999999'] })),
        segment(kind.inMarket({ brandIds: [brand, brand] })),
      ]);
      expect(body.data?.map((s) => s.attributes?.inMarket?.brandIds)).toEqual([[brand]]);
      expect(body.errors).toEqual([
        itemError(1, 'brand-list-must-be-valid', 'brandIds', `${at}/brandIds`),
        itemError(2, 'brand-list-must-be-valid', 'brandIds', `${at}/brandIds`),
      ]);
    });

    it('answer buying-power-must-be-valid for repeated values', async () => {
      const { body } = await createSegments(t, [
        segment(kind.inMarket({ buyingPower: ['Low', 'Low'] })),
        segment(kind.inMarket({ buyingPower: ['Low', 'High'] })),
      ]);
      expect(body.data).toHaveLength(1);
      expect(body.errors).toEqual([
        itemError(0, 'buying-power-must-be-valid', 'buyingPower', `${at}/buyingPower`),
      ]);
    });

    it('answer price-range-must-be-valid for repeated values', async () => {
      const { body } = await createSegments(t, [
        segment(kind.inMarket({ priceRange: ['Medium'] })),
        segment(kind.inMarket({ priceRange: ['Medium', 'Medium'] })),
      ]);
      expect(body.data).toHaveLength(1);
      expect(body.errors).toEqual([
        itemError(1, 'price-range-must-be-valid', 'priceRange', `${at}/priceRange`),
      ]);
    });
  });

  describe('prospecting settings', () => {
    const at = 'attributes/prospecting';

    it('answer users-type-must-be-defined without usersType', async () => {
      const { body } = await createSegments(t, [
        segment(kind.prospecting({ usersType: undefined })),
        segment(kind.prospecting({ usersType: 'ProspectsOrNonBuyers' })),
      ]);
      expect(body.data).toHaveLength(1);
      expect(body.errors).toEqual([
        itemError(0, 'users-type-must-be-defined', 'usersType', `${at}/usersType`),
      ]);
    });

    it('answer days-must-be-in-range unless 0 <= min < max <= 400', async () => {
      const { body } = await createSegments(t, [
        segment(kind.prospecting({ daysSinceLastVisitMin: 30, daysSinceLastVisitMax: 30 })),
        segment(kind.prospecting({ daysSinceLastVisitMax: 401 })),
        segment(kind.prospecting({ daysSinceLastVisitMin: -1 })),
        segment(kind.prospecting({ daysSinceLastVisitMin: 0, daysSinceLastVisitMax: 400 })),
      ]);
      expect(body.data?.map((s) => s.attributes?.prospecting?.daysSinceLastVisitMax)).toEqual([400]);
      const error = (i: number) =>
        itemError(i, 'days-must-be-in-range', 'daysSinceLastVisitMin', `${at}/daysSinceLastVisitMin`);
      expect(body.errors).toEqual([error(0), error(1), error(2)]);
    });
  });

  describe('location settings', () => {
    const at = 'attributes/location';

    it('answer poi-list-must-be-not-empty for an empty or missing list', async () => {
      const { body } = await createSegments(t, [
        segment(kind.location({ pointsOfInterest: [] })),
        segment(kind.location({ pointsOfInterest: undefined })),
        segment(kind.location()),
      ]);
      expect(body.data).toHaveLength(1);
      const error = (i: number) =>
        itemError(i, 'poi-list-must-be-not-empty', 'pointsOfInterest', `${at}/pointsOfInterest`);
      expect(body.errors).toEqual([error(0), error(1)]);
    });

    it('answer poi-coordinates-must-be-valid for a latitude beyond 90 or a missing longitude', async () => {
      const { body } = await createSegments(t, [
        segment(kind.location()),
        segment(kind.location({ pointsOfInterest: [PARIS, { latitude: 91, longitude: 2 }] })),
        segment(kind.location({ pointsOfInterest: [{ latitude: 48 }] })),
        segment(kind.location({ pointsOfInterest: [{ latitude: 0, longitude: -180.5 }] })),
      ]);
      expect(body.data).toHaveLength(1);
      expect(body.errors).toEqual([
        itemError(1, 'poi-coordinates-must-be-valid', 'pointsOfInterest', `${at}/pointsOfInterest/1`),
        itemError(2, 'poi-coordinates-must-be-valid', 'pointsOfInterest', `${at}/pointsOfInterest/0`),
        itemError(3, 'poi-coordinates-must-be-valid', 'pointsOfInterest', `${at}/pointsOfInterest/0`),
      ]);
    });

    it('answer poi-coordinates-must-be-unique for a repeated point', async () => {
      const { body } = await createSegments(t, [
        segment(kind.location({ pointsOfInterest: [PARIS, LYON, { ...PARIS, name: 'Paris again' }] })),
        segment(kind.location({ pointsOfInterest: [PARIS, LYON] })),
      ]);
      expect(body.data).toHaveLength(1);
      expect(body.errors).toEqual([
        itemError(0, 'poi-coordinates-must-be-unique', 'pointsOfInterest', `${at}/pointsOfInterest/2`),
      ]);
    });

    it('answer poi-radius-must-be-not-null without radiusInKm', async () => {
      const { body } = await createSegments(t, [
        segment(kind.location({ radiusInKm: undefined })),
        segment(kind.location()),
      ]);
      expect(body.data).toHaveLength(1);
      expect(body.errors).toEqual([
        itemError(0, 'poi-radius-must-be-not-null', 'radiusInKm', `${at}/radiusInKm`),
      ]);
    });

    it('answer radius-must-be-in-range outside 1..500 km', async () => {
      const { body } = await createSegments(t, [
        segment(kind.location({ radiusInKm: 0 })),
        segment(kind.location({ radiusInKm: 1 })),
        segment(kind.location({ radiusInKm: 500 })),
        segment(kind.location({ radiusInKm: 501 })),
      ]);
      expect(body.data?.map((s) => s.attributes?.location?.radiusInKm)).toEqual([1, 500]);
      expect(body.errors).toEqual([
        itemError(0, 'radius-must-be-in-range', 'radiusInKm', `${at}/radiusInKm`),
        itemError(3, 'radius-must-be-in-range', 'radiusInKm', `${at}/radiusInKm`),
      ]);
    });
  });

  describe('retargeting settings', () => {
    const at = 'attributes/retargeting';
    const outOfRange = 'retargeting-segment-days-since-last-visit-are-not-in-acceptable-range';

    it('answer ...-not-in-acceptable-range outside 0..400 days or with a missing bound', async () => {
      const { body } = await createSegments(t, [
        segment(kind.retargeting({ daysSinceLastVisitMax: 401 })),
        segment(kind.retargeting({ daysSinceLastVisitMin: -1 })),
        segment(kind.retargeting({ daysSinceLastVisitMin: 0, daysSinceLastVisitMax: 400 })),
        segment(kind.retargeting({ daysSinceLastVisitMax: undefined })),
      ]);
      expect(body.data?.map((s) => s.attributes?.retargeting?.daysSinceLastVisitMax)).toEqual([400]);
      const error = (i: number) =>
        itemError(i, outOfRange, 'daysSinceLastVisitMin', `${at}/daysSinceLastVisitMin`);
      expect(body.errors).toEqual([error(0), error(1), error(3)]);
    });

    it('answer ...-are-not-compatible when min >= max', async () => {
      const { body } = await createSegments(t, [
        segment(kind.retargeting({ daysSinceLastVisitMin: 30, daysSinceLastVisitMax: 30 })),
        segment(kind.retargeting({ daysSinceLastVisitMin: 60, daysSinceLastVisitMax: 30 })),
        segment(kind.retargeting({ daysSinceLastVisitMin: 29, daysSinceLastVisitMax: 30 })),
      ]);
      expect(body.data).toHaveLength(1);
      const error = (i: number) =>
        itemError(
          i,
          'retargeting-segment-days-since-last-visit-are-not-compatible',
          'daysSinceLastVisitMax',
          `${at}/daysSinceLastVisitMax`,
        );
      expect(body.errors).toEqual([error(0), error(1)]);
    });

    it('answer visitors-type-must-be-defined without visitorsType', async () => {
      const { body } = await createSegments(t, [
        segment(kind.retargeting()),
        segment(kind.retargeting({ visitorsType: undefined })),
      ]);
      expect(body.data).toHaveLength(1);
      expect(body.errors).toEqual([
        itemError(1, 'visitors-type-must-be-defined', 'visitorsType', `${at}/visitorsType`),
      ]);
    });
  });

  describe('lookalike settings', () => {
    const at = 'attributes/lookalike';

    it('answer seed-segment-must-be-defined without seedSegmentId', async () => {
      const { body } = await createSegments(t, [
        segment(kind.lookalike(undefined)),
        segment(kind.lookalike(seeds.contactList)),
      ]);
      expect(body.data?.map((s) => s.attributes?.lookalike?.seedSegmentId)).toEqual([seeds.contactList]);
      expect(body.errors).toEqual([
        itemError(0, 'seed-segment-must-be-defined', 'seedSegmentId', `${at}/seedSegmentId`),
      ]);
    });

    it("answer segment-has-not-been-found for an unknown seed or another application's segment", async () => {
      const { body } = await createSegments(t, [
        segment(kind.lookalike(seeds.retargeting)),
        segment(kind.lookalike('999999999')),
        segment(kind.lookalike(seeds.otherApp)),
      ]);
      expect(body.data?.map((s) => s.attributes?.lookalike?.seedSegmentId)).toEqual([seeds.retargeting]);
      const error = (i: number) =>
        itemError(i, 'segment-has-not-been-found', 'seedSegmentId', `${at}/seedSegmentId`);
      expect(body.errors).toEqual([error(1), error(2)]);
    });

    it('answer seed-segment-must-belong-to-the-same-advertiser for a seed of advertiser 5050', async () => {
      const { body } = await createSegments(t, [
        segment(kind.lookalike(seeds.foreignAdvertiserContactList)),
        segment(kind.lookalike(seeds.foreignAdvertiserContactList), { advertiserId: SECOND_DEMO_ADVERTISER }),
      ]);
      expect(body.data?.map((s) => s.attributes?.advertiserId)).toEqual([SECOND_DEMO_ADVERTISER]);
      expect(body.errors).toEqual([
        itemError(
          0,
          'seed-segment-must-belong-to-the-same-advertiser',
          'seedSegmentId',
          `${at}/seedSegmentId`,
        ),
      ]);
    });

    it('answer segment-must-have-valid-segment-id for a seed that is neither a contact list nor retargeting', async () => {
      const { body } = await createSegments(t, [
        segment(kind.lookalike(seeds.inMarket)),
        segment(kind.lookalike(seeds.contactList)),
      ]);
      expect(body.data).toHaveLength(1);
      expect(body.errors).toEqual([
        itemError(0, 'segment-must-have-valid-segment-id', 'seedSegmentId', `${at}/seedSegmentId`),
      ]);
    });

    it('answer target-size-must-be-in-range outside 10,000..50,000,000', async () => {
      const { body } = await createSegments(t, [
        segment(kind.lookalike(seeds.contactList, { targetSize: 9_999 })),
        segment(kind.lookalike(seeds.contactList, { targetSize: 10_000 })),
        segment(kind.lookalike(seeds.contactList, { targetSize: 50_000_000 })),
        segment(kind.lookalike(seeds.contactList, { targetSize: 50_000_001 })),
      ]);
      expect(body.data?.map((s) => s.attributes?.lookalike?.targetSize)).toEqual([10_000, 50_000_000]);
      const error = (i: number) =>
        itemError(i, 'target-size-must-be-in-range', 'targetSize', `${at}/targetSize`);
      expect(body.errors).toEqual([error(0), error(3)]);
      // Docs: "Lower and Upper bound will be included in error details".
      expect(body.errors?.[0]?.detail).toMatch(/10000\b.*\b50000000/);
    });
  });

  it('rejects the whole request with 400 invalid-request-body on a JSON type mismatch, creating nothing', async () => {
    const before = await countSegments(t);
    const response = await t.call('POST', '/audience-segments/create', {
      body: {
        data: [
          { type: 'AudienceSegment', attributes: segment(kind.contactList()) },
          {
            type: 'AudienceSegment',
            attributes: { ...segment(kind.location()), location: { radiusInKm: 'ten' } },
          },
        ],
      },
    });
    const path = 'data/1/attributes/location/radiusInKm';
    expectRequestError(response, 400, 'invalid-request-body', '/audience-segments/create', {
      source: { radiusInKm: path },
    });
    expect(ErrorBodySchema.parse(response.body).errors[0]?.detail).toContain(path);
    expect(await countSegments(t)).toBe(before);
  });

  it('rejects an unknown enum value (gender "Other") with 400 invalid-request-body, creating nothing', async () => {
    const before = await countSegments(t);
    const response = await t.call('POST', '/audience-segments/create', {
      body: {
        data: [
          {
            attributes: { ...segment(kind.inMarket()), inMarket: { country: 'FR', gender: 'Other' } },
          },
          { attributes: segment(kind.contactList()) },
        ],
      },
    });
    expectRequestError(response, 400, 'invalid-request-body', '/audience-segments/create', {
      source: { gender: 'data/0/attributes/inMarket/gender' },
    });
    expect(await countSegments(t)).toBe(before);
  });

  it('rejects more than 50 items with 400 payload-too-big, creating nothing', async () => {
    const before = await countSegments(t);
    const items = Array.from({ length: 51 }, () => segment(kind.contactList()));
    const response = await t.call('POST', '/audience-segments/create', {
      body: { data: items.map((attributes) => ({ attributes })) },
    });
    expectRequestError(response, 400, 'payload-too-big', '/audience-segments/create');
    expect(await countSegments(t)).toBe(before);
  });

  it('rejects an empty or missing data array with 400 empty-data-object', async () => {
    for (const body of [{ data: [] }, {}, { data: null }]) {
      const response = await t.call('POST', '/audience-segments/create', { body });
      expectRequestError(response, 400, 'empty-data-object', '/audience-segments/create');
    }
  });

  it("rejects the whole request with 403 when one item targets another application's advertiser", async () => {
    const before = await countSegments(t);
    const otherBefore = await countSegments(t, OTHER_APP_ADVERTISER, otherToken);
    const response = await t.call('POST', '/audience-segments/create', {
      body: {
        data: [
          { attributes: segment(kind.contactList()) },
          { attributes: segment(kind.contactList(), { advertiserId: OTHER_APP_ADVERTISER }) },
        ],
      },
    });
    expectRequestError(response, 403, 'advertiser-not-authorized', '/audience-segments/create', {
      type: 'authorization',
    });
    expect(await countSegments(t)).toBe(before);
    expect(await countSegments(t, OTHER_APP_ADVERTISER, otherToken)).toBe(otherBefore);
  });
});
