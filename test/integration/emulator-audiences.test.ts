import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdSetAudienceLinkResponseSchema } from '../../src/contract/ad-set.js';
import { ApplicationSummaryResponseSchema } from '../../src/contract/application.js';
import {
  type AlgebraNode,
  AudienceSearchResponseSchema,
  algebraSegmentIds,
} from '../../src/contract/audience.js';
import {
  AudienceSegmentSizeListResponseSchema,
  SizeEstimationResponseSchema,
} from '../../src/contract/audience-segment.js';
import { ContactListStatisticsResponseSchema } from '../../src/contract/contact-list.js';
import { AUDIENCE_UNIVERSE } from '../../src/emulator/sizing.js';
import {
  DEMO_ADVERTISER,
  errorCodes,
  OTHER_APP_ADVERTISER,
  record,
  SECOND_DEMO_ADVERTISER,
  startTestEmulator,
  type TestEmulator,
} from '../support/emulator.js';
import {
  and,
  audienceCalls,
  demoAudienceSegments,
  errorsOf,
  idItem,
  not,
  onlyError,
  or,
  required,
  seg,
  UNKNOWN_ID,
} from '../support/emulator-audiences.js';

describe('emulator audiences', () => {
  let t: TestEmulator;
  /** Demo segments of advertiser 4949 (and one of 5050) used by the algebras below. */
  let IM: string;
  let P: string;
  let B: string;
  let R: string;
  let CL: string;
  let EMPTY_CL: string;
  let TINY_CL: string;
  let IM_5050: string;

  beforeAll(async () => {
    t = await startTestEmulator({ demoData: true });
    ({ IM, P, B, R, CL, EMPTY_CL, TINY_CL, IM_5050 } = demoAudienceSegments(t));
  });
  afterAll(() => t.close());

  const { post, createAudience, search, findAudience, segmentSizes, createContactList } = audienceCalls(
    () => t,
  );

  describe('POST /audiences/search', () => {
    it('ANDs the audience, advertiser, segment and ad-set filters', async () => {
      const list = await createContactList();
      const a1 = await createAudience(and(seg(IM), not(seg(list))));
      const a2 = await createAudience(or(seg(list), seg(P)));
      await createAudience(seg(IM));
      const ids = async (filters: Record<string, string[]>) => (await search(filters)).data?.map((a) => a.id);

      expect(await ids({ audienceSegmentIds: [list] })).toEqual([a1, a2]);
      expect(await ids({ audienceSegmentIds: [list], audienceIds: [a2] })).toEqual([a2]);
      expect(await ids({ audienceSegmentIds: [list], advertiserIds: [SECOND_DEMO_ADVERTISER] })).toEqual([]);
      expect(await ids({ audienceIds: [a1, a2], advertiserIds: [DEMO_ADVERTISER] })).toEqual([a1, a2]);

      const bySegment = await search({ audienceSegmentIds: [IM] });
      expect(bySegment.data?.length).toBeGreaterThan(0);
      for (const a of bySegment.data ?? []) expect(algebraSegmentIds(a.attributes?.algebra)).toContain(IM);

      const adSet = required(
        [...t.emulator.store.adSets.values()].find((s) => s.advertiserId === DEMO_ADVERTISER && s.audienceId),
        'linked ad set',
      );
      const linked = await search({ adSetIds: [adSet.id] });
      expect(linked.data?.map((a) => [a.id, a.attributes?.adSetIds])).toEqual([
        [adSet.audienceId, [adSet.id]],
      ]);
      expect(await ids({ adSetIds: [adSet.id], audienceIds: [a1] })).toEqual([]);
    });

    it('pages with limit and offset and reports meta', async () => {
      const all = await search({ advertiserIds: [DEMO_ADVERTISER] }, { limit: 100 });
      const total = [...t.emulator.store.audiences.values()].filter(
        (a) => a.attributes.advertiserId === DEMO_ADVERTISER,
      ).length;
      expect(all.meta).toEqual({ totalItems: total, limit: 100, offset: 0 });
      const page = await search({ advertiserIds: [DEMO_ADVERTISER] }, { limit: 5, offset: 2 });
      expect(page.meta).toEqual({ totalItems: total, limit: 5, offset: 2 });
      expect(page.data?.map((a) => a.id)).toEqual(all.data?.slice(2, 7).map((a) => a.id));
      expect((await search({})).meta).toMatchObject({ limit: 50, offset: 0 });
    });

    it('answers 400 pagination-limit-too-big above 100', async () => {
      const response = await t.call('POST', '/audiences/search', {
        body: { data: { attributes: {} } },
        query: { limit: 101 },
      });
      expect(onlyError(response, 400)).toMatchObject({
        code: 'pagination-limit-too-big',
        source: { limit: 'limit' },
      });
    });

    it("answers 403 for another application's advertiser and never returns its audiences", async () => {
      const response = await t.call('POST', '/audiences/search', {
        body: { data: { attributes: { advertiserIds: [DEMO_ADVERTISER, OTHER_APP_ADVERTISER] } } },
      });
      expect(onlyError(response, 403)).toMatchObject({
        type: 'authorization',
        code: 'advertiser-not-authorized',
      });

      const foreign = [...t.emulator.store.audiences.values()]
        .filter((a) => a.attributes.advertiserId === OTHER_APP_ADVERTISER)
        .map((a) => a.id);
      expect(foreign.length).toBeGreaterThan(0);
      const byId = await search({ audienceIds: foreign });
      expect(byId.meta?.totalItems).toBe(0);
      const everything = await search({}, { limit: 100 });
      const visible = [...t.emulator.store.audiences.values()].filter(
        (a) => a.attributes.advertiserId !== OTHER_APP_ADVERTISER,
      );
      expect(everything.meta?.totalItems).toBe(visible.length);
      for (const a of everything.data ?? [])
        expect([DEMO_ADVERTISER, SECOND_DEMO_ADVERTISER]).toContain(a.attributes?.advertiserId);

      const other = await t.call('POST', '/audiences/search', {
        body: { data: { attributes: {} } },
        token: await t.token('other-client-id'),
      });
      const otherData = AudienceSearchResponseSchema.parse(other.body).data ?? [];
      expect(otherData.map((a) => a.id)).toEqual(foreign);
    });
  });

  describe('POST /audiences/compute-sizes', () => {
    async function sizes(ids: string[]) {
      const response = await post('/audiences/compute-sizes', ids.map(idItem));
      expect(response.status).toBe(200);
      return { response, body: AudienceSegmentSizeListResponseSchema.parse(response.body) };
    }

    it('combines segment sizes: and = product, or = union, not = complement, deterministically', async () => {
      const [p = 0, b = 0] = (await segmentSizes([P, B])).map((size) => size / AUDIENCE_UNIVERSE);
      const ids = [
        await createAudience(and(seg(P), seg(B))),
        await createAudience(or(seg(P), seg(B))),
        await createAudience(and(seg(P), not(seg(B)))),
      ];
      const expected = [p * b, 1 - (1 - p) * (1 - b), p * (1 - b)].map((share) => share * AUDIENCE_UNIVERSE);
      const first = await sizes(ids);
      expect(first.body.errors).toEqual([]);
      const actual = (first.body.data ?? []).map((d) => required(d.attributes?.size, 'size'));
      expect(actual).toHaveLength(3);
      actual.forEach((size, i) => {
        expect(Number.isInteger(size)).toBe(true);
        expect(Math.abs(size - (expected[i] ?? Number.NaN))).toBeLessThanOrEqual(1);
      });
      expect((await sizes(ids)).body.data).toEqual(first.body.data);
      expect(first.body.data?.map((d) => [d.id, d.type])).toEqual(ids.map((id) => [id, 'AudienceSize']));
    });

    it('reports size problems at their index while siblings are sized', async () => {
      const ok1 = await createAudience(seg(P));
      const ok2 = await createAudience(or(seg(IM), seg(B)));
      const empty = await createAudience(seg(EMPTY_CL));
      const tiny = await createAudience(seg(TINY_CL));
      const { response, body } = await sizes([ok1, UNKNOWN_ID, empty, ok2, tiny]);
      expect(errorsOf(response)).toEqual([
        { instance: '@data/1', code: 'audience-not-found', source: { id: 'data/1/id' } },
        { instance: '@data/2', code: 'audience-size-not-available', source: { id: 'data/2/id' } },
        { instance: '@data/4', code: 'audience-size-too-small', source: { id: 'data/4/id' } },
      ]);
      expect(body.data?.map((d) => d.id)).toEqual([ok1, ok2]);
      for (const d of body.data ?? []) expect(d.attributes?.size).toBeGreaterThanOrEqual(1_000);
    });

    it('sizes an audience on a contact list once the list holds identifiers', async () => {
      const list = await createContactList();
      const id = await createAudience(seg(list));
      expect(errorsOf((await sizes([id])).response).map((e) => e.code)).toEqual([
        'audience-size-not-available',
      ]);

      const identifiers = Array.from({ length: 5_000 }, (_, i) => `sized-${i}@example.com`);
      const added = await t.call('PATCH', `/audience-segments/${list}/contact-list`, {
        body: {
          data: {
            type: 'ContactlistAmendment',
            attributes: { operation: 'add', identifierType: 'email', identifiers },
          },
        },
      });
      expect(added.status).toBe(200);
      const statistics = ContactListStatisticsResponseSchema.parse(
        (await t.call('GET', `/audience-segments/${list}/contact-list/statistics`)).body,
      ).data?.attributes;
      const { body } = await sizes([id]);
      expect(body.errors).toEqual([]);
      expect(body.data?.[0]?.attributes?.size).toBe(statistics?.numberOfMatches);
    });
  });

  describe('POST /audiences/estimate-size', () => {
    const estimate = (attributes: { advertiserId?: string; algebra?: AlgebraNode }, token?: string) =>
      t.call('POST', '/audiences/estimate-size', { body: { data: { type: 'Audience', attributes } }, token });

    it('estimates an unsaved algebra at the size the same algebra gets once saved', async () => {
      const algebra = and(or(seg(IM), seg(B)), not(seg(CL)));
      const response = await estimate({ advertiserId: DEMO_ADVERTISER, algebra });
      expect(response.status).toBe(200);
      const estimated = SizeEstimationResponseSchema.parse(response.body).data;
      expect(estimated).toEqual({ type: 'AudienceSize', attributes: { size: expect.any(Number) } });
      expect(response.body).not.toHaveProperty('data.id');

      const id = await createAudience(algebra);
      const computed = await post('/audiences/compute-sizes', [idItem(id)]);
      const size = AudienceSegmentSizeListResponseSchema.parse(computed.body).data?.[0]?.attributes?.size;
      expect(size).toBe(estimated?.attributes?.size);
    });

    it('answers 400 with the rule code and source for an invalid algebra', async () => {
      const cases: [AlgebraNode | undefined, string, Record<string, string>][] = [
        [
          and(seg(IM)),
          'audience-algebra-and-or-nodes-must-include-more-than-one-node',
          { algebra: 'data/attributes/algebra/and' },
        ],
        [{}, 'audience-algebra-node-must-have-exactly-one-operator', { algebra: 'data/attributes/algebra' }],
        [
          or(seg(IM), seg(UNKNOWN_ID)),
          'audience-must-contain-only-existing-segments',
          { audienceSegmentId: 'data/attributes/algebra/or/1/audienceSegmentId' },
        ],
        [
          not(seg(IM)),
          'audience-must-contain-included-segment-or-only-excluded-contact-list',
          { algebra: 'data/attributes/algebra' },
        ],
        [
          and(seg(R), seg(IM)),
          'audience-with-retargeting-segment-must-be-correctly-specified',
          { algebra: 'data/attributes/algebra' },
        ],
        [undefined, 'algebra-must-be-defined', { algebra: 'data/attributes/algebra' }],
      ];
      for (const [algebra, code, source] of cases) {
        const error = onlyError(await estimate({ advertiserId: DEMO_ADVERTISER, algebra }), 400);
        expect({ code: error.code, source: error.source }).toEqual({ code, source });
      }
    });

    it('answers 400 when the size is too small or not available', async () => {
      const tiny = onlyError(await estimate({ advertiserId: DEMO_ADVERTISER, algebra: seg(TINY_CL) }), 400);
      expect(tiny).toMatchObject({
        type: 'validation',
        code: 'audience-size-too-small',
        instance: expect.stringMatching(/\/audiences\/estimate-size$/),
      });
      const empty = onlyError(await estimate({ advertiserId: DEMO_ADVERTISER, algebra: seg(EMPTY_CL) }), 400);
      expect(empty.code).toBe('audience-size-not-available');
    });

    it('answers 400 undefined-advertiser-id without an advertiser and 403 for a foreign one', async () => {
      expect(onlyError(await estimate({ algebra: seg(IM) }), 400).code).toBe('undefined-advertiser-id');
      const foreign = onlyError(
        await estimate({ advertiserId: OTHER_APP_ADVERTISER, algebra: seg(IM) }),
        403,
      );
      expect(foreign).toMatchObject({ type: 'authorization', code: 'advertiser-not-authorized' });
    });
  });

  describe('PUT /ad-sets/{adSetId}/audience', () => {
    const link = (adSetId: string, audienceId: string) =>
      t.call('PUT', `/ad-sets/${adSetId}/audience`, {
        body: { data: { id: adSetId, type: 'AdSetAudienceLink', attributes: { audienceId } } },
      });
    const freeAdSet = () =>
      required(
        [...t.emulator.store.adSets.values()].find(
          (s) => s.advertiserId === DEMO_ADVERTISER && !s.audienceId,
        ),
        'free ad set',
      ).id;

    it("links an audience, which then lists the ad set, and moves it off the previous audience's list", async () => {
      const adSetId = freeAdSet();
      const a = await createAudience(seg(IM));
      const b = await createAudience(seg(P));
      const first = await link(adSetId, a);
      expect(first.status).toBe(200);
      expect(AdSetAudienceLinkResponseSchema.parse(first.body).data).toEqual({
        id: adSetId,
        type: 'AdSetAudienceLink',
        attributes: { audienceId: a },
      });
      expect((await findAudience(a)).attributes?.adSetIds).toEqual([adSetId]);

      expect((await link(adSetId, b)).status).toBe(200);
      const found = await search({ audienceIds: [a, b] });
      expect(found.data?.map((x) => [x.id, x.attributes?.adSetIds])).toEqual([
        [a, []],
        [b, [adSetId]],
      ]);
      expect((await search({ adSetIds: [adSetId] })).data?.map((x) => x.id)).toEqual([b]);
    });

    it('answers 404 ad-set-not-found for an unknown ad set', async () => {
      const response = await link('999999', await createAudience(seg(IM)));
      expect(onlyError(response, 404)).toMatchObject({
        code: 'ad-set-not-found',
        instance: '/ad-sets/999999',
      });
    });

    it('answers 400 for an audience of another advertiser or an unknown one, leaving the link as it was', async () => {
      const adSetId = freeAdSet();
      const other = await createAudience(seg(IM_5050), { advertiserId: SECOND_DEMO_ADVERTISER });
      expect(onlyError(await link(adSetId, other), 400).code).toBe('audience-not-found');
      expect(onlyError(await link(adSetId, UNKNOWN_ID), 400).code).toBe('audience-not-found');
      expect(t.emulator.store.adSets.get(adSetId)?.audienceId).toBeNull();
    });

    it("answers 403 for another application's ad set", async () => {
      const foreign = required(
        [...t.emulator.store.adSets.values()].find((s) => s.advertiserId === OTHER_APP_ADVERTISER),
        'ad set of 7070',
      );
      const before = foreign.audienceId;
      const response = await link(foreign.id, await createAudience(seg(IM)));
      expect(onlyError(response, 403)).toMatchObject({
        type: 'authorization',
        code: 'advertiser-not-authorized',
      });
      expect(foreign.audienceId).toBe(before);
    });
  });

  describe('GET /me', () => {
    it('returns the application behind the token', async () => {
      const demo = ApplicationSummaryResponseSchema.parse((await t.call('GET', '/me')).body).data;
      expect(demo).toMatchObject({
        type: 'Application',
        attributes: {
          applicationId: 1001,
          name: 'Demo application',
          organizationId: 42,
          criteoService: 'MarketingSolutions',
        },
      });
      const other = await t.call('GET', '/me', { token: await t.token('other-client-id') });
      expect(ApplicationSummaryResponseSchema.parse(other.body).data?.attributes).toMatchObject({
        applicationId: 1002,
        name: 'Other application',
        organizationId: 43,
      });
    });
  });
});

describe('audience sizes of unsupported segments', () => {
  it('reports audience-size-not-supported for an audience on an Unknown-type segment', async () => {
    const t = await startTestEmulator();
    try {
      const unknown = [...t.emulator.store.segments.values()].find(
        (s) => s.attributes.type === 'Unknown' && s.attributes.advertiserId === DEMO_ADVERTISER,
      );
      if (!unknown) throw new Error('the demo data has an Unknown segment');
      const created = await t.call('POST', '/audiences/create', {
        body: {
          data: [
            {
              attributes: {
                advertiserId: DEMO_ADVERTISER,
                name: 'On unknown',
                algebra: { audienceSegmentId: unknown.id },
              },
            },
          ],
        },
      });
      const data = record(created.body).data;
      const id = Array.isArray(data) ? String(record(data[0]).id) : '';
      const sizes = await t.call('POST', '/audiences/compute-sizes', { body: { data: [{ id }] } });
      expect(errorCodes(sizes.body)).toEqual(['audience-size-not-supported']);
    } finally {
      await t.close();
    }
  });
});
