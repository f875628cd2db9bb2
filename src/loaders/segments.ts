import type { AudienceSegmentModel, AudienceSize } from '../contract/audience-segment.js';
import { CRITEO_MAX_PAGE_SIZE } from '../contract/limits.js';
import type { CriteoOperations } from '../criteo/client.js';
import type { CriteoProblemError } from '../criteo/errors.js';
import type { Caller } from '../scope.js';
import { scopedInKeyOrder } from './scoped.js';

/** Up to 100 segments in one `audience-segments/search` by ids, in key order (see `scopedInKeyOrder`). */
export async function loadSegmentsById(
  criteo: Pick<CriteoOperations, 'searchAudienceSegments'>,
  caller: Caller | null,
  ids: readonly string[],
): Promise<(AudienceSegmentModel | Error | null)[]> {
  const page = await criteo.searchAudienceSegments(
    { audienceSegmentIds: [...ids] },
    { limit: CRITEO_MAX_PAGE_SIZE, offset: 0 },
  );
  return scopedInKeyOrder(ids, page.items, caller, 'audience segment');
}

/** Up to 50 segment sizes in one `compute-sizes` call, in key order: a size or that segment's problem. */
export function loadSegmentSizesById(
  criteo: Pick<CriteoOperations, 'computeAudienceSegmentSizes'>,
  ids: readonly string[],
): Promise<(AudienceSize | CriteoProblemError)[]> {
  return criteo.computeAudienceSegmentSizes(ids);
}
