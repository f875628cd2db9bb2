import {
  type AudienceSegmentCreate,
  AudienceSegmentListResponseSchema,
  AudienceSegmentSearchResponseSchema,
  AudienceSegmentSizeListResponseSchema,
  type AudienceSegmentType,
  type AudienceSegmentUpdate,
  type InMarketCreate,
  type LocationCreate,
  SizeEstimationResponseSchema,
} from '../contract/audience-segment.js';
import { IdListResponseSchema } from '../contract/envelope.js';
import {
  InMarketBrandListResponseSchema,
  InMarketInterestListResponseSchema,
} from '../contract/in-market.js';
import type { CriteoHttp } from './http.js';

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

export function searchAudienceSegments(http: CriteoHttp, filters: SegmentSearchFilters, page: Page) {
  return http.call({
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
}

export function computeAudienceSegmentSizes(http: CriteoHttp, ids: readonly string[]) {
  return http.call({
    operation: 'ComputeAudienceSegmentsSizes',
    method: 'POST',
    path: '/audience-segments/compute-sizes',
    body: { data: ids.map((id) => ({ id, type: 'AudienceSegment', attributes: {} })) },
    maxItems: ids.length,
    schema: AudienceSegmentSizeListResponseSchema,
    idempotent: true,
  });
}

export function estimateAudienceSegmentSize(
  http: CriteoHttp,
  input: {
    advertiserId: string;
    inMarket?: InMarketCreate | undefined;
    location?: LocationCreate | undefined;
  },
) {
  return http.call({
    operation: 'EstimateAudienceSegmentsSizes',
    method: 'POST',
    path: '/audience-segments/estimate-size',
    body: { data: { type: 'AudienceSegment', attributes: input } },
    schema: SizeEstimationResponseSchema,
    idempotent: true,
  });
}

export function createAudienceSegments(http: CriteoHttp, items: readonly AudienceSegmentCreate[]) {
  return http.call({
    operation: 'CreateAudienceSegments',
    method: 'POST',
    path: '/audience-segments/create',
    body: { data: items.map((attributes) => ({ type: 'AudienceSegment', attributes })) },
    maxItems: items.length,
    schema: AudienceSegmentListResponseSchema,
  });
}

export function updateAudienceSegments(
  http: CriteoHttp,
  items: readonly { id: string; attributes: AudienceSegmentUpdate }[],
) {
  return http.call({
    operation: 'UpdateAudienceSegments',
    method: 'PATCH',
    path: '/audience-segments',
    body: { data: items.map(({ id, attributes }) => ({ id, type: 'AudienceSegment', attributes })) },
    maxItems: items.length,
    schema: AudienceSegmentListResponseSchema,
  });
}

export function deleteAudienceSegments(http: CriteoHttp, ids: readonly string[]) {
  return http.call({
    operation: 'DeleteAudienceSegments',
    method: 'POST',
    path: '/audience-segments/delete',
    body: { data: ids.map((id) => ({ id, type: 'AudienceSegment', attributes: {} })) },
    maxItems: ids.length,
    schema: IdListResponseSchema,
  });
}

export function getAudienceSegmentsInMarketInterests(
  http: CriteoHttp,
  advertiserId: string,
  country: string,
) {
  return http.call({
    operation: 'GetAudienceSegmentsInMarketInterests',
    method: 'GET',
    path: '/audience-segments/in-market-interests',
    query: { 'advertiser-id': advertiserId, country },
    schema: InMarketInterestListResponseSchema,
  });
}

export function getAudienceSegmentsInMarketBrands(http: CriteoHttp, advertiserId: string, country: string) {
  return http.call({
    operation: 'GetAudienceSegmentsInMarketBrands',
    method: 'GET',
    path: '/audience-segments/in-market-brands',
    query: { 'advertiser-id': advertiserId, country },
    schema: InMarketBrandListResponseSchema,
  });
}
