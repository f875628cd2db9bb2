import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadAudiencesById, loadAudiencesBySegmentId } from '../../../src/loaders/audiences.js';
import { ForbiddenError } from '../../../src/scope.js';
import { audience, fakeCriteo } from './fake-criteo.js';

const caller = { subject: 'tester', advertiserIds: new Set(['4949']) };

describe('loadAudiencesById', () => {
  it('answers in key order, null when missing, FORBIDDEN for another advertiser, from one search', async () => {
    const { criteo, calls } = fakeCriteo(
      [],
      [audience('500002', []), audience('500001', []), audience('600001', [], '5050')],
    );
    const loaded = await loadAudiencesById(criteo, caller, ['500001', '600001', '500404', '500002']);
    expect(loaded[0]).toMatchObject({ id: '500001' });
    expect(loaded[1]).toBeInstanceOf(ForbiddenError);
    expect(loaded[2]).toBeNull();
    expect(loaded[3]).toMatchObject({ id: '500002' });
    expect(calls.map((c) => [c.operation, c.ids])).toEqual([
      ['SearchAudiences', ['500001', '600001', '500404', '500002']],
    ]);
  });
});

describe('loadAudiencesBySegmentId', () => {
  it('splits one search by segment ids back per segment, [] for a segment no audience uses', async () => {
    const { criteo, calls } = fakeCriteo(
      [],
      [audience('500001', ['100001', '100002']), audience('500002', ['100002'])],
    );
    const bySegment = await loadAudiencesBySegmentId(criteo, null, ['100002', '100003', '100001']);
    expect(bySegment.map((list) => (list instanceof Error ? list : list.map((a) => a.id)))).toEqual([
      ['500001', '500002'],
      [],
      ['500001'],
    ]);
    expect(calls).toHaveLength(1);
  });

  it('reads every result page until the total, and searches only the caller advertisers', async () => {
    const many = Array.from({ length: 250 }, (_, i) => audience(String(500_000 + i), ['100001']));
    const { criteo, calls } = fakeCriteo([], [...many, audience('600001', ['100001'], '5050')]);
    const [list] = await loadAudiencesBySegmentId(criteo, caller, ['100001']);
    expect(list instanceof Error ? list : list?.length).toBe(250);
    expect(calls.map((c) => c.page?.offset)).toEqual([0, 100, 200]);
  });

  it('answers TOO_MANY_RESULTS for every segment past 10 pages, without an 11th call', async () => {
    const many = Array.from({ length: 1001 }, (_, i) => audience(String(500_000 + i), ['100001']));
    const { criteo, calls } = fakeCriteo([], many);
    const [first, second] = await loadAudiencesBySegmentId(criteo, null, ['100001', '100002']);
    expect(first).toBeInstanceOf(GraphQLError);
    expect(second).toBe(first);
    expect(first).toMatchObject({ extensions: { code: 'TOO_MANY_RESULTS' } });
    expect(calls).toHaveLength(10);
  });
});
