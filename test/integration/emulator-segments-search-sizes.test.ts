import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InMarketCreate, SizeEstimationResponseSchema } from '../../src/contract/audience-segment.js';
import type { SegmentRecord } from '../../src/emulator/store.js';
import {
  DEMO_ADVERTISER,
  OTHER_APP_ADVERTISER,
  SECOND_DEMO_ADVERTISER,
  startTestEmulator,
  type TestEmulator,
} from '../support/emulator.js';
import {
  computeSizes,
  createId,
  createIds,
  demoSegmentId,
  estimateSize,
  expectRequestError,
  idsOf,
  itemError,
  kind,
  LYON,
  ofDemo,
  PARIS,
  type SearchFilters,
  searchSegments,
  segment,
  sizeOf,
} from '../support/emulator-segments.js';

// ---- Search ----

describe('POST /audience-segments/search', () => {
  let t: TestEmulator;
  /** Demo segments per advertiser, straight from the store: the oracle for totals. */
  const demoCount = (predicate: (s: SegmentRecord) => boolean) =>
    [...t.emulator.store.segments.values()].filter(predicate).length;
  const visible = (s: SegmentRecord) =>
    s.attributes.advertiserId === DEMO_ADVERTISER || s.attributes.advertiserId === SECOND_DEMO_ADVERTISER;

  beforeAll(async () => {
    t = await startTestEmulator({ demoData: true });
  });
  afterAll(() => t.close());

  it('ANDs advertiserIds, audienceSegmentTypes and audienceSegmentIds', async () => {
    const [a = '', b = '', c = ''] = await createIds(t, [
      segment(kind.inMarket()),
      segment(kind.contactList()),
      segment(kind.inMarket(), { advertiserId: SECOND_DEMO_ADVERTISER }),
    ]);
    const ids = [a, b, c];
    const cases: [SearchFilters, string[]][] = [
      [{ audienceSegmentIds: ids }, ids],
      [{ audienceSegmentIds: ids, advertiserIds: [DEMO_ADVERTISER] }, [a, b]],
      [{ audienceSegmentIds: ids, audienceSegmentTypes: ['InMarket'] }, [a, c]],
      [
        { audienceSegmentIds: ids, advertiserIds: [DEMO_ADVERTISER], audienceSegmentTypes: ['InMarket'] },
        [a],
      ],
      [
        {
          audienceSegmentIds: ids,
          advertiserIds: [SECOND_DEMO_ADVERTISER],
          audienceSegmentTypes: ['ContactList'],
        },
        [],
      ],
      [{ audienceSegmentIds: ids, advertiserIds: null, audienceSegmentTypes: null }, ids],
    ];
    for (const [filters, expected] of cases) {
      const { status, body } = await searchSegments(t, filters);
      expect(status).toBe(200);
      expect(idsOf(body.data)).toEqual(expected);
      expect(body.meta).toEqual({ totalItems: expected.length, limit: 50, offset: 0 });
    }
  });

  it('pages with a default limit of 50 and reports totalItems across pages', async () => {
    const total = demoCount((s) => s.attributes.advertiserId === DEMO_ADVERTISER);
    expect(total).toBeGreaterThan(100);
    const first = await searchSegments(t, { advertiserIds: [DEMO_ADVERTISER] });
    expect(first.body.data).toHaveLength(50);
    expect(first.body.meta).toEqual({ totalItems: total, limit: 50, offset: 0 });
    const last = await searchSegments(
      t,
      { advertiserIds: [DEMO_ADVERTISER] },
      { limit: 50, offset: total - 5 },
    );
    expect(last.body.data).toHaveLength(5);
    expect(last.body.meta).toEqual({ totalItems: total, limit: 50, offset: total - 5 });
    const beyond = await searchSegments(t, { advertiserIds: [DEMO_ADVERTISER] }, { offset: total + 10 });
    expect(beyond.body.data).toEqual([]);
    expect(beyond.body.meta).toEqual({ totalItems: total, limit: 50, offset: total + 10 });
    // Walking the pages yields every segment once, in id order.
    const walked: string[] = [];
    for (let offset = 0; offset < total; offset += 50) {
      const page = await searchSegments(t, { advertiserIds: [DEMO_ADVERTISER] }, { offset });
      walked.push(...idsOf(page.body.data));
    }
    expect(walked).toHaveLength(total);
    expect(walked).toEqual([...new Set(walked)].sort((x, y) => Number(x) - Number(y)));
  });

  it('accepts limit=100 and answers 400 pagination-limit-too-big for limit=101', async () => {
    const hundred = await searchSegments(t, {}, { limit: 100 });
    expect(hundred.status).toBe(200);
    expect(hundred.body.data).toHaveLength(100);
    expect(hundred.body.meta?.limit).toBe(100);
    const response = await t.call('POST', '/audience-segments/search', {
      body: { data: { attributes: {} } },
      query: { limit: 101 },
    });
    expectRequestError(response, 400, 'pagination-limit-too-big', '/audience-segments/search', {
      source: { limit: 'limit' },
    });
  });

  it('answers 400 for a negative offset', async () => {
    const response = await t.call('POST', '/audience-segments/search', {
      body: { data: { attributes: {} } },
      query: { offset: -1 },
    });
    expectRequestError(response, 400, 'invalid-query-parameter', '/audience-segments/search', {
      source: { offset: 'offset' },
    });
  });

  it("answers 403 when advertiserIds names another application's advertiser", async () => {
    const response = await t.call('POST', '/audience-segments/search', {
      body: { data: { attributes: { advertiserIds: [DEMO_ADVERTISER, OTHER_APP_ADVERTISER] } } },
    });
    expectRequestError(response, 403, 'advertiser-not-authorized', '/audience-segments/search', {
      type: 'authorization',
    });
  });

  it("never returns another application's segments", async () => {
    const foreign = [...t.emulator.store.segments.values()]
      .filter((s) => s.attributes.advertiserId === OTHER_APP_ADVERTISER)
      .map((s) => s.id);
    expect(foreign.length).toBeGreaterThan(0);
    const byId = await searchSegments(t, { audienceSegmentIds: foreign });
    expect(byId.status).toBe(200);
    expect(byId.body.data).toEqual([]);
    expect(byId.body.meta?.totalItems).toBe(0);
    const all = await searchSegments(t, {}, { limit: 1 });
    expect(all.body.meta?.totalItems).toBe(demoCount(visible));
    const other = await searchSegments(t, {}, { limit: 100 }, await t.token('other-client-id'));
    expect(other.body.data?.map((s) => s.attributes?.advertiserId)).toEqual(
      foreign.map(() => OTHER_APP_ADVERTISER),
    );
  });

  it("lists only Behavioral segments for audienceSegmentTypes: ['Behavioral']", async () => {
    const { body } = await searchSegments(t, { audienceSegmentTypes: ['Behavioral'] }, { limit: 100 });
    const expected = demoCount((s) => visible(s) && s.attributes.type === 'Behavioral');
    expect(expected).toBeGreaterThan(0);
    expect(body.meta?.totalItems).toBe(expected);
    expect(body.data).toHaveLength(expected);
    expect(new Set(body.data?.map((s) => s.attributes?.type))).toEqual(new Set(['Behavioral']));
    expect(body.data?.[0]?.attributes?.behavioral?.category).toEqual(expect.any(String));
  });
});

// ---- Compute sizes ----

describe('POST /audience-segments/compute-sizes', () => {
  let t: TestEmulator;
  beforeAll(async () => {
    t = await startTestEmulator({ demoData: true });
  });
  afterAll(() => t.close());

  it('answers the same size for the same segment across calls and for identical definitions', async () => {
    const definition = kind.inMarket({ interestIds: ['166', '222'], gender: 'Female' });
    const [a = '', b, c] = await createIds(t, [
      segment(definition),
      segment(definition),
      segment(kind.inMarket({ interestIds: ['222', '166'], gender: 'Female' })),
    ]);
    const { status, body } = await computeSizes(t, [a, b, c]);
    expect(status).toBe(200);
    expect(body.errors).toEqual([]);
    const sizes = body.data?.map((s) => s.attributes?.size);
    expect(body.data?.map((s) => [s.id, s.type])).toEqual([
      [a, 'AudienceSegmentSize'],
      [b, 'AudienceSegmentSize'],
      [c, 'AudienceSegmentSize'],
    ]);
    expect(sizes?.[0]).toBeGreaterThanOrEqual(1_000);
    expect(new Set(sizes).size).toBe(1);
    expect(await sizeOf(t, a)).toBe(sizes?.[0]);
  });

  it('answers different sizes for different definitions of the same type', async () => {
    const [a = '', b = '', c = '', d = ''] = await createIds(t, [
      segment(kind.prospecting({ daysSinceLastVisitMin: 10, daysSinceLastVisitMax: 20 })),
      segment(kind.prospecting({ daysSinceLastVisitMin: 10, daysSinceLastVisitMax: 90 })),
      segment(kind.retargeting({ daysSinceLastVisitMin: 0, daysSinceLastVisitMax: 30 })),
      segment(kind.retargeting({ daysSinceLastVisitMin: 10, daysSinceLastVisitMax: 40 })),
    ]);
    const [pa, pb, rc, rd] = await Promise.all([a, b, c, d].map((id) => sizeOf(t, id)));
    expect(pa).not.toBe(pb);
    expect(rc).not.toBe(rd);
  });

  it('answers segment-not-found at the item index and sizes its siblings', async () => {
    const id = await createId(t, segment(kind.location()));
    const { status, body } = await computeSizes(t, [id, '999999999', 'abc']);
    expect(status).toBe(200);
    expect(idsOf(body.data)).toEqual([id]);
    expect(body.errors).toEqual([
      itemError(1, 'segment-not-found', 'id', 'id'),
      itemError(2, 'non-parsable-id', 'id', 'id'),
    ]);
  });

  it('answers segment-size-not-available for an empty contact list', async () => {
    const empty = demoSegmentId(
      t,
      (s) =>
        ofDemo('ContactList')(s) &&
        s.contactList?.syntheticCount === 0 &&
        s.contactList.identifiers.size === 0,
    );
    const created = await createId(t, segment(kind.contactList()));
    const sized = await createId(t, segment(kind.inMarket()));
    const { body } = await computeSizes(t, [sized, empty, created]);
    expect(idsOf(body.data)).toEqual([sized]);
    expect(body.errors).toEqual([
      itemError(1, 'segment-size-not-available', 'id', 'id'),
      itemError(2, 'segment-size-not-available', 'id', 'id'),
    ]);
  });

  it('answers segment-size-too-small for a contact list with too few matches', async () => {
    const tiny = demoSegmentId(t, (s) => ofDemo('ContactList')(s) && s.contactList?.syntheticCount === 900);
    const sized = await createId(t, segment(kind.retargeting()));
    const { body } = await computeSizes(t, [tiny, sized]);
    expect(idsOf(body.data)).toEqual([sized]);
    expect(body.errors).toEqual([itemError(0, 'segment-size-too-small', 'id', 'id')]);
  });

  it('answers segment-size-not-supported for a segment of the Unknown type', async () => {
    const unknown = demoSegmentId(t, ofDemo('Unknown'));
    const behavioral = demoSegmentId(t, ofDemo('Behavioral'));
    const { body } = await computeSizes(t, [behavioral, unknown]);
    expect(idsOf(body.data)).toEqual([behavioral]);
    expect(body.errors).toEqual([itemError(1, 'segment-size-not-supported', 'id', 'id')]);
  });

  it('answers duplicate-id for an id repeated in the request', async () => {
    const id = await createId(t, segment(kind.inMarket()));
    const { body } = await computeSizes(t, [id, id]);
    expect(idsOf(body.data)).toEqual([id]);
    expect(body.errors).toEqual([itemError(1, 'duplicate-id', 'id', 'id')]);
  });

  it("rejects the whole request with 403 when it names another application's segment", async () => {
    const foreign = demoSegmentId(t, (s) => s.attributes.advertiserId === OTHER_APP_ADVERTISER);
    const response = await t.call('POST', '/audience-segments/compute-sizes', {
      body: { data: [{ id: demoSegmentId(t, ofDemo('InMarket')) }, { id: foreign }] },
    });
    expectRequestError(response, 403, 'advertiser-not-authorized', '/audience-segments/compute-sizes', {
      type: 'authorization',
    });
  });
});

// ---- Estimate size ----

describe('POST /audience-segments/estimate-size', () => {
  let t: TestEmulator;
  const ENDPOINT = '/audience-segments/estimate-size';

  async function estimated(attributes: Record<string, unknown>): Promise<number> {
    const response = await estimateSize(t, attributes);
    expect(response.status).toBe(200);
    const body = SizeEstimationResponseSchema.parse(response.body);
    expect(body.errors).toEqual([]);
    expect(body.data?.type).toBe('AudienceSegmentSize');
    const size = body.data?.attributes?.size;
    if (typeof size !== 'number') throw new Error(`no size in ${JSON.stringify(response.body)}`);
    return size;
  }

  beforeAll(async () => {
    t = await startTestEmulator({ demoData: false });
  });
  afterAll(() => t.close());

  it('estimates an in-market definition at the size of a created segment with that definition', async () => {
    const inMarket: InMarketCreate = { country: 'DE', interestIds: ['222', '1'], buyingPower: ['High'] };
    const id = await createId(t, segment({ inMarket }));
    expect(await estimated({ advertiserId: DEMO_ADVERTISER, inMarket })).toBe(await sizeOf(t, id));
  });

  it('estimates a location definition at the size of a created segment with that definition', async () => {
    const location = { pointsOfInterest: [PARIS, LYON], radiusInKm: 20 };
    const id = await createId(t, segment({ location }));
    expect(await estimated({ advertiserId: DEMO_ADVERTISER, location })).toBe(await sizeOf(t, id));
  });

  it('rounds estimated coordinates to 5 decimals, as stored segments are', async () => {
    const precise = {
      pointsOfInterest: [{ latitude: 48.856612345, longitude: 2.352221987 }],
      radiusInKm: 30,
    };
    const id = await createId(t, segment({ location: precise }));
    expect(await estimated({ advertiserId: DEMO_ADVERTISER, location: precise })).toBe(await sizeOf(t, id));
  });

  it('answers 400 undefined-segment-type without inMarket or location', async () => {
    const response = await estimateSize(t, { advertiserId: DEMO_ADVERTISER });
    expectRequestError(response, 400, 'undefined-segment-type', ENDPOINT);
  });

  it('answers 400 multiple-segment-types with both inMarket and location', async () => {
    const response = await estimateSize(t, {
      advertiserId: DEMO_ADVERTISER,
      ...kind.inMarket(),
      ...kind.location(),
    });
    expectRequestError(response, 400, 'multiple-segment-types', ENDPOINT);
  });

  it('answers 400 with the validation code of an invalid definition', async () => {
    const country = await estimateSize(t, {
      advertiserId: DEMO_ADVERTISER,
      ...kind.inMarket({ country: 'ZZ' }),
    });
    expectRequestError(country, 400, 'country-code-must-be-valid', ENDPOINT, {
      source: { country: 'data/attributes/inMarket/country' },
    });
    const radius = await estimateSize(t, {
      advertiserId: DEMO_ADVERTISER,
      ...kind.location({ radiusInKm: 900 }),
    });
    expectRequestError(radius, 400, 'radius-must-be-in-range', ENDPOINT, {
      source: { radiusInKm: 'data/attributes/location/radiusInKm' },
    });
  });

  it('answers 400 segment-size-too-small for a tiny estimate', async () => {
    const response = await estimateSize(t, {
      advertiserId: DEMO_ADVERTISER,
      ...kind.location({ pointsOfInterest: [PARIS], radiusInKm: 1 }),
    });
    expectRequestError(response, 400, 'segment-size-too-small', ENDPOINT);
  });

  it('answers 400 undefined-advertiser-id without advertiserId', async () => {
    const response = await estimateSize(t, kind.inMarket());
    expectRequestError(response, 400, 'undefined-advertiser-id', ENDPOINT);
  });

  it("answers 403 for another application's advertiser", async () => {
    const response = await estimateSize(t, { advertiserId: OTHER_APP_ADVERTISER, ...kind.inMarket() });
    expectRequestError(response, 403, 'advertiser-not-authorized', ENDPOINT, { type: 'authorization' });
  });
});
