import { toAudienceModels } from '../../loaders/models.js';
import { builder } from '../builder.js';
import { pageOf, toConnection } from '../pagination.js';
import { AudienceRef } from './types.js';

builder.queryFields((t) => ({
  audiences: t.connection(
    {
      type: AudienceRef,
      description:
        "Audiences of the caller's advertisers (Criteo `audiences/search`; filters are AND-ed). One Criteo page per GraphQL page: `first`/`last` at most 100.",
      args: {
        advertiserIds: t.arg.idList({
          required: false,
          description: 'Only these advertisers (default: all the caller can see).',
        }),
        ids: t.arg.idList({ required: false, description: 'Only these audience ids.' }),
        segmentIds: t.arg.idList({
          required: false,
          description: 'Only audiences whose definition uses one of these segments.',
        }),
        adSetIds: t.arg.idList({
          required: false,
          description: 'Only audiences targeted by one of these ad sets.',
        }),
      },
      resolve: async (_root, args, ctx) => {
        const { offset, limit } = pageOf(args);
        const response = await ctx.criteo.searchAudiences(
          {
            advertiserIds: args.advertiserIds?.map(String),
            audienceIds: args.ids?.map(String),
            audienceSegmentIds: args.segmentIds?.map(String),
            adSetIds: args.adSetIds?.map(String),
          },
          { limit, offset },
        );
        const audiences = toAudienceModels(response.data);
        ctx.loaders.primeAudiences(audiences);
        return toConnection(audiences, offset, response.meta?.totalItems ?? offset + audiences.length);
      },
    },
    {
      name: 'AudienceConnection',
      description: 'A page of audiences.',
      fields: (c) => ({
        totalCount: c.int({
          resolve: (connection) => connection.totalCount,
          description: 'Audiences matching the filters, all pages.',
        }),
      }),
    },
    { name: 'AudienceEdge', description: 'An audience and its cursor.' },
  ),

  audience: t.field({
    type: AudienceRef,
    nullable: true,
    description:
      'One audience by id (batched with every other audience lookup of the request); null if it does not exist.',
    args: { id: t.arg.id({ required: true, description: 'Criteo id of the audience.' }) },
    resolve: (_root, { id }, ctx) => ctx.loaders.audiences.load(String(id)),
  }),
}));
