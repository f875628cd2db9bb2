import { builder } from '../builder.js';
import { AudienceSegmentUnion, memberTypeOf, SEGMENT_MEMBERS, SegmentInterface } from './segment.js';

// Federation 2 entities keyed by `id`. `_entities` calls `resolveReference` once per representation,
// so every one goes through the request's segment loader: N segments cost ceil(N / 100) searches.
const byId = builder.selection<{ id: string }>('id');

// An entity interface (Federation 2.3) and each member, so a subgraph may name either.
builder.asEntity(SegmentInterface, {
  key: byId,
  resolveReference: (ref, ctx) => AudienceSegmentUnion.getDataloader(ctx).load(ref.id),
});
for (const member of Object.values(SEGMENT_MEMBERS)) {
  // A reference typed as another member than the segment's own type resolves to null.
  builder.asEntity(member, {
    key: byId,
    resolveReference: async (ref, ctx) => {
      const segment = await AudienceSegmentUnion.getDataloader(ctx).load(ref.id);
      return segment && memberTypeOf(segment) === member.name ? segment : null;
    },
  });
}
