import { describe, expect, it } from 'vitest';
import { CriteoProblemError } from '../../../src/criteo/errors.js';
import { loadSegmentSizesById, loadSegmentsById } from '../../../src/loaders/segments.js';
import { ForbiddenError } from '../../../src/scope.js';
import { fakeCriteo, segment } from './fake-criteo.js';

const caller = { subject: 'tester', advertiserIds: new Set(['4949']) };

describe('loadSegmentsById', () => {
  it('answers in key order from one search by ids, null for an id Criteo does not have', async () => {
    const { criteo, calls } = fakeCriteo([segment('100002'), segment('100001')]);
    const loaded = await loadSegmentsById(criteo, null, ['100001', '100404', '100002']);
    expect(loaded.map((s) => (s && !(s instanceof Error) ? s.id : s))).toEqual(['100001', null, '100002']);
    expect(calls).toEqual([
      {
        operation: 'SearchAudienceSegments',
        ids: ['100001', '100404', '100002'],
        page: { limit: 100, offset: 0 },
      },
    ]);
  });

  it("answers a ForbiddenError, never the segment, for another advertiser's segment", async () => {
    const { criteo } = fakeCriteo([segment('100001'), segment('200001', '5050')]);
    const [own, foreign] = await loadSegmentsById(criteo, caller, ['100001', '200001']);
    expect(own).toMatchObject({ id: '100001' });
    expect(foreign).toBeInstanceOf(ForbiddenError);
    expect(foreign).toMatchObject({
      message: 'audience segment 200001 belongs to an advertiser your token does not cover',
      extensions: { code: 'FORBIDDEN' },
    });
  });
});

describe('loadSegmentSizesById', () => {
  it("answers each id's size or its own @data/N problem, in key order, from one call", async () => {
    const { criteo, calls } = fakeCriteo([]);
    const sizes = await loadSegmentSizesById(criteo, ['100001', '900001', '12']);
    expect(sizes.map((s) => (s instanceof CriteoProblemError ? [s.instance, s.criteoCode] : s))).toEqual([
      { value: 6000 },
      ['@data/1', 'segment-not-found'],
      { value: 2000 },
    ]);
    expect(calls.map((c) => c.operation)).toEqual(['ComputeAudienceSegmentsSizes']);
  });
});
