import { createContextCache, type ObjectRef } from '@pothos/core';
import type { GatewayContext } from '../../context.js';
import type { AudienceSegmentModel, AudienceSegmentType } from '../../contract/audience-segment.js';
import { CRITEO_MAX_PAGE_SIZE } from '../../contract/limits.js';
import { runBatch } from '../../loaders/batching.js';
import {
  audienceSizeLoader,
  contactListStatisticsLoader,
  segmentSizeLoader,
} from '../../loaders/request-loaders.js';
import { loadSegmentsById } from '../../loaders/segments.js';
import { SettledLoader } from '../../loaders/settled.js';
import { builder } from '../builder.js';
import { sizeResult, sizeResultUnion } from '../shared/size.js';
import { SegmentTypeEnum } from './enums.js';

const SegmentSizeResult = sizeResultUnion(
  'SegmentSizeResult',
  'The size of a segment, or the problem Criteo reported for it.',
);

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;
const member = (name: string) => builder.objectRef<AudienceSegmentModel>(name);

/**
 * The GraphQL member type of each Criteo segment type, in the order the union lists them: the one
 * list of members (the union, the entity and `memberTypeOf` read it; `members.ts` and
 * `contact-list/segment.ts` implement them).
 */
export const SEGMENT_MEMBERS = {
  InMarket: member('InMarketSegment'),
  Prospecting: member('ProspectingSegment'),
  ContactList: member('ContactListSegment'),
  Location: member('LocationSegment'),
  Behavioral: member('BehavioralSegment'),
  Retargeting: member('RetargetingSegment'),
  Lookalike: member('LookalikeSegment'),
  Unknown: member('UnknownSegment'),
} satisfies Record<AudienceSegmentType, ObjectRef<Types, AudienceSegmentModel>>;

/** Resolved from Criteo's `type` field; a segment without one is `UnknownSegment`. */
export const memberTypeOf = (segment: AudienceSegmentModel) =>
  SEGMENT_MEMBERS[segment.type ?? 'Unknown'].name;

export const SegmentInterface = builder.interfaceRef<AudienceSegmentModel>('Segment').implement({
  description: 'Fields every audience segment has, whatever its type.',
  resolveType: memberTypeOf,
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Criteo id of the segment.' }),
    name: t.string({ description: 'Name, unique per advertiser.', resolve: (s) => s.name ?? '' }),
    description: t.string({
      nullable: true,
      resolve: (s) => s.description ?? null,
      description: 'Free-text description.',
    }),
    advertiserId: t.id({
      nullable: true,
      resolve: (s) => s.advertiserId ?? null,
      description: 'The advertiser that owns it.',
    }),
    type: t.field({
      type: SegmentTypeEnum,
      resolve: (s) => s.type ?? 'Unknown',
      description: 'The segment type.',
    }),
    createdAt: t.field({
      type: 'DateTime',
      nullable: true,
      resolve: (s) => s.createdAt ?? null,
      description: 'When it was created.',
    }),
    updatedAt: t.field({
      type: 'DateTime',
      nullable: true,
      resolve: (s) => s.updatedAt ?? null,
      description: 'When it last changed; null until the first update.',
    }),
    size: t.field({
      // Nullable: a failed size call must not null the page the item sits in.
      nullable: true,
      type: SegmentSizeResult,
      description:
        'How many people the segment reaches (Criteo `compute-sizes`, batched), or why Criteo cannot tell.',
      // At once when the page loaded it ahead.
      resolve: (s, _args, ctx) => sizeResult(segmentSizeLoader(ctx), s.id),
    }),
  }),
});

/**
 * A segment by id, or a segment a field already holds: fields of this type return either, and ids are
 * loaded in batches of 100 (one `audience-segments/search` each), scoped to the caller. Segments a
 * field returns (a search page) are cached for the rest of the request.
 */
export const AudienceSegmentUnion = builder.loadableUnion('AudienceSegment', {
  description:
    'An audience segment, typed by its Criteo `type`. Select type-specific settings with inline fragments.',
  types: Object.values(SEGMENT_MEMBERS),
  resolveType: memberTypeOf,
  load: (ids: string[], ctx: GatewayContext) =>
    runBatch(ctx.batching, 'segments', ids, (keys) => loadSegmentsById(ctx.criteo, ctx.caller, keys)),
  // The loader answers null for an id Criteo does not have; only objects are ever keyed.
  toKey: (segment) => segment?.id ?? '',
  cacheResolved: true,
  loaderOptions: { maxBatchSize: CRITEO_MAX_PAGE_SIZE },
});

/**
 * The union's loader with the answers a page loaded ahead (`settle`), for fields to read at once.
 * Every clear goes through here, so that no answer kept outlives the DataLoader's.
 */
export const segmentLoader = createContextCache(
  (ctx: GatewayContext) => new SettledLoader(AudienceSegmentUnion.getDataloader(ctx)),
);

/** A write answered the segment: later fields of the operation see it, and the sizes it changed. */
export function segmentWritten(ctx: GatewayContext, segment: AudienceSegmentModel): void {
  // `prime` keeps a key already cached, hence `clear` first.
  segmentLoader(ctx).clear(segment.id).prime(segment.id, segment);
  segmentSizeLoader(ctx).clear(segment.id);
  // Audiences built on the segment change size with it.
  audienceSizeLoader(ctx).clearAll();
}

export function segmentDeleted(ctx: GatewayContext, id: string): void {
  // Not primed as null: a later read of the operation asks Criteo, which says it is gone.
  segmentLoader(ctx).clear(id);
  segmentSizeLoader(ctx).clear(id);
  contactListStatisticsLoader(ctx).clear(id);
}
