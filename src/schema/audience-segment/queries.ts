import type { GraphQLResolveInfo } from 'graphql';
import type { GatewayContext } from '../../context.js';
import type { AudienceSegmentType } from '../../contract/audience-segment.js';
import { segmentSizeLoader } from '../../loaders/request-loaders.js';
import { advertiserFilter } from '../../scope.js';
import { builder } from '../builder.js';
import { connectionItems, subfieldOfAny } from '../shared/lookahead.js';
import { type ConnectionArgs, pageOf, toConnection } from '../shared/pagination.js';
import { SegmentTypeEnum } from './enums.js';
import { AudienceSegmentUnion } from './segment.js';

export const AudienceSegmentConnection = builder.connectionObject(
  {
    type: AudienceSegmentUnion,
    name: 'AudienceSegmentConnection',
    description: 'A page of audience segments.',
    fields: (c) => ({
      totalCount: c.int({
        resolve: (connection) =>
          'totalCount' in connection && typeof connection.totalCount === 'number' ? connection.totalCount : 0,
        description: 'Segments matching the filters, all pages.',
      }),
    }),
  },
  { name: 'AudienceSegmentEdge', description: 'A segment and its cursor.' },
);

export interface SegmentFilters {
  advertiserIds?: readonly (string | number)[] | null;
  ids?: readonly (string | number)[] | null;
  types?: readonly AudienceSegmentType[] | null;
}

/**
 * One Criteo `audience-segments/search` page as a Relay connection; the segments prime the by-id
 * loader, and their sizes, when selected now, are loaded ahead for the `size` fields to read at once.
 */
export async function segmentPage(
  ctx: GatewayContext,
  info: GraphQLResolveInfo,
  args: ConnectionArgs & SegmentFilters,
) {
  const { offset, limit } = pageOf(args);
  const page = await ctx.criteo.searchAudienceSegments(
    {
      advertiserIds: advertiserFilter(ctx.caller, args.advertiserIds),
      audienceSegmentIds: args.ids?.map(String),
      audienceSegmentTypes: args.types ? [...args.types] : undefined,
    },
    { limit, offset },
  );
  // All at once, before any item's fields run: an earlier item may refer to a later one (a lookalike's seed).
  const loader = AudienceSegmentUnion.getDataloader(ctx);
  for (const segment of page.items) loader.prime(segment.id, segment);
  const items = connectionItems(info, 'AudienceSegmentConnection', 'AudienceSegmentEdge');
  if (page.items.length > 0 && subfieldOfAny(items, 'AudienceSegment', 'size'))
    await segmentSizeLoader(ctx).settle(page.items.map((segment) => segment.id));
  return toConnection(page.items, offset, page.total ?? offset + page.items.length);
}

builder.queryFields((t) => ({
  audienceSegments: t.connection(
    {
      type: AudienceSegmentUnion,
      nullable: true,
      description:
        "Segments of the caller's advertisers (Criteo `audience-segments/search`; filters are AND-ed). One Criteo page per GraphQL page: `first`/`last` at most 100.",
      args: {
        advertiserIds: t.arg.idList({
          required: false,
          description:
            "Only these advertisers (default: all the caller can see). With caller authentication, only the token's advertisers: naming another one answers null with a FORBIDDEN error.",
        }),
        ids: t.arg.idList({ required: false, description: 'Only these segment ids.' }),
        types: t.arg({ type: [SegmentTypeEnum], required: false, description: 'Only these segment types.' }),
      },
      resolve: (_root, args, ctx, info) => segmentPage(ctx, info, args),
    },
    AudienceSegmentConnection,
  ),

  audienceSegment: t.field({
    type: AudienceSegmentUnion,
    nullable: true,
    description:
      'One segment by id (batched with every other segment lookup of the request); null if it does not exist.',
    args: { id: t.arg.id({ required: true, description: 'Criteo id of the segment.' }) },
    resolve: (_root, { id }) => String(id),
  }),
}));
