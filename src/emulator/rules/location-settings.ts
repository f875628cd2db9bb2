import type { LocationCreate } from '../../contract/audience-segment.js';
import { type ItemProblemInit, itemProblem } from '../problems.js';

/** Location radius bounds in km (the docs name the rule, not the bounds). */
export const RADIUS_RANGE_KM = { min: 1, max: 500 } as const;
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
