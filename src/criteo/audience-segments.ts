import {
  type AudienceSegmentCreate,
  AudienceSegmentListResponseSchema,
  type AudienceSegmentModel,
  AudienceSegmentSearchResponseSchema,
  type AudienceSegmentType,
  type AudienceSegmentUpdate,
  type AudienceSize,
  type InMarketCreate,
  type LocationCreate,
} from '../contract/audience-segment.js';
import {
  InMarketBrandListResponseSchema,
  type InMarketBrandModel,
  InMarketInterestListResponseSchema,
  type InMarketInterestModel,
} from '../contract/in-market.js';
import { computeSizes, deleteBulk, estimateSize, nonEmpty, type Page, search, writeBulk } from './calls.js';
import type { CriteoProblemError } from './errors.js';
import type { CriteoHttp } from './http.js';
import { type BulkAnswer, type SearchPage, toModels } from './models.js';

export type { Page } from './calls.js';

export interface SegmentSearchFilters {
  advertiserIds?: string[] | undefined;
  audienceSegmentIds?: string[] | undefined;
  audienceSegmentTypes?: AudienceSegmentType[] | undefined;
}

const type = 'AudienceSegment';

export function searchAudienceSegments(
  http: CriteoHttp,
  filters: SegmentSearchFilters,
  page: Page,
): Promise<SearchPage<AudienceSegmentModel>> {
  return search(
    http,
    {
      operation: 'SearchAudienceSegments',
      path: '/audience-segments/search',
      type,
      schema: AudienceSegmentSearchResponseSchema,
    },
    {
      advertiserIds: nonEmpty(filters.advertiserIds),
      audienceSegmentIds: nonEmpty(filters.audienceSegmentIds),
      audienceSegmentTypes: nonEmpty(filters.audienceSegmentTypes),
    },
    page,
  );
}

export function computeAudienceSegmentSizes(
  http: CriteoHttp,
  ids: readonly string[],
): Promise<(AudienceSize | CriteoProblemError)[]> {
  return computeSizes(
    http,
    { operation: 'ComputeAudienceSegmentsSizes', path: '/audience-segments/compute-sizes', type },
    ids,
  );
}

export function estimateAudienceSegmentSize(
  http: CriteoHttp,
  input: {
    advertiserId: string;
    inMarket?: InMarketCreate | undefined;
    location?: LocationCreate | undefined;
  },
): Promise<AudienceSize | CriteoProblemError> {
  return estimateSize(
    http,
    { operation: 'EstimateAudienceSegmentsSizes', path: '/audience-segments/estimate-size', type },
    input,
  );
}

export function createAudienceSegments(
  http: CriteoHttp,
  items: readonly AudienceSegmentCreate[],
): Promise<BulkAnswer<AudienceSegmentModel>> {
  return writeBulk(
    http,
    {
      operation: 'CreateAudienceSegments',
      method: 'POST',
      path: '/audience-segments/create',
      type,
      schema: AudienceSegmentListResponseSchema,
    },
    items.map((attributes) => ({ attributes })),
  );
}

export function updateAudienceSegments(
  http: CriteoHttp,
  items: readonly { id: string; attributes: AudienceSegmentUpdate }[],
): Promise<BulkAnswer<AudienceSegmentModel>> {
  return writeBulk(
    http,
    {
      operation: 'UpdateAudienceSegments',
      method: 'PATCH',
      path: '/audience-segments',
      type,
      schema: AudienceSegmentListResponseSchema,
    },
    items,
  );
}

export function deleteAudienceSegments(
  http: CriteoHttp,
  ids: readonly string[],
): Promise<BulkAnswer<{ id: string }>> {
  return deleteBulk(
    http,
    { operation: 'DeleteAudienceSegments', path: '/audience-segments/delete', type },
    ids,
  );
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
