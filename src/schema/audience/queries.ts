import type { ArgBuilder } from '@pothos/core';
import type { GraphQLResolveInfo } from 'graphql';
import type { GatewayContext } from '../../context.js';
import { advertiserFilter } from '../../scope.js';
import { builder } from '../builder.js';
import { connectionItems } from '../shared/lookahead.js';
import { type ConnectionArgs, pageOf, toConnection } from '../shared/pagination.js';
import { AudienceRef } from './audience.js';
import { loadAudiencePageAhead } from './load-ahead.js';

export const AudienceConnection = builder.connectionObject(
  {
    type: AudienceRef,
    name: 'AudienceConnection',
    description: 'A page of audiences.',
    fields: (c) => ({
      totalCount: c.int({
        resolve: (connection) =>
          'totalCount' in connection && typeof connection.totalCount === 'number' ? connection.totalCount : 0,
        description: 'Audiences matching the filters, all pages.',
      }),
    }),
  },
  { name: 'AudienceEdge', description: 'An audience and its cursor.' },
);

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

/** The filters an audience search shares with `Advertiser.audiences`: what the audience is linked to. */
export const linkFilters = (arg: ArgBuilder<Types>) => ({
  segmentIds: arg.idList({
    required: false,
    description: 'Only audiences whose definition uses one of these segments.',
  }),
  adSetIds: arg.idList({ required: false, description: 'Only audiences targeted by one of these ad sets.' }),
});

export interface AudienceFilters {
  advertiserIds?: readonly (string | number)[] | null;
  ids?: readonly (string | number)[] | null;
  segmentIds?: readonly (string | number)[] | null;
  adSetIds?: readonly (string | number)[] | null;
}

/**
 * One Criteo `audiences/search` page as a Relay connection; the audiences prime the by-id loader, and
 * what their fields will ask for (segments, sizes) is loaded ahead, in the next round.
 */
export async function audiencePage(
  ctx: GatewayContext,
  info: GraphQLResolveInfo,
  args: ConnectionArgs & AudienceFilters,
) {
  const { offset, limit } = pageOf(args);
  const page = await ctx.criteo.searchAudiences(
    {
      advertiserIds: advertiserFilter(ctx.caller, args.advertiserIds),
      audienceIds: args.ids?.map(String),
      audienceSegmentIds: args.segmentIds?.map(String),
      adSetIds: args.adSetIds?.map(String),
    },
    { limit, offset },
  );
  const loader = AudienceRef.getDataloader(ctx);
  for (const audience of page.items) loader.prime(audience.id, audience);
  await loadAudiencePageAhead(ctx, connectionItems(info, 'AudienceConnection', 'AudienceEdge'), page.items);
  return toConnection(page.items, offset, page.total ?? offset + page.items.length);
}

builder.queryFields((t) => ({
  audiences: t.connection(
    {
      type: AudienceRef,
      nullable: true,
      description:
        "Audiences of the caller's advertisers (Criteo `audiences/search`; filters are AND-ed). One Criteo page per GraphQL page: `first`/`last` at most 100.",
      args: {
        advertiserIds: t.arg.idList({
          required: false,
          description:
            "Only these advertisers (default: all the caller can see). With caller authentication, only the token's advertisers: naming another one answers null with a FORBIDDEN error.",
        }),
        ids: t.arg.idList({ required: false, description: 'Only these audience ids.' }),
        ...linkFilters(t.arg),
      },
      resolve: (_root, args, ctx, info) => audiencePage(ctx, info, args),
    },
    AudienceConnection,
  ),

  audience: t.field({
    type: AudienceRef,
    nullable: true,
    description:
      'One audience by id (batched with every other audience lookup of the request); null if it does not exist.',
    args: { id: t.arg.id({ required: true, description: 'Criteo id of the audience.' }) },
    resolve: (_root, { id }) => String(id),
  }),
}));
