import {
  type AlgebraNode,
  type AudienceCreate,
  AudienceListResponseSchema,
  AudienceSearchResponseSchema,
  type AudienceUpdate,
} from '../contract/audience.js';
import {
  AudienceSegmentSizeListResponseSchema,
  SizeEstimationResponseSchema,
} from '../contract/audience-segment.js';
import { IdListResponseSchema } from '../contract/envelope.js';
import type { Page } from './audience-segments.js';
import type { CriteoHttp } from './http.js';

export interface AudienceSearchFilters {
  audienceIds?: string[] | undefined;
  advertiserIds?: string[] | undefined;
  audienceSegmentIds?: string[] | undefined;
  adSetIds?: string[] | undefined;
}

const nonEmpty = <T>(list: T[] | undefined) => (list && list.length > 0 ? list : undefined);

export function searchAudiences(http: CriteoHttp, filters: AudienceSearchFilters, page: Page) {
  return http.call({
    operation: 'SearchAudiences',
    method: 'POST',
    path: '/audiences/search',
    query: { limit: page.limit, offset: page.offset },
    maxItems: page.limit,
    body: {
      data: {
        type: 'Audience',
        attributes: {
          audienceIds: nonEmpty(filters.audienceIds),
          advertiserIds: nonEmpty(filters.advertiserIds),
          audienceSegmentIds: nonEmpty(filters.audienceSegmentIds),
          adSetIds: nonEmpty(filters.adSetIds),
        },
      },
    },
    schema: AudienceSearchResponseSchema,
    idempotent: true,
  });
}

export function computeAudienceSizes(http: CriteoHttp, ids: readonly string[]) {
  return http.call({
    operation: 'ComputeAudiencesSizes',
    method: 'POST',
    path: '/audiences/compute-sizes',
    body: { data: ids.map((id) => ({ id, type: 'Audience', attributes: {} })) },
    maxItems: ids.length,
    schema: AudienceSegmentSizeListResponseSchema,
    idempotent: true,
  });
}

export function estimateAudienceSize(
  http: CriteoHttp,
  input: { advertiserId: string; algebra: AlgebraNode },
) {
  return http.call({
    operation: 'EstimateAudiencesSizes',
    method: 'POST',
    path: '/audiences/estimate-size',
    body: { data: { type: 'Audience', attributes: input } },
    schema: SizeEstimationResponseSchema,
    idempotent: true,
  });
}

export function createAudiences(http: CriteoHttp, items: readonly AudienceCreate[]) {
  return http.call({
    operation: 'CreateAudiences',
    method: 'POST',
    path: '/audiences/create',
    body: { data: items.map((attributes) => ({ type: 'Audience', attributes })) },
    maxItems: items.length,
    schema: AudienceListResponseSchema,
  });
}

export function updateAudiences(
  http: CriteoHttp,
  items: readonly { id: string; attributes: AudienceUpdate }[],
) {
  return http.call({
    operation: 'UpdateAudiences',
    method: 'PATCH',
    path: '/audiences',
    body: { data: items.map(({ id, attributes }) => ({ id, type: 'Audience', attributes })) },
    maxItems: items.length,
    schema: AudienceListResponseSchema,
  });
}

/** The spec allows 200 with the deleted ids or an empty 204; both come back as an id list. */
export async function deleteAudiences(http: CriteoHttp, ids: readonly string[]) {
  const body = await http.call({
    operation: 'DeleteAudiences',
    method: 'POST',
    path: '/audiences/delete',
    body: { data: ids.map((id) => ({ id, type: 'Audience', attributes: {} })) },
    maxItems: ids.length,
    schema: IdListResponseSchema.optional(),
    expect: [200, 204],
  });
  return (
    body ?? { data: ids.map((id) => ({ id, type: 'Audience', attributes: {} })), errors: [], warnings: [] }
  );
}
