/** Partial success of bulk operations: good and bad items mixed in one call. */
import { expect } from 'vitest';
import { attributesOf, dataList, problemList } from './contract-client.js';
import {
  audienceItem,
  createAudience,
  createContactList,
  createSegment,
  demoSegmentOfType,
  type JsonObject,
  leaf,
  linkedAudienceId,
  locationSettings,
  mixedAlgebra,
  ok,
  populatedContactList,
  retargetingSettings,
  segmentItem,
  UNKNOWN_ID,
  uniqueName,
} from './fixtures.js';

interface MixedItem {
  item: unknown;
  /** What identifies the item in `data` when it succeeds: its id, or its name for creates; null = must fail. */
  success: string | null;
}

const good = (item: unknown, key: string): MixedItem => ({ item, success: key });
const bad = (item: unknown): MixedItem => ({ item, success: null });

/**
 * A bulk call mixing good and bad items answers 200 with both `data` and `errors`; the body still
 * matches the spec, every error points at a failed item with `@data/<request index>`, and `data` holds
 * exactly the successes.
 */
async function expectPartialSuccess(
  operationId: string,
  items: MixedItem[],
  keyOf: (resource: JsonObject) => unknown,
) {
  const body = await ok(operationId, { body: { data: items.map((i) => i.item) } });
  const errors = problemList(body);
  expect(errors.length).toBeGreaterThan(0);
  const failedIndexes = items.flatMap((item, index) => (item.success === null ? [index] : []));
  const instances = errors.map((e) => e.instance);
  for (const instance of instances) expect(instance).toMatch(/^@data\/\d+$/);
  const errorIndexes = [
    ...new Set(instances.map((instance) => Number(String(instance).slice('@data/'.length)))),
  ];
  expect(errorIndexes.sort((a, b) => a - b)).toEqual(failedIndexes);
  const expected = items.flatMap((item) => (item.success === null ? [] : [item.success]));
  expect(dataList(body).map(keyOf).sort()).toEqual(expected.sort());
}

const byId = (resource: JsonObject) => resource.id;
const byName = (resource: JsonObject) => attributesOf(resource).name;

export const PARTIAL_CASES: Record<string, () => Promise<void>> = {
  CreateAudienceSegments: async () => {
    const contactList = uniqueName('contact list');
    const location = uniqueName('location');
    await expectPartialSuccess(
      'CreateAudienceSegments',
      [
        good(segmentItem({ name: contactList, contactList: {} }), contactList),
        bad(segmentItem({ name: '', contactList: {} })),
        bad(segmentItem({ name: uniqueName('retargeting'), retargeting: { daysSinceLastVisitMax: 30 } })),
        good(segmentItem({ name: location, location: locationSettings }), location),
        bad(segmentItem({ name: uniqueName('two kinds'), contactList: {}, location: locationSettings })),
      ],
      byName,
    );
  },

  UpdateAudienceSegments: async () => {
    const first = await createContactList();
    const retargeting = await createSegment({
      name: uniqueName('retargeting'),
      retargeting: retargetingSettings,
    });
    const second = await createContactList();
    await expectPartialSuccess(
      'UpdateAudienceSegments',
      [
        good({ id: first, type: 'AudienceSegment', attributes: { name: uniqueName('renamed') } }, first),
        bad({ id: UNKNOWN_ID, type: 'AudienceSegment', attributes: { name: uniqueName('ghost') } }),
        bad({ id: retargeting, type: 'AudienceSegment', attributes: { inMarket: { country: 'FR' } } }),
        good({ id: second, type: 'AudienceSegment', attributes: { description: { value: null } } }, second),
        bad({ id: 'not-a-number', type: 'AudienceSegment', attributes: {} }),
      ],
      byId,
    );
  },

  DeleteAudienceSegments: async () => {
    const first = await createContactList();
    const used = await createContactList();
    await createAudience({ and: [leaf(demoSegmentOfType('InMarket').id), { not: leaf(used) }] });
    const second = await createContactList();
    await expectPartialSuccess(
      'DeleteAudienceSegments',
      [
        good({ id: first, type: 'AudienceSegment' }, first),
        bad({ id: demoSegmentOfType('Behavioral').id, type: 'AudienceSegment' }),
        bad({ id: used, type: 'AudienceSegment' }),
        bad({ id: UNKNOWN_ID, type: 'AudienceSegment' }),
        good({ id: second, type: 'AudienceSegment' }, second),
      ],
      byId,
    );
  },

  ComputeAudienceSegmentsSizes: async () => {
    const populated = populatedContactList().id;
    const behavioral = demoSegmentOfType('Behavioral').id;
    await expectPartialSuccess(
      'ComputeAudienceSegmentsSizes',
      [
        good({ id: populated, type: 'AudienceSegment' }, populated),
        bad({ id: await createContactList(), type: 'AudienceSegment' }),
        bad({ id: UNKNOWN_ID, type: 'AudienceSegment' }),
        bad({ id: demoSegmentOfType('Unknown').id, type: 'AudienceSegment' }),
        good({ id: behavioral, type: 'AudienceSegment' }, behavioral),
      ],
      byId,
    );
  },

  CreateAudiences: async () => {
    const first = uniqueName('audience');
    const second = uniqueName('audience');
    await expectPartialSuccess(
      'CreateAudiences',
      [
        good(audienceItem({ name: first, algebra: mixedAlgebra() }), first),
        bad(audienceItem({ name: uniqueName('audience'), algebra: leaf(UNKNOWN_ID) })),
        bad(audienceItem({ name: first, algebra: mixedAlgebra() })),
        good(audienceItem({ name: second, algebra: leaf(demoSegmentOfType('Prospecting').id) }), second),
        bad(
          audienceItem({
            name: uniqueName('audience'),
            algebra: { and: [leaf(demoSegmentOfType('InMarket').id)] },
          }),
        ),
      ],
      byName,
    );
  },

  UpdateAudiences: async () => {
    const first = await createAudience();
    const second = await createAudience();
    const third = await createAudience();
    await expectPartialSuccess(
      'UpdateAudiences',
      [
        bad({ id: 'abc', type: 'Audience', attributes: { name: uniqueName('renamed audience') } }),
        good({ id: first, type: 'Audience', attributes: { name: uniqueName('renamed audience') } }, first),
        bad({
          id: second,
          type: 'Audience',
          attributes: { algebra: { not: leaf(demoSegmentOfType('InMarket').id) } },
        }),
        bad({ id: UNKNOWN_ID, type: 'Audience', attributes: {} }),
        good({ id: third, type: 'Audience', attributes: { description: { value: null } } }, third),
      ],
      byId,
    );
  },

  DeleteAudiences: async () => {
    const first = await createAudience();
    const second = await createAudience();
    await expectPartialSuccess(
      'DeleteAudiences',
      [
        good({ id: first, type: 'Audience' }, first),
        bad({ id: linkedAudienceId(), type: 'Audience' }),
        bad({ id: UNKNOWN_ID, type: 'Audience' }),
        bad({ id: first, type: 'Audience' }),
        good({ id: second, type: 'Audience' }, second),
      ],
      byId,
    );
  },

  ComputeAudiencesSizes: async () => {
    const sized = await createAudience();
    // An empty contact list has no size yet, so neither has an audience built on it.
    const unsized = await createAudience({
      or: [leaf(await createContactList()), leaf(demoSegmentOfType('InMarket').id)],
    });
    await expectPartialSuccess(
      'ComputeAudiencesSizes',
      [
        good({ id: sized, type: 'Audience' }, sized),
        bad({ id: unsized, type: 'Audience' }),
        bad({ id: UNKNOWN_ID, type: 'Audience' }),
      ],
      byId,
    );
  },
};
