import type { InMarketCreate, LocationCreate } from '../../contract/audience-segment.js';
import { brandsFor, interestsFor, isAuthorizedCountry, isValidCountryCode } from '../catalog.js';
import { type ItemProblemInit, itemProblem } from '../problems.js';
import type { EmulatorStore } from '../store.js';

/** Retargeting and prospecting look-back windows: 0 <= min < max <= 400 days (docs). */
export const MAX_DAYS_SINCE_LAST_VISIT = 400;
/** Location radius bounds in km (the docs name the rule, not the bounds). */
export const RADIUS_RANGE_KM = { min: 1, max: 500 } as const;
/** Lookalike target size bounds (the docs name the rule, not the bounds). */
export const TARGET_SIZE_RANGE = { min: 10_000, max: 50_000_000 } as const;

const hasDuplicates = (values: readonly string[] = []) => new Set(values).size !== values.length;

export function checkInMarket(s: InMarketCreate, path: string): ItemProblemInit[] {
  if (!s.country)
    return [
      itemProblem('country-code-is-required', 'inMarket.country is required', 'country', `${path}/country`),
    ];
  if (!isValidCountryCode(s.country)) {
    return [
      itemProblem(
        'country-code-must-be-valid',
        `${s.country} is not an ISO 3166-1 alpha-2 code`,
        'country',
        `${path}/country`,
      ),
    ];
  }
  if (!isAuthorizedCountry(s.country)) {
    return [
      itemProblem(
        'country-code-must-be-authorized',
        `In-market targeting is not available in ${s.country}`,
        'country',
        `${path}/country`,
      ),
    ];
  }
  const problems: ItemProblemInit[] = [];
  const interests = new Set(interestsFor(s.country).map((i) => i.id));
  const unknownInterests = (s.interestIds ?? []).filter((id) => !interests.has(id));
  if (unknownInterests.length > 0 || hasDuplicates(s.interestIds)) {
    const detail = unknownInterests.length
      ? `Interests not available in ${s.country}: ${unknownInterests.join(', ')}`
      : 'interestIds has duplicates';
    problems.push(itemProblem('interests-list-must-be-valid', detail, 'interestIds', `${path}/interestIds`));
  }
  const brands = new Set(brandsFor(s.country).map((b) => b.id));
  const unknownBrands = (s.brandIds ?? []).filter((id) => !brands.has(id));
  if (unknownBrands.length > 0 || hasDuplicates(s.brandIds)) {
    const detail = unknownBrands.length
      ? `Brands not available in ${s.country}: ${unknownBrands.join(', ')}`
      : 'brandIds has duplicates';
    problems.push(itemProblem('brand-list-must-be-valid', detail, 'brandIds', `${path}/brandIds`));
  }
  if (hasDuplicates(s.buyingPower)) {
    problems.push(
      itemProblem(
        'buying-power-must-be-valid',
        'buyingPower has duplicates',
        'buyingPower',
        `${path}/buyingPower`,
      ),
    );
  }
  if (hasDuplicates(s.priceRange)) {
    problems.push(
      itemProblem(
        'price-range-must-be-valid',
        'priceRange has duplicates',
        'priceRange',
        `${path}/priceRange`,
      ),
    );
  }
  return problems;
}

export function checkLocation(s: LocationCreate, path: string): ItemProblemInit[] {
  const problems: ItemProblemInit[] = [];
  const points = s.pointsOfInterest ?? [];
  if (points.length === 0) {
    problems.push(
      itemProblem(
        'poi-list-must-be-not-empty',
        'pointsOfInterest must not be empty',
        'pointsOfInterest',
        `${path}/pointsOfInterest`,
      ),
    );
  }
  const seen = new Set<string>();
  points.forEach((p, i) => {
    const pointPath = `${path}/pointsOfInterest/${i}`;
    const { latitude: lat, longitude: lon } = p;
    if (lat == null || lon == null || lat < -90 || lat > 90 || lon < -180 || lon > 180) {
      problems.push(
        itemProblem(
          'poi-coordinates-must-be-valid',
          `Point ${i} needs a latitude in [-90, 90] and a longitude in [-180, 180]`,
          'pointsOfInterest',
          pointPath,
        ),
      );
      return;
    }
    const key = `${lat.toFixed(5)},${lon.toFixed(5)}`;
    if (seen.has(key)) {
      problems.push(
        itemProblem(
          'poi-coordinates-must-be-unique',
          `Point ${i} repeats coordinates ${key}`,
          'pointsOfInterest',
          pointPath,
        ),
      );
    }
    seen.add(key);
  });
  if (s.radiusInKm === undefined) {
    problems.push(
      itemProblem(
        'poi-radius-must-be-not-null',
        'radiusInKm is required',
        'radiusInKm',
        `${path}/radiusInKm`,
      ),
    );
  } else if (s.radiusInKm < RADIUS_RANGE_KM.min || s.radiusInKm > RADIUS_RANGE_KM.max) {
    problems.push(
      itemProblem(
        'radius-must-be-in-range',
        `radiusInKm must be between ${RADIUS_RANGE_KM.min} and ${RADIUS_RANGE_KM.max}`,
        'radiusInKm',
        `${path}/radiusInKm`,
      ),
    );
  }
  return problems;
}

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
