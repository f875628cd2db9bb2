import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  type AudienceSegmentCreate,
  AudienceSegmentListResponseSchema,
  AudienceSegmentSearchResponseSchema,
  AudienceSegmentSizeListResponseSchema,
  type AudienceSegmentType,
  type AudienceSegmentUpdate,
  type InMarketCreate,
  type LocationCreate,
  SizeEstimationResponseSchema,
} from '../../src/contract/audience-segment.js';
import { IdListResponseSchema, ProblemSchema } from '../../src/contract/envelope.js';
import { PROBLEM_TITLES, type ProblemCode } from '../../src/emulator/problems.js';
import { DEFAULT_VERSION } from '../../src/emulator/server.js';
import type { SegmentRecord } from '../../src/emulator/store.js';
import {
  type ApiResponse,
  DEMO_ADVERTISER,
  OTHER_APP_ADVERTISER,
  SECOND_DEMO_ADVERTISER,
  startTestEmulator,
  type TestEmulator,
} from '../support/emulator.js';
import { expectValidResponse } from '../support/openapi.js';

const API_PREFIX = `/${DEFAULT_VERSION}/marketing-solutions`;
const ErrorBodySchema = z.object({ errors: z.array(ProblemSchema) });

// ---- Payload builders ----

type SegmentInput = AudienceSegmentCreate;
type SegmentKind = Pick<
  SegmentInput,
  'inMarket' | 'prospecting' | 'contactList' | 'location' | 'lookalike' | 'retargeting'
>;
type Prospecting = NonNullable<SegmentInput['prospecting']>;
type Retargeting = NonNullable<SegmentInput['retargeting']>;
type Lookalike = NonNullable<SegmentInput['lookalike']>;

const brandQuery = { 'advertiser-id': DEMO_ADVERTISER, country: 'FR' };
const PARIS = { name: 'Paris', latitude: 48.85661, longitude: 2.35222 };
const LYON = { name: 'Lyon', latitude: 45.76404, longitude: 4.83566 };

/** Valid settings of each writable kind; `over` replaces single fields to break one rule at a time. */
const kind = {
  inMarket: (over: Partial<InMarketCreate> = {}): SegmentKind => ({
    inMarket: { country: 'FR', interestIds: ['166'], ...over },
  }),
  prospecting: (over: Partial<Prospecting> = {}): SegmentKind => ({
    prospecting: { usersType: 'Prospects', ...over },
  }),
  contactList: (): SegmentKind => ({ contactList: {} }),
  location: (over: Partial<LocationCreate> = {}): SegmentKind => ({
    location: { pointsOfInterest: [PARIS], radiusInKm: 10, ...over },
  }),
  retargeting: (over: Partial<Retargeting> = {}): SegmentKind => ({
    retargeting: { visitorsType: 'All', daysSinceLastVisitMin: 0, daysSinceLastVisitMax: 30, ...over },
  }),
  lookalike: (seedSegmentId: string | undefined, over: Partial<Lookalike> = {}): SegmentKind => ({
    lookalike: { seedSegmentId, ...over },
  }),
};

let counter = 0;
/** A unique segment name, so tests sharing an emulator never collide on `name-must-be-unique`. */
const uniqueName = (label = 'Segment') => `${label} ${++counter}`;

/** A create item for advertiser 4949 with a fresh name; `attributes` overrides (undefined drops a field). */
function segment(settings: SegmentKind, attributes: Partial<SegmentInput> = {}): SegmentInput {
  return { advertiserId: DEMO_ADVERTISER, name: uniqueName(), ...settings, ...attributes };
}

// ---- Calls ----

async function createSegments(t: TestEmulator, items: unknown[], token?: string) {
  const response = await t.call('POST', '/audience-segments/create', {
    body: { data: items.map((attributes) => ({ type: 'AudienceSegment', attributes })) },
    token,
  });
  return { status: response.status, body: AudienceSegmentListResponseSchema.parse(response.body) };
}

/** Creates segments that must all succeed; returns their ids in request order. */
async function createIds(t: TestEmulator, items: SegmentInput[], token?: string): Promise<string[]> {
  const { status, body } = await createSegments(t, items, token);
  expect(status).toBe(200);
  expect(body.errors).toEqual([]);
  return (body.data ?? []).map(idOf);
}

async function createId(t: TestEmulator, item: SegmentInput, token?: string): Promise<string> {
  const [id] = await createIds(t, [item], token);
  return idOf({ id });
}

async function updateSegments(t: TestEmulator, items: { id?: string; attributes?: AudienceSegmentUpdate }[]) {
  const response = await t.call('PATCH', '/audience-segments', {
    body: { data: items.map((item) => ({ type: 'AudienceSegment', ...item })) },
  });
  return { status: response.status, body: AudienceSegmentListResponseSchema.parse(response.body) };
}

async function deleteSegments(t: TestEmulator, ids: (string | undefined)[]) {
  const response = await t.call('POST', '/audience-segments/delete', {
    body: { data: ids.map((id) => ({ id, type: 'AudienceSegment' })) },
  });
  return { status: response.status, body: IdListResponseSchema.parse(response.body) };
}

interface SearchFilters {
  advertiserIds?: string[] | null;
  audienceSegmentIds?: string[] | null;
  audienceSegmentTypes?: AudienceSegmentType[] | null;
}

async function searchSegments(
  t: TestEmulator,
  attributes: SearchFilters,
  query?: Record<string, string | number>,
  token?: string,
) {
  const response = await t.call('POST', '/audience-segments/search', {
    body: { data: { type: 'AudienceSegment', attributes } },
    query,
    token,
  });
  return { status: response.status, body: AudienceSegmentSearchResponseSchema.parse(response.body) };
}

/** How many segments of an advertiser the search reports (to prove a rejected request created nothing). */
async function countSegments(
  t: TestEmulator,
  advertiserId = DEMO_ADVERTISER,
  token?: string,
): Promise<number> {
  const { status, body } = await searchSegments(t, { advertiserIds: [advertiserId] }, { limit: 1 }, token);
  expect(status).toBe(200);
  return body.meta?.totalItems ?? Number.NaN;
}

async function computeSizes(t: TestEmulator, ids: (string | undefined)[]) {
  const response = await t.call('POST', '/audience-segments/compute-sizes', {
    body: { data: ids.map((id) => ({ id, type: 'AudienceSegment' })) },
  });
  return { status: response.status, body: AudienceSegmentSizeListResponseSchema.parse(response.body) };
}

async function sizeOf(t: TestEmulator, id: string): Promise<number> {
  const { status, body } = await computeSizes(t, [id]);
  expect(status).toBe(200);
  expect(body.errors).toEqual([]);
  const size = body.data?.[0]?.attributes?.size;
  if (typeof size !== 'number') throw new Error(`no size for ${id}: ${JSON.stringify(body)}`);
  return size;
}

async function estimateSize(t: TestEmulator, attributes: Record<string, unknown>, token?: string) {
  return t.call('POST', '/audience-segments/estimate-size', {
    body: { data: { type: 'AudienceSegment', attributes } },
    token,
  });
}

// ---- Assertions ----

function idOf(resource: { id?: string | null } | undefined): string {
  if (typeof resource?.id !== 'string') throw new Error(`no id in ${JSON.stringify(resource)}`);
  return resource.id;
}

const namesOf = (data: { attributes?: { name?: string | null } | null }[] | null | undefined) =>
  (data ?? []).map((s) => s.attributes?.name);

const idsOf = (data: { id?: string | null }[] | null | undefined) => (data ?? []).map(idOf);

interface ExpectedProblem {
  code: ProblemCode;
  instance: string;
  type?: string;
  source?: Record<string, string>;
}

/** A full `CommonProblem` as the emulator writes it. */
function problem({ code, instance, type = 'validation', source }: ExpectedProblem) {
  return {
    traceId: expect.any(String),
    traceIdentifier: expect.any(String),
    type,
    code,
    instance,
    title: PROBLEM_TITLES[code],
    detail: expect.stringMatching(/\S/),
    ...(source ? { source } : {}),
  };
}

/** The problem of bulk item `index`; `path` is relative to `data/<index>/` (e.g. `attributes/name`). */
function itemError(index: number, code: ProblemCode, field?: string, path?: string) {
  return problem({
    code,
    instance: `@data/${index}`,
    ...(field && path ? { source: { [field]: `data/${index}/${path}` } } : {}),
  });
}

/** A whole-request failure: the status and exactly one problem whose instance is the endpoint path. */
function expectRequestError(
  response: ApiResponse,
  status: number,
  code: ProblemCode,
  endpoint: string,
  extra: { type?: string; source?: Record<string, string> } = {},
) {
  expect(response.status).toBe(status);
  const body = ErrorBodySchema.parse(response.body);
  expect(body.errors).toEqual([problem({ code, instance: `${API_PREFIX}${endpoint}`, ...extra })]);
  expect(response.body).not.toHaveProperty('data');
}

function demoSegmentId(t: TestEmulator, predicate: (s: SegmentRecord) => boolean): string {
  for (const s of t.emulator.store.segments.values()) if (predicate(s)) return s.id;
  throw new Error('no demo segment matches');
}

const ofDemo = (type: AudienceSegmentType) => (s: SegmentRecord) =>
  s.attributes.advertiserId === DEMO_ADVERTISER && s.attributes.type === type;

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

describe('bulk envelope of update, delete and compute-sizes', () => {
  let t: TestEmulator;
  beforeAll(async () => {
    t = await startTestEmulator({ demoData: false });
  });
  afterAll(() => t.close());

  const endpoints: [method: string, path: string][] = [
    ['PATCH', '/audience-segments'],
    ['POST', '/audience-segments/delete'],
    ['POST', '/audience-segments/compute-sizes'],
  ];

  it.each(endpoints)('%s %s answers 400 payload-too-big above 50 items', async (method, path) => {
    const data = Array.from({ length: 51 }, (_, i) => ({ id: String(100_001 + i) }));
    expectRequestError(await t.call(method, path, { body: { data } }), 400, 'payload-too-big', path);
  });

  it.each(endpoints)('%s %s answers 400 empty-data-object for an empty data array', async (method, path) => {
    expectRequestError(await t.call(method, path, { body: { data: [] } }), 400, 'empty-data-object', path);
  });

  it.each(endpoints)('%s %s answers 400 invalid-request-body for a numeric id', async (method, path) => {
    const response = await t.call(method, path, { body: { data: [{ id: '1' }, { id: 2 }] } });
    expectRequestError(response, 400, 'invalid-request-body', path, { source: { id: 'data/1/id' } });
  });
});

// ---- Update ----

describe('PATCH /audience-segments', () => {
  let t: TestEmulator;
  beforeAll(async () => {
    t = await startTestEmulator({ demoData: true });
  });
  afterAll(() => t.close());

  it('changes only the fields sent and sets updatedAt', async () => {
    const id = await createId(
      t,
      segment(kind.inMarket({ gender: 'Male', buyingPower: ['Low'] }), { description: 'Keep me' }),
    );
    const [before] = (await searchSegments(t, { audienceSegmentIds: [id] })).body.data ?? [];
    const { status, body } = await updateSegments(t, [
      { id, attributes: { name: 'Renamed in-market', inMarket: { interestIds: ['222'] } } },
    ]);
    expect(status).toBe(200);
    expect(body.errors).toEqual([]);
    const [after] = body.data ?? [];
    expect(after?.attributes).toEqual({
      ...before?.attributes,
      name: 'Renamed in-market',
      inMarket: { ...before?.attributes?.inMarket, interestIds: ['222'] },
      updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(before?.attributes?.updatedAt).toBeNull();
    expect(Date.parse(after?.attributes?.updatedAt ?? '')).toBeGreaterThanOrEqual(
      Date.parse(before?.attributes?.createdAt ?? ''),
    );
    const [stored] = (await searchSegments(t, { audienceSegmentIds: [id] })).body.data ?? [];
    expect(stored).toEqual(after);
  });

  it('clears the description with {value: null} or {}, sets it with a value and leaves it when absent', async () => {
    const ids = await createIds(t, [
      segment(kind.contactList(), { description: 'one' }),
      segment(kind.contactList(), { description: 'two' }),
      segment(kind.contactList(), { description: 'three' }),
      segment(kind.contactList(), { description: 'four' }),
    ]);
    const [a, b, c, d] = ids;
    const { body } = await updateSegments(t, [
      { id: a, attributes: { description: { value: null } } },
      { id: b, attributes: { description: {} } },
      { id: c, attributes: { name: uniqueName('Description kept') } },
      { id: d, attributes: { description: { value: 'changed' } } },
    ]);
    expect(body.errors).toEqual([]);
    expect(body.data?.map((s) => s.attributes?.description)).toEqual([null, null, 'three', 'changed']);
  });

  it('answers type-must-be-the-same for settings of another type', async () => {
    const [list, inMarket] = await createIds(t, [segment(kind.contactList()), segment(kind.inMarket())]);
    const { status, body } = await updateSegments(t, [
      { id: list, attributes: { inMarket: { country: 'DE' } } },
      { id: inMarket, attributes: { inMarket: { country: 'DE' } } },
    ]);
    expect(status).toBe(200);
    expect(body.data?.map((s) => s.attributes?.inMarket?.country)).toEqual(['DE']);
    expect(body.errors).toEqual([itemError(0, 'type-must-be-the-same', 'inMarket', 'attributes/inMarket')]);
  });

  it('answers multiple-segment-types for settings of two types', async () => {
    const [a, b] = await createIds(t, [segment(kind.retargeting()), segment(kind.retargeting())]);
    const { body } = await updateSegments(t, [
      { id: a, attributes: { name: uniqueName('Multi ok') } },
      { id: b, attributes: { retargeting: { visitorsType: 'Buyers' }, location: { radiusInKm: 5 } } },
    ]);
    expect(idsOf(body.data)).toEqual([a]);
    expect(body.errors).toEqual([itemError(1, 'multiple-segment-types', 'attributes', 'attributes')]);
  });

  it('answers segment-not-found for an unknown id and updates its siblings', async () => {
    const id = await createId(t, segment(kind.contactList()));
    const { status, body } = await updateSegments(t, [
      { id: '999999999', attributes: { name: uniqueName() } },
      { id, attributes: { name: 'Found and renamed' } },
    ]);
    expect(status).toBe(200);
    expect(namesOf(body.data)).toEqual(['Found and renamed']);
    expect(body.errors).toEqual([itemError(0, 'segment-not-found', 'id', 'id')]);
  });

  it('answers non-parsable-id for a non-numeric or missing id', async () => {
    const id = await createId(t, segment(kind.contactList()));
    const { body } = await updateSegments(t, [
      { id: 'abc', attributes: { name: uniqueName() } },
      { attributes: { name: uniqueName() } },
      { id, attributes: { name: uniqueName('Parsable') } },
    ]);
    expect(idsOf(body.data)).toEqual([id]);
    expect(body.errors).toEqual([
      itemError(0, 'non-parsable-id', 'id', 'id'),
      itemError(1, 'non-parsable-id', 'id', 'id'),
    ]);
  });

  it('answers duplicate-id for an id repeated in the request, applying the first occurrence', async () => {
    const id = await createId(t, segment(kind.contactList()));
    const { body } = await updateSegments(t, [
      { id, attributes: { name: 'First occurrence' } },
      { id, attributes: { name: 'Second occurrence' } },
    ]);
    expect(namesOf(body.data)).toEqual(['First occurrence']);
    expect(body.errors).toEqual([itemError(1, 'duplicate-id', 'id', 'id')]);
  });

  it('answers segment-is-read-only for a Behavioral segment and a read-only contact list', async () => {
    const behavioral = demoSegmentId(t, ofDemo('Behavioral'));
    const readOnlyList = demoSegmentId(
      t,
      (s) => s.attributes.advertiserId === DEMO_ADVERTISER && s.attributes.contactList?.isReadOnly === true,
    );
    const writable = await createId(t, segment(kind.contactList()));
    const { body } = await updateSegments(t, [
      { id: behavioral, attributes: { name: uniqueName() } },
      { id: writable, attributes: { name: uniqueName('Writable') } },
      { id: readOnlyList, attributes: { description: { value: 'nope' } } },
    ]);
    expect(idsOf(body.data)).toEqual([writable]);
    expect(body.errors).toEqual([
      itemError(0, 'segment-is-read-only', 'id', 'id'),
      itemError(2, 'segment-is-read-only', 'id', 'id'),
    ]);
  });

  it('checks names on rename: unique per advertiser, not empty, not repeated, own name allowed', async () => {
    const [a, b, c, d, e] = await createIds(t, [
      segment(kind.contactList(), { name: 'Rename A' }),
      segment(kind.contactList(), { name: 'Rename B' }),
      segment(kind.contactList(), { name: 'Rename C' }),
      segment(kind.contactList(), { name: 'Rename D' }),
      segment(kind.contactList(), { name: 'Rename E' }),
    ]);
    const { body } = await updateSegments(t, [
      { id: a, attributes: { name: 'rename b' } },
      { id: b, attributes: { name: 'RENAME B' } },
      { id: c, attributes: { name: 'Rename fresh' } },
      { id: d, attributes: { name: 'Rename fresh' } },
      { id: e, attributes: { name: ' ' } },
    ]);
    expect(namesOf(body.data)).toEqual(['RENAME B', 'Rename fresh']);
    expect(body.errors).toEqual([
      itemError(0, 'name-must-be-unique', 'name', 'attributes/name'),
      itemError(3, 'duplicate-name', 'name', 'attributes/name'),
      itemError(4, 'name-must-not-be-empty', 'name', 'attributes/name'),
    ]);
  });

  it('clears the in-market gender with {value: null}, sets it with a value and leaves it when absent', async () => {
    const [a, b, c] = await createIds(t, [
      segment(kind.inMarket({ gender: 'Female' })),
      segment(kind.inMarket({ gender: 'Female' })),
      segment(kind.inMarket({ gender: 'Female' })),
    ]);
    const { body } = await updateSegments(t, [
      { id: a, attributes: { inMarket: { gender: { value: null } } } },
      { id: b, attributes: { inMarket: { gender: { value: 'Male' } } } },
      { id: c, attributes: { inMarket: { country: 'DE' } } },
    ]);
    expect(body.errors).toEqual([]);
    expect(body.data?.map((s) => s.attributes?.inMarket?.gender)).toEqual([null, 'Male', 'Female']);
  });

  it('re-validates in-market settings after the merge', async () => {
    const id = await createId(t, segment(kind.inMarket()));
    const { body } = await updateSegments(t, [{ id, attributes: { inMarket: { country: 'ZZ' } } }]);
    expect(body.data).toEqual([]);
    expect(body.errors).toEqual([
      itemError(0, 'country-code-must-be-valid', 'country', 'attributes/inMarket/country'),
    ]);
    const [stored] = (await searchSegments(t, { audienceSegmentIds: [id] })).body.data ?? [];
    expect(stored?.attributes?.inMarket?.country).toBe('FR');
  });

  it('re-validates retargeting days after the merge (min >= max, or beyond 400)', async () => {
    const [a, b, c] = await createIds(t, [
      segment(kind.retargeting({ daysSinceLastVisitMin: 20, daysSinceLastVisitMax: 60 })),
      segment(kind.retargeting({ daysSinceLastVisitMin: 20, daysSinceLastVisitMax: 60 })),
      segment(kind.retargeting({ daysSinceLastVisitMin: 20, daysSinceLastVisitMax: 60 })),
    ]);
    const at = 'attributes/retargeting';
    const { body } = await updateSegments(t, [
      { id: a, attributes: { retargeting: { daysSinceLastVisitMax: 10 } } },
      { id: b, attributes: { retargeting: { daysSinceLastVisitMax: 401 } } },
      { id: c, attributes: { retargeting: { daysSinceLastVisitMax: 90 } } },
    ]);
    expect(body.data?.map((s) => s.attributes?.retargeting)).toEqual([
      { visitorsType: 'All', daysSinceLastVisitMin: 20, daysSinceLastVisitMax: 90 },
    ]);
    expect(body.errors).toEqual([
      itemError(
        0,
        'retargeting-segment-days-since-last-visit-are-not-compatible',
        'daysSinceLastVisitMax',
        `${at}/daysSinceLastVisitMax`,
      ),
      itemError(
        1,
        'retargeting-segment-days-since-last-visit-are-not-in-acceptable-range',
        'daysSinceLastVisitMin',
        `${at}/daysSinceLastVisitMin`,
      ),
    ]);
  });

  it('clears prospecting days with nillable values and re-validates them', async () => {
    const [a, b] = await createIds(t, [
      segment(kind.prospecting({ daysSinceLastVisitMin: 10, daysSinceLastVisitMax: 20 })),
      segment(kind.prospecting({ daysSinceLastVisitMin: 10, daysSinceLastVisitMax: 20 })),
    ]);
    const { body } = await updateSegments(t, [
      {
        id: a,
        attributes: { prospecting: { daysSinceLastVisitMin: {}, daysSinceLastVisitMax: { value: null } } },
      },
      { id: b, attributes: { prospecting: { daysSinceLastVisitMax: { value: 5 } } } },
    ]);
    expect(body.data?.map((s) => s.attributes?.prospecting)).toEqual([
      { usersType: 'Prospects', daysSinceLastVisitMin: null, daysSinceLastVisitMax: null },
    ]);
    expect(body.errors).toEqual([
      itemError(
        1,
        'days-must-be-in-range',
        'daysSinceLastVisitMin',
        'attributes/prospecting/daysSinceLastVisitMin',
      ),
    ]);
  });

  it('re-validates location settings and rounds updated points', async () => {
    const [a, b] = await createIds(t, [segment(kind.location()), segment(kind.location())]);
    const { body } = await updateSegments(t, [
      { id: a, attributes: { location: { radiusInKm: 0 } } },
      {
        id: b,
        attributes: { location: { pointsOfInterest: [{ latitude: 45.7640449, longitude: 4.8356612 }] } },
      },
    ]);
    expect(body.data?.map((s) => s.attributes?.location)).toEqual([
      {
        registryType: 'PointOfInterest',
        pointsOfInterest: [{ name: null, latitude: 45.76404, longitude: 4.83566 }],
        radiusInKm: 10,
      },
    ]);
    expect(body.errors).toEqual([
      itemError(0, 'radius-must-be-in-range', 'radiusInKm', 'attributes/location/radiusInKm'),
    ]);
  });

  it('applies an update that sets the deprecated location.registryType, with a deprecation warning at its @data index', async () => {
    const [a, b] = await createIds(t, [segment(kind.location()), segment(kind.location())]);
    const response = await t.call('PATCH', '/audience-segments', {
      body: {
        data: [
          { id: a, type: 'AudienceSegment', attributes: { location: { radiusInKm: 20 } } },
          {
            id: b,
            type: 'AudienceSegment',
            attributes: { location: { registryType: 'PointOfInterest', radiusInKm: 30 } },
          },
        ],
      },
    });
    expect(response.status).toBe(200);
    expectValidResponse('UpdateAudienceSegments', 200, response.body);
    const body = AudienceSegmentListResponseSchema.parse(response.body);
    expect(body.data?.map((s) => [s.id, s.attributes?.location?.radiusInKm])).toEqual([
      [a, 20],
      [b, 30],
    ]);
    expect(body.errors).toEqual([]);
    expect(body.warnings).toEqual([
      problem({
        code: 'deprecated-field',
        type: 'deprecation',
        instance: '@data/1',
        source: { registryType: 'data/1/attributes/location/registryType' },
      }),
    ]);
  });

  it('re-validates a lookalike target size', async () => {
    const seed = await createId(t, segment(kind.contactList()));
    const [a, b] = await createIds(t, [segment(kind.lookalike(seed)), segment(kind.lookalike(seed))]);
    const { body } = await updateSegments(t, [
      { id: a, attributes: { lookalike: { targetSize: 20_000 } } },
      { id: b, attributes: { lookalike: { targetSize: 1 } } },
    ]);
    expect(body.data?.map((s) => s.attributes?.lookalike)).toEqual([
      { seedSegmentId: seed, targetSize: 20_000 },
    ]);
    expect(body.errors).toEqual([
      itemError(1, 'target-size-must-be-in-range', 'targetSize', 'attributes/lookalike/targetSize'),
    ]);
  });

  it("rejects the whole request with 403 when it names another application's segment", async () => {
    const mine = await createId(t, segment(kind.contactList(), { name: 'Untouched by 403' }));
    const foreign = demoSegmentId(t, (s) => s.attributes.advertiserId === OTHER_APP_ADVERTISER);
    const response = await t.call('PATCH', '/audience-segments', {
      body: {
        data: [
          { id: mine, attributes: { name: uniqueName() } },
          { id: foreign, attributes: { name: uniqueName() } },
        ],
      },
    });
    expectRequestError(response, 403, 'advertiser-not-authorized', '/audience-segments', {
      type: 'authorization',
    });
    const [stored] = (await searchSegments(t, { audienceSegmentIds: [mine] })).body.data ?? [];
    expect(stored?.attributes?.name).toBe('Untouched by 403');
  });
});

// ---- Delete ----

describe('POST /audience-segments/delete', () => {
  let t: TestEmulator;
  beforeAll(async () => {
    t = await startTestEmulator({ demoData: true });
  });
  afterAll(() => t.close());

  it('deletes segments and answers their ids', async () => {
    const ids = await createIds(t, [segment(kind.contactList()), segment(kind.inMarket())]);
    const { status, body } = await deleteSegments(t, ids);
    expect(status).toBe(200);
    expect(body.errors).toEqual([]);
    expect(body.data).toEqual(ids.map((id) => ({ id, type: 'AudienceSegment', attributes: {} })));
    expect((await searchSegments(t, { audienceSegmentIds: ids })).body.data).toEqual([]);
  });

  it('answers segment-not-found for an unknown or already deleted id and deletes its siblings', async () => {
    const [gone, kept] = await createIds(t, [segment(kind.contactList()), segment(kind.contactList())]);
    await deleteSegments(t, [gone]);
    const { status, body } = await deleteSegments(t, [gone, '999999999', kept]);
    expect(status).toBe(200);
    expect(idsOf(body.data)).toEqual([kept]);
    expect(body.errors).toEqual([
      itemError(0, 'segment-not-found', 'id', 'id'),
      itemError(1, 'segment-not-found', 'id', 'id'),
    ]);
  });

  it('answers non-parsable-id and duplicate-id', async () => {
    const id = await createId(t, segment(kind.contactList()));
    const { body } = await deleteSegments(t, [id, 'x1', id, undefined]);
    expect(idsOf(body.data)).toEqual([id]);
    expect(body.errors).toEqual([
      itemError(1, 'non-parsable-id', 'id', 'id'),
      itemError(2, 'duplicate-id', 'id', 'id'),
      itemError(3, 'non-parsable-id', 'id', 'id'),
    ]);
  });

  it('answers segment-must-not-be-used-in-audience for a segment an audience references', async () => {
    const used = demoSegmentId(
      t,
      (s) =>
        s.attributes.advertiserId === DEMO_ADVERTISER &&
        s.attributes.type === 'Retargeting' &&
        t.emulator.store.audiencesUsingSegment(s.id).length > 0,
    );
    const free = await createId(t, segment(kind.retargeting()));
    const { body } = await deleteSegments(t, [used, free]);
    expect(idsOf(body.data)).toEqual([free]);
    expect(body.errors).toEqual([itemError(0, 'segment-must-not-be-used-in-audience', 'id', 'id')]);
    expect(idsOf((await searchSegments(t, { audienceSegmentIds: [used] })).body.data)).toEqual([used]);
  });

  it('answers segment-is-read-only for a Behavioral segment and a read-only contact list', async () => {
    const behavioral = demoSegmentId(t, ofDemo('Behavioral'));
    const readOnlyList = demoSegmentId(
      t,
      (s) => s.attributes.advertiserId === DEMO_ADVERTISER && s.attributes.contactList?.isReadOnly === true,
    );
    const { status, body } = await deleteSegments(t, [behavioral, readOnlyList]);
    expect(status).toBe(200); // every item failed: still a 200 with an empty data (contract §2.3)
    expect(body.data).toEqual([]);
    expect(body.errors).toEqual([
      itemError(0, 'segment-is-read-only', 'id', 'id'),
      itemError(1, 'segment-is-read-only', 'id', 'id'),
    ]);
    const found = await searchSegments(t, { audienceSegmentIds: [behavioral, readOnlyList] });
    expect(found.body.meta?.totalItems).toBe(2);
  });

  it("rejects the whole request with 403 when it names another application's segment", async () => {
    const mine = await createId(t, segment(kind.contactList()));
    const foreign = demoSegmentId(t, (s) => s.attributes.advertiserId === OTHER_APP_ADVERTISER);
    const response = await t.call('POST', '/audience-segments/delete', {
      body: { data: [{ id: mine }, { id: foreign }] },
    });
    expectRequestError(response, 403, 'advertiser-not-authorized', '/audience-segments/delete', {
      type: 'authorization',
    });
    expect(idsOf((await searchSegments(t, { audienceSegmentIds: [mine] })).body.data)).toEqual([mine]);
  });
});

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
