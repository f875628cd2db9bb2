import type { GatewayContext } from '../../context.js';
import { type AudienceModel, algebraSegmentIds } from '../../contract/audience.js';
import type { AudienceSegmentModel } from '../../contract/audience-segment.js';
import { CRITEO_MAX_PAGE_SIZE } from '../../contract/limits.js';
import { loadAudiencesById } from '../../loaders/audiences.js';
import { runBatch } from '../../loaders/batching.js';
import { audienceSizeLoader, segmentSizeLoader } from '../../loaders/request-loaders.js';
import { AudienceSegmentUnion, segmentLoader } from '../audience-segment/segment.js';
import { builder } from '../builder.js';
import { lookahead, subfieldOfAny } from '../shared/lookahead.js';
import { sizeResult, sizeResultUnion } from '../shared/size.js';
import { AlgebraNodeRef, AlgebraRef, algebraExpression, flattenAlgebra } from './algebra.js';

const AudienceSizeResult = sizeResultUnion(
  'AudienceSizeResult',
  'The size of an audience, or the problem Criteo reported for it.',
);

/**
 * An audience by id, or one a field already holds: fields of this type return either, and ids are
 * loaded in batches of 100 (one `audiences/search` each), scoped to the caller. Audiences a field
 * returns are cached for the rest of the request.
 */
export const AudienceRef = builder.loadableObjectRef('Audience', {
  load: (ids: string[], ctx: GatewayContext) =>
    runBatch(ctx.batching, 'audiences', ids, (keys) => loadAudiencesById(ctx.criteo, ctx.caller, keys)),
  toKey: (audience: AudienceModel) => audience.id,
  cacheResolved: true,
  loaderOptions: { maxBatchSize: CRITEO_MAX_PAGE_SIZE },
});

AudienceRef.implement({
  description: 'A combination of segments (AND / OR / NOT) that ad sets target.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Criteo id of the audience.' }),
    name: t.string({ resolve: (a) => a.name ?? '', description: 'Name, unique per advertiser.' }),
    description: t.string({
      nullable: true,
      resolve: (a) => a.description ?? null,
      description: 'Free-text description.',
    }),
    advertiserId: t.id({
      nullable: true,
      resolve: (a) => a.advertiserId ?? null,
      description: 'The advertiser that owns it.',
    }),
    adSetIds: t.idList({
      resolve: (a) => a.adSetIds ?? [],
      description: 'Ad sets that target this audience.',
    }),
    createdAt: t.field({
      type: 'DateTime',
      nullable: true,
      resolve: (a) => a.createdAt ?? null,
      description: 'When it was created.',
    }),
    updatedAt: t.field({
      type: 'DateTime',
      nullable: true,
      resolve: (a) => a.updatedAt ?? null,
      description: 'When it last changed.',
    }),
    algebra: t.field({
      type: AlgebraRef,
      nullable: true,
      description: 'The definition as a tree; leaves resolve their segments (batched).',
      resolve: (a) => a.algebra ?? null,
    }),
    algebraNodes: t.field({
      type: [AlgebraNodeRef],
      description:
        'The definition as a flat list in pre-order (a parent before its children, children in order): one fixed selection reads any depth. Empty without a definition.',
      resolve: (a) => flattenAlgebra(a.algebra),
    }),
    expression: t.string({
      nullable: true,
      description: 'The definition on one line with segment ids, e.g. `(100014 OR 100076) AND NOT 100040`.',
      resolve: (a) => (a.algebra ? algebraExpression(a.algebra) : null),
    }),
    segments: t.field({
      type: [AudienceSegmentUnion],
      // Items nullable: a failed lookup nulls its own item (error at `segments.N`), not the audience.
      nullable: { list: false, items: true },
      description:
        'Every segment the definition references, once each, in order of appearance (batched). An item is null, with an error at its path, when its lookup failed; segments Criteo no longer has are left out.',
      resolve: (a, _args, ctx, info) => {
        const ids = algebraSegmentIds(a.algebra);
        // Sizes need only the ids, which the algebra holds: asked now, their compute-sizes call goes
        // out with the segment search instead of after it (audiences -> segments + sizes: two rounds).
        // Only when a size runs now: not one `@skip` / `@include` leaves out.
        if (subfieldOfAny(lookahead(info), 'AudienceSegment', 'size'))
          void segmentSizeLoader(ctx).loadMany(ids);
        // At once when the page loaded them ahead.
        const segments = segmentLoader(ctx).loadMany(ids);
        return segments instanceof Promise ? segments.then(segmentItems) : segmentItems(segments);
      },
    }),
    size: t.field({
      // Nullable: a failed size call must not null the page the item sits in.
      nullable: true,
      type: AudienceSizeResult,
      description:
        'How many people the audience reaches (Criteo `compute-sizes`, batched), or why Criteo cannot tell.',
      // At once when the page loaded it ahead.
      resolve: (a, _args, ctx) => sizeResult(audienceSizeLoader(ctx), a.id),
    }),
  }),
});

/** A rejected item becomes that item's own field error (graphql-js completes items one by one). */
const segmentItems = (segments: readonly (AudienceSegmentModel | null | Error)[]) =>
  segments.filter((s) => s !== null).map((s) => (s instanceof Error ? Promise.reject(s) : s));

/** A write answered the audience: later fields of the operation see it, and its size again. */
export function audienceWritten(ctx: GatewayContext, audience: AudienceModel): void {
  // `prime` keeps a key already cached, hence `clear` first.
  AudienceRef.getDataloader(ctx).clear(audience.id).prime(audience.id, audience);
  audienceSizeLoader(ctx).clear(audience.id);
}

export function audienceDeleted(ctx: GatewayContext, id: string): void {
  // Not primed as null: a later read of the operation asks Criteo, which says it is gone.
  AudienceRef.getDataloader(ctx).clear(id);
  audienceSizeLoader(ctx).clear(id);
}
