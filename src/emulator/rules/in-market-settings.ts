import type { InMarketCreate } from '../../contract/audience-segment.js';
import { brandsFor, interestsFor, isAuthorizedCountry, isValidCountryCode } from '../catalog.js';
import { type ItemProblemInit, itemProblem } from '../problems.js';

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
