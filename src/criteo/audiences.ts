import {
  type AlgebraNode,
  type AudienceCreate,
  AudienceListResponseSchema,
  type AudienceModel,
  AudienceSearchResponseSchema,
  type AudienceUpdate,
} from '../contract/audience.js';
import {
  AudienceSegmentSizeListResponseSchema,
  type AudienceSize,
  SizeEstimationResponseSchema,
} from '../contract/audience-segment.js';
import { IdListResponseSchema } from '../contract/envelope.js';
import type { Page } from './audience-segments.js';
import type { CriteoProblemError } from './errors.js';
import type { CriteoHttp } from './http.js';
import {
  type BulkAnswer,
  type SearchPage,
  sizesInOrder,
  toBulkAnswer,
  toEstimate,
  toModels,
} from './models.js';

export interface AudienceSearchFilters {
  audienceIds?: string[] | undefined;
  advertiserIds?: string[] | undefined;
  audienceSegmentIds?: string[] | undefined;
  adSetIds?: string[] | undefined;
}

const nonEmpty = <T>(list: T[] | undefined) => (list && list.length > 0 ? list : undefined);

export async function searchAudiences(
  http: CriteoHttp,
  filters: AudienceSearchFilters,
  page: Page,
): Promise<SearchPage<AudienceModel>> {
  const response = await http.call({
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
  return { items: toModels(response.data), total: response.meta?.totalItems ?? null };
}

/** Sizes in the order of `ids`: each a size or that audience's own problem. */
export async function computeAudienceSizes(
  http: CriteoHttp,
  ids: readonly string[],
): Promise<(AudienceSize | CriteoProblemError)[]> {
  const response = await http.call({
    operation: 'ComputeAudiencesSizes',
    method: 'POST',
    path: '/audiences/compute-sizes',
    body: { data: ids.map((id) => ({ id, type: 'Audience', attributes: {} })) },
    maxItems: ids.length,
    schema: AudienceSegmentSizeListResponseSchema,
    idempotent: true,
  });
  return sizesInOrder(ids, response);
}

export async function estimateAudienceSize(
  http: CriteoHttp,
  input: { advertiserId: string; algebra: AlgebraNode },
): Promise<AudienceSize | CriteoProblemError> {
  const response = await http.call({
    operation: 'EstimateAudiencesSizes',
    method: 'POST',
    path: '/audiences/estimate-size',
    body: { data: { type: 'Audience', attributes: input } },
    schema: SizeEstimationResponseSchema,
    idempotent: true,
  });
  return toEstimate(response);
}

export async function createAudiences(
  http: CriteoHttp,
  items: readonly AudienceCreate[],
): Promise<BulkAnswer<AudienceModel>> {
  const response = await http.call({
    operation: 'CreateAudiences',
    method: 'POST',
    path: '/audiences/create',
    body: { data: items.map((attributes) => ({ type: 'Audience', attributes })) },
    maxItems: items.length,
    schema: AudienceListResponseSchema,
  });
  return toBulkAnswer(response, items.length);
}

export async function updateAudiences(
  http: CriteoHttp,
  items: readonly { id: string; attributes: AudienceUpdate }[],
): Promise<BulkAnswer<AudienceModel>> {
  const response = await http.call({
    operation: 'UpdateAudiences',
    method: 'PATCH',
    path: '/audiences',
    body: { data: items.map(({ id, attributes }) => ({ id, type: 'Audience', attributes })) },
    maxItems: items.length,
    schema: AudienceListResponseSchema,
  });
  return toBulkAnswer(response, items.length);
}

/** The spec allows 200 with the deleted ids or an empty 204 (every id deleted); both come back as `{ id }` models. */
export async function deleteAudiences(
  http: CriteoHttp,
  ids: readonly string[],
): Promise<BulkAnswer<{ id: string }>> {
  const body = await http.call({
    operation: 'DeleteAudiences',
    method: 'POST',
    path: '/audiences/delete',
    body: { data: ids.map((id) => ({ id, type: 'Audience', attributes: {} })) },
    maxItems: ids.length,
    schema: IdListResponseSchema.optional(),
    expect: [200, 204],
  });
  return toBulkAnswer(body ?? { data: ids.map((id) => ({ id, attributes: {} })) }, ids.length);
}
