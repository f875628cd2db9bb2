import { describe, expect, it } from 'vitest';
import { AUDIENCE_UNIVERSE, algebraSize, inMarketSize, segmentSize } from '../../../src/emulator/sizing.js';
import { EmulatorStore } from '../../../src/emulator/store.js';

function storeWith(sizes: number[]) {
  const store = new EmulatorStore();
  // Lookalikes with a target size have exactly that size: a convenient fixed-size segment.
  const ids = sizes.map(
    (targetSize, i) =>
      store.addSegment({
        advertiserId: '4949',
        name: `s${i}`,
        type: 'Lookalike',
        lookalike: { seedSegmentId: null, targetSize },
      }).id,
  );
  return { store, ids };
}

describe('algebraSize', () => {
  it('combines segment shares as independent sets: and = product, or = union, not = complement', () => {
    const { store, ids } = storeWith([AUDIENCE_UNIVERSE / 2, AUDIENCE_UNIVERSE / 4]);
    const [a = '', b = ''] = ids;
    expect(algebraSize({ and: [{ audienceSegmentId: a }, { audienceSegmentId: b }] }, store)).toEqual({
      ok: true,
      size: AUDIENCE_UNIVERSE / 8,
    });
    expect(algebraSize({ or: [{ audienceSegmentId: a }, { audienceSegmentId: b }] }, store)).toEqual({
      ok: true,
      size: (AUDIENCE_UNIVERSE * 5) / 8,
    });
    expect(
      algebraSize({ and: [{ audienceSegmentId: a }, { not: { audienceSegmentId: b } }] }, store),
    ).toEqual({
      ok: true,
      size: (AUDIENCE_UNIVERSE * 3) / 8,
    });
  });

  it('reports too-small below 1,000 and not-available for an unknown segment', () => {
    const { store, ids } = storeWith([10_000, 10_000]);
    const [a = '', b = ''] = ids;
    expect(algebraSize({ and: [{ audienceSegmentId: a }, { audienceSegmentId: b }] }, store)).toMatchObject({
      ok: false,
      reason: 'too-small',
    });
    expect(algebraSize({ audienceSegmentId: '999' }, store)).toMatchObject({
      ok: false,
      reason: 'not-available',
    });
  });
});

describe('segment sizes', () => {
  it('are a pure function of the definition, whatever the key order', () => {
    const one = inMarketSize({ country: 'FR', interestIds: ['187', '1604'], gender: 'Female' });
    const two = inMarketSize({ gender: 'Female', interestIds: ['1604', '187'], country: 'FR' });
    expect(one).toBe(two);
    expect(inMarketSize({ country: 'FR', interestIds: ['187'] })).not.toBe(one);
  });

  it('are not supported for the Unknown type', () => {
    const store = new EmulatorStore();
    const record = store.addSegment({ advertiserId: '4949', name: 'u', type: 'Unknown' });
    expect(segmentSize(record, store)).toMatchObject({ ok: false, reason: 'not-supported' });
  });
});
