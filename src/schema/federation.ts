import { assertReachable } from '../scope.js';
import { AdvertiserRef } from './advertiser.js';
import { AudienceRef } from './audience/types.js';
import {
  BehavioralSegment,
  ContactListSegment,
  InMarketSegment,
  LocationSegment,
  LookalikeSegment,
  memberTypeOf,
  ProspectingSegment,
  RetargetingSegment,
  SegmentInterface,
  UnknownSegment,
} from './audience-segment/types.js';
import { builder } from './builder.js';

/**
 * Federation 2 entities keyed by `id`. `_entities` calls `resolveReference` once per representation,
 * so every one goes through the request's DataLoaders: N audiences cost ceil(N / 100) searches.
 */
const byId = builder.selection<{ id: string }>('id');

builder.asEntity(AudienceRef, {
  key: byId,
  resolveReference: (ref, ctx) => ctx.loaders.audiences.load(ref.id),
});

// Segments: an entity interface (Federation 2.3) and each member, so a subgraph may name either.
builder.asEntity(SegmentInterface, {
  key: byId,
  resolveReference: (ref, ctx) => ctx.loaders.segments.load(ref.id),
});
for (const member of [
  InMarketSegment,
  ProspectingSegment,
  ContactListSegment,
  LocationSegment,
  BehavioralSegment,
  RetargetingSegment,
  LookalikeSegment,
  UnknownSegment,
]) {
  // A reference typed as another member than the segment's own type resolves to null.
  builder.asEntity(member, {
    key: byId,
    resolveReference: async (ref, ctx) => {
      const segment = await ctx.loaders.segments.load(ref.id);
      return segment && memberTypeOf(segment) === member.name ? segment : null;
    },
  });
}

builder.asEntity(AdvertiserRef, {
  key: byId,
  // Async: a synchronous throw would fail the whole `_entities` list instead of this one entity.
  resolveReference: async (ref, ctx) => {
    assertReachable(ctx.caller, ref.id, 'Advertiser.id');
    return { id: ref.id };
  },
});
