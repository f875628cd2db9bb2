/** One realistic successful call (at least) per audience, ad-set and application operation. */
import { expect } from 'vitest';
import { DEMO_ADVERTISER, record, SECOND_DEMO_ADVERTISER } from '../support/emulator.js';
import { attributesOf, dataList, idsOf, problemList } from './contract-client.js';
import {
  api,
  audienceItem,
  audienceSearchBody,
  createAudience,
  demoSegmentOfType,
  freeAdSetId,
  leaf,
  linkedAudienceId,
  mixedAlgebra,
  ok,
  populatedContactList,
  uniqueName,
} from './fixtures.js';

export const AUDIENCE_CASES: Record<string, () => Promise<void>> = {
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
