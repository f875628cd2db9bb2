import { builder } from '../builder.js';
import { AudienceRef } from './audience.js';

// A Federation 2 entity keyed by `id`: `_entities` resolves each representation through the request's
// audience loader, so N audiences cost ceil(N / 100) searches.
builder.asEntity(AudienceRef, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: (ref, ctx) => AudienceRef.getDataloader(ctx).load(ref.id),
});
