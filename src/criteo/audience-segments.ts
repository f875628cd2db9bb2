import {
  type AudienceSegmentCreate,
  AudienceSegmentListResponseSchema,
  type AudienceSegmentModel,
  AudienceSegmentSearchResponseSchema,
  AudienceSegmentSizeListResponseSchema,
  type AudienceSegmentType,
  type AudienceSegmentUpdate,
  type AudienceSize,
  type InMarketCreate,
  type LocationCreate,
  SizeEstimationResponseSchema,
} from '../contract/audience-segment.js';
import { IdListResponseSchema } from '../contract/envelope.js';
import {
  InMarketBrandListResponseSchema,
  type InMarketBrandModel,
  InMarketInterestListResponseSchema,
  type InMarketInterestModel,
} from '../contract/in-market.js';
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

export interface SegmentSearchFilters {
  advertiserIds?: string[] | undefined;
  audienceSegmentIds?: string[] | undefined;
  audienceSegmentTypes?: AudienceSegmentType[] | undefined;
}

export interface Page {
  /** At most 100 (Criteo's cap). */
  limit: number;
  offset: number;
}

const nonEmpty = <T>(list: T[] | undefined) => (list && list.length > 0 ? list : undefined);

export async function searchAudienceSegments(
  http: CriteoHttp,
  filters: SegmentSearchFilters,
  page: Page,
): Promise<SearchPage<AudienceSegmentModel>> {
  const response = await http.call({
    operation: 'SearchAudienceSegments',
    method: 'POST',
    path: '/audience-segments/search',
    query: { limit: page.limit, offset: page.offset },
    maxItems: page.limit,
    body: {
      data: {
        type: 'AudienceSegment',
        attributes: {
          advertiserIds: nonEmpty(filters.advertiserIds),
          audienceSegmentIds: nonEmpty(filters.audienceSegmentIds),
          audienceSegmentTypes: nonEmpty(filters.audienceSegmentTypes),
        },
      },
    },
    schema: AudienceSegmentSearchResponseSchema,
    idempotent: true,
  });
  return { items: toModels(response.data), total: response.meta?.totalItems ?? null };
}

/** Sizes in the order of `ids`: each a size or that segment's own problem. */
export async function computeAudienceSegmentSizes(
  http: CriteoHttp,
  ids: readonly string[],
): Promise<(AudienceSize | CriteoProblemError)[]> {
  const response = await http.call({
    operation: 'ComputeAudienceSegmentsSizes',
    method: 'POST',
    path: '/audience-segments/compute-sizes',
    body: { data: ids.map((id) => ({ id, type: 'AudienceSegment', attributes: {} })) },
    maxItems: ids.length,
    schema: AudienceSegmentSizeListResponseSchema,
    idempotent: true,
  });
  return sizesInOrder(ids, response);
}

export async function estimateAudienceSegmentSize(
  http: CriteoHttp,
  input: {
    advertiserId: string;
    inMarket?: InMarketCreate | undefined;
    location?: LocationCreate | undefined;
  },
): Promise<AudienceSize | CriteoProblemError> {
  const response = await http.call({
    operation: 'EstimateAudienceSegmentsSizes',
    method: 'POST',
    path: '/audience-segments/estimate-size',
    body: { data: { type: 'AudienceSegment', attributes: input } },
    schema: SizeEstimationResponseSchema,
    idempotent: true,
  });
  return toEstimate(response);
}

export async function createAudienceSegments(
  http: CriteoHttp,
  items: readonly AudienceSegmentCreate[],
): Promise<BulkAnswer<AudienceSegmentModel>> {
  const response = await http.call({
    operation: 'CreateAudienceSegments',
    method: 'POST',
    path: '/audience-segments/create',
    body: { data: items.map((attributes) => ({ type: 'AudienceSegment', attributes })) },
    maxItems: items.length,
    schema: AudienceSegmentListResponseSchema,
  });
  return toBulkAnswer(response, items.length);
}

export async function updateAudienceSegments(
  http: CriteoHttp,
  items: readonly { id: string; attributes: AudienceSegmentUpdate }[],
): Promise<BulkAnswer<AudienceSegmentModel>> {
  const response = await http.call({
    operation: 'UpdateAudienceSegments',
    method: 'PATCH',
    path: '/audience-segments',
    body: { data: items.map(({ id, attributes }) => ({ id, type: 'AudienceSegment', attributes })) },
    maxItems: items.length,
    schema: AudienceSegmentListResponseSchema,
  });
  return toBulkAnswer(response, items.length);
}

/** The deleted ids as `{ id }` models. */
export async function deleteAudienceSegments(
  http: CriteoHttp,
  ids: readonly string[],
): Promise<BulkAnswer<{ id: string }>> {
  const response = await http.call({
    operation: 'DeleteAudienceSegments',
    method: 'POST',
    path: '/audience-segments/delete',
    body: { data: ids.map((id) => ({ id, type: 'AudienceSegment', attributes: {} })) },
    maxItems: ids.length,
    schema: IdListResponseSchema,
  });
  return toBulkAnswer(response, ids.length);
}

export async function getAudienceSegmentsInMarketInterests(
  http: CriteoHttp,
  advertiserId: string,
  country: string,
): Promise<InMarketInterestModel[]> {
  const response = await http.call({
    operation: 'GetAudienceSegmentsInMarketInterests',
    method: 'GET',
    path: '/audience-segments/in-market-interests',
    query: { 'advertiser-id': advertiserId, country },
    schema: InMarketInterestListResponseSchema,
  });
  return toModels(response.data);
}

export async function getAudienceSegmentsInMarketBrands(
  http: CriteoHttp,
  advertiserId: string,
  country: string,
): Promise<InMarketBrandModel[]> {
  const response = await http.call({
    operation: 'GetAudienceSegmentsInMarketBrands',
    method: 'GET',
    path: '/audience-segments/in-market-brands',
    query: { 'advertiser-id': advertiserId, country },
    schema: InMarketBrandListResponseSchema,
  });
  return toModels(response.data);
}
