import { assertReachable } from '../scope.js';
import { AudienceRef } from './audience/audience.js';
import { AudienceConnection, audiencePage, linkFilters } from './audience/queries.js';
import { SegmentTypeEnum } from './audience-segment/enums.js';
import { AudienceSegmentConnection, segmentPage } from './audience-segment/queries.js';
import { AudienceSegmentUnion } from './audience-segment/segment.js';
import { builder } from './builder.js';

export interface AdvertiserModel {
  id: string;
}

/** An advertiser is only an id here: its segments and audiences are searched when selected. */
export const AdvertiserRef = builder.objectRef<AdvertiserModel>('Advertiser').implement({
  description:
    'A Criteo advertiser, owner of segments and audiences. Other subgraphs reference it by `id` to reach them.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Criteo id of the advertiser.' }),
    audiences: t.connection(
      {
        type: AudienceRef,
        nullable: true,
        description: "The advertiser's audiences (one Criteo `audiences/search` page).",
        args: linkFilters(t.arg),
        resolve: (advertiser, args, ctx, info) =>
          audiencePage(ctx, info, { ...args, advertiserIds: [advertiser.id] }),
      },
      AudienceConnection,
    ),
    audienceSegments: t.connection(
      {
        type: AudienceSegmentUnion,
        nullable: true,
        description: "The advertiser's segments (one Criteo `audience-segments/search` page).",
        args: {
          types: t.arg({
            type: [SegmentTypeEnum],
            required: false,
            description: 'Only these segment types.',
          }),
        },
        resolve: (advertiser, args, ctx, info) =>
          segmentPage(ctx, info, { ...args, advertiserIds: [advertiser.id] }),
      },
      AudienceSegmentConnection,
    ),
  }),
});

builder.queryField('advertiser', (t) =>
  t.field({
    type: AdvertiserRef,
    nullable: true,
    description:
      "An advertiser by id, to page through its segments and audiences (no upstream call by itself). With caller authentication, an advertiser outside the token's is null with a FORBIDDEN error.",
    args: { id: t.arg.id({ required: true, description: 'Criteo id of the advertiser.' }) },
    resolve: (_root, { id }, ctx) => {
      assertReachable(ctx.caller, String(id), 'id');
      return { id: String(id) };
    },
  }),
);

builder.asEntity(AdvertiserRef, {
  key: builder.selection<{ id: string }>('id'),
  // Async: a synchronous throw would fail the whole `_entities` list instead of this one entity.
  resolveReference: async (ref, ctx) => {
    assertReachable(ctx.caller, ref.id, 'Advertiser.id');
    return { id: ref.id };
  },
});
