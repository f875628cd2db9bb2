import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AudienceSegmentListResponseSchema } from '../../src/contract/audience-segment.js';
import {
  DEMO_ADVERTISER,
  OTHER_APP_ADVERTISER,
  startTestEmulator,
  type TestEmulator,
} from '../support/emulator.js';
import {
  createId,
  createIds,
  deleteSegments,
  demoSegmentId,
  expectRequestError,
  idsOf,
  itemError,
  kind,
  namesOf,
  ofDemo,
  problem,
  searchSegments,
  segment,
  uniqueName,
  updateSegments,
} from '../support/emulator-segments.js';
import { expectValidResponse } from '../support/openapi.js';

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
