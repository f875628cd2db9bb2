import {
  type AlgebraNode,
  type AudienceCreate,
  AudienceListResponseSchema,
  type AudienceModel,
  AudienceSearchResponseSchema,
  type AudienceUpdate,
} from '../contract/audience.js';
import type { AudienceSize } from '../contract/audience-segment.js';
import { computeSizes, deleteBulk, estimateSize, nonEmpty, type Page, search, writeBulk } from './calls.js';
import type { CriteoProblemError } from './errors.js';
import type { CriteoHttp } from './http.js';
import type { BulkAnswer, SearchPage } from './models.js';

export interface AudienceSearchFilters {
  audienceIds?: string[] | undefined;
  advertiserIds?: string[] | undefined;
  audienceSegmentIds?: string[] | undefined;
  adSetIds?: string[] | undefined;
}

const type = 'Audience';

export function searchAudiences(
  http: CriteoHttp,
  filters: AudienceSearchFilters,
  page: Page,
): Promise<SearchPage<AudienceModel>> {
  return search(
    http,
    { operation: 'SearchAudiences', path: '/audiences/search', type, schema: AudienceSearchResponseSchema },
    {
      audienceIds: nonEmpty(filters.audienceIds),
      advertiserIds: nonEmpty(filters.advertiserIds),
      audienceSegmentIds: nonEmpty(filters.audienceSegmentIds),
      adSetIds: nonEmpty(filters.adSetIds),
    },
    page,
  );
}

export function computeAudienceSizes(
  http: CriteoHttp,
  ids: readonly string[],
): Promise<(AudienceSize | CriteoProblemError)[]> {
  return computeSizes(
    http,
    { operation: 'ComputeAudiencesSizes', path: '/audiences/compute-sizes', type },
    ids,
  );
}

export function estimateAudienceSize(
  http: CriteoHttp,
  input: { advertiserId: string; algebra: AlgebraNode },
): Promise<AudienceSize | CriteoProblemError> {
  return estimateSize(
    http,
    { operation: 'EstimateAudiencesSizes', path: '/audiences/estimate-size', type },
    input,
  );
}

export function createAudiences(
  http: CriteoHttp,
  items: readonly AudienceCreate[],
): Promise<BulkAnswer<AudienceModel>> {
  return writeBulk(
    http,
    {
      operation: 'CreateAudiences',
      method: 'POST',
      path: '/audiences/create',
      type,
      schema: AudienceListResponseSchema,
    },
    items.map((attributes) => ({ attributes })),
  );
}

export function updateAudiences(
  http: CriteoHttp,
  items: readonly { id: string; attributes: AudienceUpdate }[],
): Promise<BulkAnswer<AudienceModel>> {
  return writeBulk(
    http,
    {
      operation: 'UpdateAudiences',
      method: 'PATCH',
      path: '/audiences',
      type,
      schema: AudienceListResponseSchema,
    },
    items,
  );
}

/** The spec allows 200 with the deleted ids or an empty 204 (every id deleted). */
export function deleteAudiences(
  http: CriteoHttp,
  ids: readonly string[],
): Promise<BulkAnswer<{ id: string }>> {
  return deleteBulk(
    http,
    { operation: 'DeleteAudiences', path: '/audiences/delete', type, emptyMeansAll: true },
    ids,
  );
}
