import { CRITEO_MAX_PAGE_SIZE } from '../../contract/limits.js';
import { loadAudiencesBySegmentId } from '../../loaders/audiences.js';
import { runBatch } from '../../loaders/batching.js';
import { SegmentInterface } from '../audience-segment/segment.js';
import { builder } from '../builder.js';
import { AudienceRef } from './audience.js';

// Added from the audience side: the audience types import the segment types, so the reverse import
// would be a cycle.
builder.interfaceField(SegmentInterface, 'audiences', (t) =>
  t.loadableList({
    type: AudienceRef,
    // Nullable: a failed search errors this field only, never the segment or the page around it.
    nullable: true,
    description:
      'Audiences whose definition uses this segment: what deleting it would break. One Criteo `audiences/search` by segment ids for every segment of the request (up to 100 a call, every result page read).',
    load: (segmentIds: string[], ctx) =>
      runBatch(ctx.batching, 'audiencesBySegment', segmentIds, (keys) =>
        loadAudiencesBySegmentId(ctx.criteo, ctx.caller, keys),
      ),
    loaderOptions: { maxBatchSize: CRITEO_MAX_PAGE_SIZE },
    resolve: (segment) => segment.id,
  }),
);
