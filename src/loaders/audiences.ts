import { type AudienceModel, algebraSegmentIds } from '../contract/audience.js';
import type { AudienceSize } from '../contract/audience-segment.js';
import { CRITEO_MAX_PAGE_SIZE } from '../contract/limits.js';
import type { CriteoOperations } from '../criteo/client.js';
import type { CriteoProblemError } from '../criteo/errors.js';
import { gatewayError } from '../schema/shared/gateway-error.js';
import { advertiserFilter, type Caller } from '../scope.js';
import { scopedInKeyOrder } from './scoped.js';

/**
 * Result pages `Segment.audiences` reads for one batch of 100 segments: 1,000 audiences. More is an
 * error on those fields rather than an unbounded number of calls (the cost estimate counts these).
 */
export const MAX_AUDIENCE_PAGES_PER_BATCH = 10;

/** Up to 100 audiences in one `audiences/search` by ids, in key order (see `scopedInKeyOrder`). */
export async function loadAudiencesById(
  criteo: Pick<CriteoOperations, 'searchAudiences'>,
  caller: Caller | null,
  ids: readonly string[],
): Promise<(AudienceModel | Error | null)[]> {
  const page = await criteo.searchAudiences(
    { audienceIds: [...ids] },
    { limit: CRITEO_MAX_PAGE_SIZE, offset: 0 },
  );
  return scopedInKeyOrder(ids, page.items, caller, 'audience');
}

/**
 * Segment id -> the audiences whose algebra uses it: one search by `audienceSegmentIds` for up to 100
 * segments, split back per segment from each audience's algebra. The search answers at most 100
 * audiences a page, and 100 segments may be used by many more: pages are read until `total` (or a
 * short page) says every one was read, at most `MAX_AUDIENCE_PAGES_PER_BATCH`.
 */
export async function loadAudiencesBySegmentId(
  criteo: Pick<CriteoOperations, 'searchAudiences'>,
  caller: Caller | null,
  segmentIds: readonly string[],
): Promise<(AudienceModel[] | Error)[]> {
  const found = new Map<string, AudienceModel>();
  for (let offset = 0; ; offset += CRITEO_MAX_PAGE_SIZE) {
    if (offset === MAX_AUDIENCE_PAGES_PER_BATCH * CRITEO_MAX_PAGE_SIZE) {
      const error = gatewayError(
        `audiences: more than ${offset} audiences use these segments; read them with audiences(segmentIds:) page by page, or ask for fewer segments at once`,
        { code: 'TOO_MANY_RESULTS' },
      );
      return segmentIds.map(() => error);
    }
    const page = await criteo.searchAudiences(
      { audienceSegmentIds: [...segmentIds], advertiserIds: advertiserFilter(caller, undefined) },
      { limit: CRITEO_MAX_PAGE_SIZE, offset },
    );
    for (const audience of page.items) found.set(audience.id, audience);
    const read = offset + page.items.length;
    if (page.items.length < CRITEO_MAX_PAGE_SIZE || (page.total !== null && read >= page.total)) break;
  }
  const bySegment = new Map(segmentIds.map((id): [string, AudienceModel[]] => [id, []]));
  for (const audience of found.values())
    for (const id of algebraSegmentIds(audience.algebra)) bySegment.get(id)?.push(audience);
  return segmentIds.map((id) => bySegment.get(id) ?? []);
}

/** Up to 50 audience sizes in one `compute-sizes` call, in key order: a size or that audience's problem. */
export function loadAudienceSizesById(
  criteo: Pick<CriteoOperations, 'computeAudienceSizes'>,
  ids: readonly string[],
): Promise<(AudienceSize | CriteoProblemError)[]> {
  return criteo.computeAudienceSizes(ids);
}
