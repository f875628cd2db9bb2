import { type ItemProblemInit, itemProblem } from '../problems.js';
import type { EmulatorStore } from '../store.js';

/** Retargeting and prospecting look-back windows: 0 <= min < max <= 400 days (docs). */
export const MAX_DAYS_SINCE_LAST_VISIT = 400;
/** Lookalike target size bounds (the docs name the rule, not the bounds). */
export const TARGET_SIZE_RANGE = { min: 10_000, max: 50_000_000 } as const;

export function checkRetargeting(
  s: {
    visitorsType?: string | undefined;
    daysSinceLastVisitMin?: number | undefined;
    daysSinceLastVisitMax?: number | undefined;
  },
  path: string,
): ItemProblemInit[] {
  const problems: ItemProblemInit[] = [];
  if (!s.visitorsType) {
    problems.push(
      itemProblem(
        'visitors-type-must-be-defined',
        'retargeting.visitorsType is required',
        'visitorsType',
        `${path}/visitorsType`,
      ),
    );
  }
  const { daysSinceLastVisitMin: min, daysSinceLastVisitMax: max } = s;
  if (min === undefined || max === undefined || min < 0 || max > MAX_DAYS_SINCE_LAST_VISIT) {
    problems.push(
      itemProblem(
        'retargeting-segment-days-since-last-visit-are-not-in-acceptable-range',
        `daysSinceLastVisitMin and daysSinceLastVisitMax are required and must lie in [0, ${MAX_DAYS_SINCE_LAST_VISIT}]`,
        'daysSinceLastVisitMin',
        `${path}/daysSinceLastVisitMin`,
      ),
    );
  } else if (min >= max) {
    problems.push(
      itemProblem(
        'retargeting-segment-days-since-last-visit-are-not-compatible',
        `daysSinceLastVisitMin (${min}) must be lower than daysSinceLastVisitMax (${max})`,
        'daysSinceLastVisitMax',
        `${path}/daysSinceLastVisitMax`,
      ),
    );
  }
  return problems;
}

export function checkProspecting(
  s: {
    usersType?: string | undefined;
    daysSinceLastVisitMin?: number | null | undefined;
    daysSinceLastVisitMax?: number | null | undefined;
  },
  path: string,
): ItemProblemInit[] {
  const problems: ItemProblemInit[] = [];
  if (!s.usersType) {
    problems.push(
      itemProblem(
        'users-type-must-be-defined',
        'prospecting.usersType is required',
        'usersType',
        `${path}/usersType`,
      ),
    );
  }
  const { daysSinceLastVisitMin: min, daysSinceLastVisitMax: max } = s;
  const outOfRange = [min, max].some((d) => d != null && (d < 0 || d > MAX_DAYS_SINCE_LAST_VISIT));
  if (outOfRange || (min != null && max != null && min >= max)) {
    problems.push(
      itemProblem(
        'days-must-be-in-range',
        `Days since last visit must satisfy 0 <= min < max <= ${MAX_DAYS_SINCE_LAST_VISIT}`,
        'daysSinceLastVisitMin',
        `${path}/daysSinceLastVisitMin`,
      ),
    );
  }
  return problems;
}

export function checkLookalike(
  s: { seedSegmentId?: string | undefined; targetSize?: number | undefined },
  advertiserId: string | undefined,
  visibleAdvertisers: readonly string[],
  store: EmulatorStore,
  path: string,
): ItemProblemInit[] {
  if (!s.seedSegmentId) {
    return [
      itemProblem(
        'seed-segment-must-be-defined',
        'lookalike.seedSegmentId is required',
        'seedSegmentId',
        `${path}/seedSegmentId`,
      ),
    ];
  }
  const seed = store.segments.get(s.seedSegmentId);
  const seedPath = `${path}/seedSegmentId`;
  if (!seed || !visibleAdvertisers.includes(seed.attributes.advertiserId)) {
    return [
      itemProblem(
        'segment-has-not-been-found',
        `Seed segment ${s.seedSegmentId} does not exist`,
        'seedSegmentId',
        seedPath,
      ),
    ];
  }
  const problems: ItemProblemInit[] = [];
  if (seed.attributes.advertiserId !== advertiserId) {
    problems.push(
      itemProblem(
        'seed-segment-must-belong-to-the-same-advertiser',
        `Seed segment ${seed.id} belongs to advertiser ${seed.attributes.advertiserId}`,
        'seedSegmentId',
        seedPath,
      ),
    );
  }
  if (seed.attributes.type !== 'ContactList' && seed.attributes.type !== 'Retargeting') {
    problems.push(
      itemProblem(
        'segment-must-have-valid-segment-id',
        `A lookalike seed must be a contact list or retargeting segment, not ${seed.attributes.type}`,
        'seedSegmentId',
        seedPath,
      ),
    );
  }
  problems.push(...checkTargetSize(s.targetSize, path));
  return problems;
}

export function checkTargetSize(targetSize: number | undefined, path: string): ItemProblemInit[] {
  if (
    targetSize === undefined ||
    (targetSize >= TARGET_SIZE_RANGE.min && targetSize <= TARGET_SIZE_RANGE.max)
  )
    return [];
  return [
    itemProblem(
      'target-size-must-be-in-range',
      `targetSize must be between ${TARGET_SIZE_RANGE.min} and ${TARGET_SIZE_RANGE.max}`,
      'targetSize',
      `${path}/targetSize`,
    ),
  ];
}
