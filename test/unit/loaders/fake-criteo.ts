import type { AudienceModel } from '../../../src/contract/audience.js';
import type { AudienceSegmentModel } from '../../../src/contract/audience-segment.js';
import type { Page } from '../../../src/criteo/calls.js';
import type { CriteoOperations } from '../../../src/criteo/client.js';
import { CriteoProblemError } from '../../../src/criteo/errors.js';

type Fake = Pick<
  CriteoOperations,
  | 'searchAudienceSegments'
  | 'searchAudiences'
  | 'computeAudienceSegmentSizes'
  | 'computeAudienceSizes'
  | 'getAudienceSegmentContactListStatistics'
>;

/**
 * A Criteo client over fixed segments and audiences, recording each call (operation and arguments):
 * searches filter and page like Criteo, sizes answer the id's length, and a problem for ids starting with 9.
 */
export function fakeCriteo(segments: AudienceSegmentModel[], audiences: AudienceModel[] = []) {
  const calls: { operation: string; ids: string[]; page?: Page }[] = [];
  const sizes = async (operation: string, ids: readonly string[]) => {
    calls.push({ operation, ids: [...ids] });
    return ids.map((id, index) =>
      id.startsWith('9')
        ? new CriteoProblemError({ code: 'segment-not-found', instance: `@data/${index}` })
        : { value: id.length * 1000 },
    );
  };
  const criteo: Fake = {
    async searchAudienceSegments(filters, page) {
      calls.push({ operation: 'SearchAudienceSegments', ids: filters.audienceSegmentIds ?? [], page });
      const found = segments.filter((s) => filters.audienceSegmentIds?.includes(s.id) ?? true);
      return { items: found.slice(page.offset, page.offset + page.limit), total: found.length };
    },
    async searchAudiences(filters, page) {
      calls.push({
        operation: 'SearchAudiences',
        ids: filters.audienceIds ?? filters.audienceSegmentIds ?? [],
        page,
      });
      const found = audiences.filter(
        (a) =>
          (filters.audienceIds?.includes(a.id) ?? true) &&
          (filters.advertiserIds?.includes(a.advertiserId ?? '') ?? true) &&
          (filters.audienceSegmentIds?.some((id) => JSON.stringify(a.algebra).includes(`"${id}"`)) ?? true),
      );
      return { items: found.slice(page.offset, page.offset + page.limit), total: found.length };
    },
    computeAudienceSegmentSizes: (ids) => sizes('ComputeAudienceSegmentsSizes', ids),
    computeAudienceSizes: (ids) => sizes('ComputeAudiencesSizes', ids),
    async getAudienceSegmentContactListStatistics(id) {
      calls.push({ operation: 'GetAudienceSegmentContactListStatistics', ids: [id] });
      if (id.startsWith('9')) throw new Error(`no list ${id}`);
      return { numberOfIdentifiers: 10, numberOfMatches: 5, matchRate: 0.5 };
    },
  };
  return { criteo, calls };
}

export const segment = (id: string, advertiserId = '4949'): AudienceSegmentModel => ({
  id,
  advertiserId,
  name: `Segment ${id}`,
  type: 'InMarket',
});

export const audience = (id: string, segmentIds: string[], advertiserId = '4949'): AudienceModel => ({
  id,
  advertiserId,
  name: `Audience ${id}`,
  algebra: { or: segmentIds.map((audienceSegmentId) => ({ audienceSegmentId })) },
});
