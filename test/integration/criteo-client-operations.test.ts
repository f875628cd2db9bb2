import { describe, expect, it } from 'vitest';
import { AudienceSizeSchema } from '../../src/contract/audience-segment.js';
import { CriteoProblemError } from '../../src/criteo/errors.js';
import { ids, useEmulator } from '../support/criteo-client.js';

describe('CriteoClient reads (against the emulator)', () => {
  const t = useEmulator();

  it('searchAudienceSegments applies filters and paging, and returns segment models with the total', async () => {
    const result = await t.client.searchAudienceSegments(
      {
        advertiserIds: ['4949'],
        audienceSegmentIds: ['100001', '100002', '100021'],
        audienceSegmentTypes: ['InMarket'],
      },
      { limit: 10, offset: 0 },
    );
    expect(ids(result.items)).toEqual(['100001', '100002']);
    expect(result.total).toBe(2);
    const first = result.items[0];
    expect(first?.advertiserId).toBe('4949');
    expect(first?.type).toBe('InMarket');
    expect(first?.inMarket?.country).toBe('FR');

    const calls = t.emulator.requests.list('SearchAudienceSegments');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.status).toBe(200);
    expect(calls[0]?.ids).toEqual(['100001', '100002', '100021']);
    expect(calls[0]?.query).toEqual({ limit: '10', offset: '0' });
  });

  it('searchAudienceSegments pages through an advertiser', async () => {
    const result = await t.client.searchAudienceSegments(
      { advertiserIds: ['4949'] },
      { limit: 5, offset: 10 },
    );
    expect(ids(result.items)).toEqual(['100011', '100012', '100013', '100014', '100015']);
    expect(result.total).toBe(108);
    expect(t.emulator.requests.count('SearchAudienceSegments')).toBe(1);
  });

  it('searchAudiences returns audience models with their algebra and ad sets', async () => {
    const result = await t.client.searchAudiences(
      { audienceIds: ['500001', '500002'] },
      { limit: 50, offset: 0 },
    );
    expect(ids(result.items)).toEqual(['500001', '500002']);
    expect(result.total).toBe(2);
    const [first, second] = result.items;
    expect(first?.advertiserId).toBe('4949');
    expect(first?.algebra).toEqual({ audienceSegmentId: '100081' });
    expect(first?.adSetIds).toEqual(['494900']);
    expect(second?.algebra?.and).toHaveLength(2);

    const calls = t.emulator.requests.list('SearchAudiences');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.ids).toEqual(['500001', '500002']);
  });

  it('computeAudienceSegmentSizes answers, in id order, sizes of good ids and the @data/N problems of bad ones', async () => {
    const requested = ['100001', '100031', '100032', '999999', '100021'];
    const result = await t.client.computeAudienceSegmentSizes(requested);
    expect(
      result.map((r) => (r instanceof CriteoProblemError ? [r.instance, r.criteoCode] : 'size')),
    ).toEqual([
      'size',
      ['@data/1', 'segment-size-not-available'],
      ['@data/2', 'segment-size-too-small'],
      ['@data/3', 'segment-not-found'],
      'size',
    ]);
    for (const item of result) {
      if (item instanceof CriteoProblemError) expect(item.traceId).toEqual(expect.any(String));
      else expect(AudienceSizeSchema.parse(item).value).toBeGreaterThanOrEqual(1000);
    }

    const calls = t.emulator.requests.list('ComputeAudienceSegmentsSizes');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.ids).toEqual(requested);
  });

  it('computeAudienceSizes returns sizes and per-item problems in id order', async () => {
    const result = await t.client.computeAudienceSizes(['500001', '999999', '500002']);
    expect(
      result.map((r) => (r instanceof CriteoProblemError ? [r.instance, r.criteoCode] : 'size')),
    ).toEqual(['size', ['@data/1', 'audience-not-found'], 'size']);
    expect(result[0]).toEqual({ value: expect.any(Number) });

    const calls = t.emulator.requests.list('ComputeAudiencesSizes');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.ids).toEqual(['500001', '999999', '500002']);
  });

  it('getAudienceSegmentsInMarketInterests and ...Brands return the catalog of a country', async () => {
    const interests = await t.client.getAudienceSegmentsInMarketInterests('4949', 'FR');
    expect(interests.length).toBeGreaterThan(0);
    for (const interest of interests) expect(interest.id).toEqual(expect.any(String));
    const brands = await t.client.getAudienceSegmentsInMarketBrands('4949', 'FR');
    expect(brands.length).toBeGreaterThan(0);
    for (const brand of brands) {
      expect(brand.name).toEqual(expect.any(String));
      expect(brand.size).toEqual(expect.any(Number));
    }

    const interestCalls = t.emulator.requests.list('GetAudienceSegmentsInMarketInterests');
    const brandCalls = t.emulator.requests.list('GetAudienceSegmentsInMarketBrands');
    expect(interestCalls).toHaveLength(1);
    expect(brandCalls).toHaveLength(1);
    expect(interestCalls[0]?.query).toEqual({ 'advertiser-id': '4949', country: 'FR' });
    expect(brandCalls[0]?.query).toEqual({ 'advertiser-id': '4949', country: 'FR' });
  });

  it('getAudienceSegmentContactListStatistics returns the statistics of one list', async () => {
    const stats = await t.client.getAudienceSegmentContactListStatistics('100033');
    expect(stats?.numberOfIdentifiers).toBeGreaterThan(0);
    expect(stats?.numberOfMatches).toBeLessThanOrEqual(stats?.numberOfIdentifiers ?? 0);
    expect(stats?.matchRate).toBeGreaterThan(0);
    expect(stats?.matchRate).toBeLessThan(1);

    const calls = t.emulator.requests.list('GetAudienceSegmentContactListStatistics');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.ids).toEqual(['100033']);
  });

  it('getCurrentApplication returns the application behind the token', async () => {
    const result = await t.client.getCurrentApplication();
    expect(result).toEqual({
      applicationId: 1001,
      criteoService: 'MarketingSolutions',
      description: 'The embedded emulator demo application',
      name: 'Demo application',
      organizationId: 42,
    });
    expect(t.emulator.requests.count('GetCurrentApplication')).toBe(1);
  });
});

describe('CriteoClient writes (against the emulator)', () => {
  const t = useEmulator();

  it('segments and contact lists round-trip: create, update, amend, statistics, clear, delete', async () => {
    const created = await t.client.createAudienceSegments([
      { advertiserId: '4949', name: 'Client test list', description: 'from the test', contactList: {} },
      { advertiserId: '4949', name: 'Client test prospects', prospecting: { usersType: 'Prospects' } },
    ]);
    expect(created.errors).toEqual({ items: [[], []], call: [] });
    const [list, prospects] = created.written;
    const listId = list?.id ?? '';
    const prospectsId = prospects?.id ?? '';
    expect(listId).toMatch(/^\d+$/);
    expect(prospectsId).toMatch(/^\d+$/);
    expect(list).toMatchObject({
      advertiserId: '4949',
      name: 'Client test list',
      type: 'ContactList',
    });
    expect(prospects?.type).toBe('Prospecting');
    expect(prospects?.prospecting?.usersType).toBe('Prospects');

    const updated = await t.client.updateAudienceSegments([
      {
        id: prospectsId,
        attributes: { name: 'Client test prospects (renamed)', description: { value: null } },
      },
    ]);
    expect(ids(updated.written)).toEqual([prospectsId]);
    expect(updated.written[0]?.name).toBe('Client test prospects (renamed)');
    expect(updated.written[0]?.description).toBeNull();

    const amended = await t.client.updateContactListByAudienceSegment(listId, {
      operation: 'add',
      identifierType: 'email',
      identifiers: ['jane@example.com', 'john@example.com', 'not-an-email'],
    });
    expect(amended.errors).toEqual([]);
    expect(amended.result).toMatchObject({
      contactListId: Number(listId),
      operation: 'add',
      identifierType: 'email',
      nbValidIdentifiers: 2,
      nbInvalidIdentifiers: 1,
      sampleInvalidIdentifiers: ['not-an-email'],
    });

    const stats = await t.client.getAudienceSegmentContactListStatistics(listId);
    expect(stats?.numberOfIdentifiers).toBe(2);

    await t.client.deleteContactListByAudienceSegment(listId);
    const afterClear = await t.client.getAudienceSegmentContactListStatistics(listId);
    expect(afterClear?.numberOfIdentifiers).toBe(0);

    const deleted = await t.client.deleteAudienceSegments([listId, prospectsId]);
    expect(deleted.written).toEqual([{ id: listId }, { id: prospectsId }]);
    const search = await t.client.searchAudienceSegments(
      { audienceSegmentIds: [listId, prospectsId] },
      { limit: 10, offset: 0 },
    );
    expect(search.items).toEqual([]);

    const log = t.emulator.requests;
    expect(log.list('CreateAudienceSegments').map((e) => [e.status, e.ids])).toEqual([[200, []]]);
    expect(log.list('UpdateAudienceSegments').map((e) => [e.status, e.ids])).toEqual([[200, [prospectsId]]]);
    expect(log.list('UpdateContactListByAudienceSegment').map((e) => [e.status, e.ids])).toEqual([
      [200, [listId]],
    ]);
    expect(log.list('DeleteContactListByAudienceSegment').map((e) => [e.status, e.ids])).toEqual([
      [200, [listId]],
    ]);
    expect(log.list('DeleteAudienceSegments').map((e) => [e.status, e.ids])).toEqual([
      [200, [listId, prospectsId]],
    ]);
    expect(log.count('GetAudienceSegmentContactListStatistics')).toBe(2);
    expect(log.count('OAuthToken')).toBe(1);
  });

  it('audiences round-trip: create, update, link to an ad set, delete', async () => {
    const created = await t.client.createAudiences([
      { advertiserId: '4949', name: 'Client test audience A', algebra: { audienceSegmentId: '100001' } },
      {
        advertiserId: '4949',
        name: 'Client test audience B',
        algebra: { and: [{ audienceSegmentId: '100002' }, { not: { audienceSegmentId: '100033' } }] },
      },
    ]);
    expect(created.errors).toEqual({ items: [[], []], call: [] });
    const [a, b] = created.written;
    const aId = a?.id ?? '';
    const bId = b?.id ?? '';
    expect(aId).toMatch(/^\d+$/);
    expect(bId).toMatch(/^\d+$/);
    expect(a).toMatchObject({ advertiserId: '4949', algebra: { audienceSegmentId: '100001' } });

    const updated = await t.client.updateAudiences([
      { id: aId, attributes: { name: 'Client test audience A2', description: { value: 'described' } } },
    ]);
    expect(ids(updated.written)).toEqual([aId]);
    expect(updated.written[0]).toMatchObject({
      name: 'Client test audience A2',
      description: 'described',
    });

    // 494901 is a demo ad set of advertiser 4949 that targets no audience yet.
    const adSet = await t.client.getAdSet('494901');
    expect(adSet).toEqual({ advertiserId: '4949', name: 'Acme Shoes ad set 2' });
    const linked = await t.client.updateAdSetAudience('494901', aId);
    expect(linked).toEqual({ audienceId: aId });
    const search = await t.client.searchAudiences({ audienceIds: [aId] }, { limit: 10, offset: 0 });
    expect(search.items[0]?.adSetIds).toEqual(['494901']);

    const deleted = await t.client.deleteAudiences([bId]);
    expect(deleted.written).toEqual([{ id: bId }]);
    expect(deleted.errors).toEqual({ items: [[]], call: [] });
    const gone = await t.client.searchAudiences({ audienceIds: [bId] }, { limit: 10, offset: 0 });
    expect(gone.total).toBe(0);

    const log = t.emulator.requests;
    expect(log.list('CreateAudiences').map((e) => e.status)).toEqual([200]);
    expect(log.list('UpdateAudiences').map((e) => [e.status, e.ids])).toEqual([[200, [aId]]]);
    expect(log.list('GetAdSet').map((e) => [e.status, e.ids])).toEqual([[200, ['494901']]]);
    expect(log.list('UpdateAdSetAudience').map((e) => [e.status, e.ids])).toEqual([[200, ['494901']]]);
    expect(log.list('DeleteAudiences').map((e) => [e.status, e.ids])).toEqual([[200, [bId]]]);
    expect(log.count('SearchAudiences')).toBe(2);
  });

  it('estimateAudienceSegmentSize and estimateAudienceSize return a size', async () => {
    const segment = await t.client.estimateAudienceSegmentSize({
      advertiserId: '4949',
      location: {
        pointsOfInterest: [{ name: 'Paris Opéra', latitude: 48.87196, longitude: 2.33159 }],
        radiusInKm: 10,
      },
    });
    expect(AudienceSizeSchema.parse(segment).value).toBeGreaterThanOrEqual(1000);

    const audience = await t.client.estimateAudienceSize({
      advertiserId: '4949',
      algebra: { or: [{ audienceSegmentId: '100001' }, { audienceSegmentId: '100002' }] },
    });
    expect(AudienceSizeSchema.parse(audience).value).toBeGreaterThanOrEqual(1000);

    const log = t.emulator.requests;
    expect(log.list('EstimateAudienceSegmentsSizes').map((e) => e.status)).toEqual([200]);
    expect(log.list('EstimateAudiencesSizes').map((e) => e.status)).toEqual([200]);
    expect(log.list('EstimateAudiencesSizes')[0]?.body).toEqual({
      data: {
        type: 'Audience',
        attributes: {
          advertiserId: '4949',
          algebra: { or: [{ audienceSegmentId: '100001' }, { audienceSegmentId: '100002' }] },
        },
      },
    });
  });
});
