import { hashUnit } from './random.js';

/** ISO 3166-1 alpha-2 codes: a syntactically valid but unknown code is `country-code-must-be-valid`. */
const ISO_COUNTRIES = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
    'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
    'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO ' +
    'JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR ' +
    'MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO ' +
    'RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV ' +
    'TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
  ).split(' '),
);

/** Countries where in-market targeting is offered, with a rough online population used for sizes. */
export const IN_MARKET_COUNTRIES: Record<string, number> = {
  US: 40_000_000,
  GB: 9_000_000,
  FR: 8_000_000,
  DE: 10_000_000,
  ES: 6_000_000,
  IT: 6_500_000,
  JP: 12_000_000,
  IN: 30_000_000,
};

/** A slice of the Google product taxonomy: `[id, parentId]`. */
const INTERESTS: [string, string | null][] = [
  ['1', null], // Animals & Pet Supplies
  ['166', null], // Apparel & Accessories
  ['1604', '166'], // Clothing
  ['187', '166'], // Shoes
  ['188', '166'], // Jewelry
  ['6551', '166'], // Handbags, Wallets & Cases
  ['8', null], // Arts & Entertainment
  ['537', null], // Baby & Toddler
  ['141', null], // Cameras & Optics
  ['222', null], // Electronics
  ['278', '222'], // Computers
  ['262', '222'], // Communications
  ['267', '262'], // Mobile Phones
  ['386', '222'], // Video
  ['412', null], // Food, Beverages & Tobacco
  ['436', null], // Furniture
  ['469', null], // Health & Beauty
  ['2915', '469'], // Personal Care
  ['536', null], // Home & Garden
  ['638', '536'], // Kitchen & Dining
  ['5181', null], // Luggage & Bags
  ['783', null], // Media
  ['784', '783'], // Books
  ['922', null], // Office Supplies
  ['988', null], // Sporting Goods
  ['928', '988'], // Exercise & Fitness (the docs' example id)
  ['1011', '988'], // Outdoor Recreation
  ['1239', null], // Toys & Games
  ['888', null], // Vehicles & Parts
  ['2092', null], // Software
];

const BRANDS: [string, string][] = [
  ['289', 'Adidas'],
  ['290', 'Nike'],
  ['291', 'Puma'],
  ['292', 'New Balance'],
  ['310', 'Apple'],
  ['311', 'Samsung'],
  ['312', 'Sony'],
  ['313', 'Philips'],
  ['320', 'Zara'],
  ['321', 'H&M'],
  ['322', 'Uniqlo'],
  ['330', 'IKEA'],
  ['331', 'Dyson'],
  ['340', 'LEGO'],
  ['341', 'Hasbro'],
  ['350', "L'Oréal"],
  ['351', 'Nivea'],
  ['360', 'Decathlon'],
  ['361', 'The North Face'],
  ['370', 'Lenovo'],
  ['371', 'HP'],
  ['380', 'Samsonite'],
  ['390', 'Nespresso'],
  ['391', 'KitchenAid'],
];

export interface InMarketInterest {
  id: string;
  parentId: string | null;
}
export interface InMarketBrand {
  id: string;
  name: string;
  size: number;
}

export function isValidCountryCode(code: string): boolean {
  return ISO_COUNTRIES.has(code);
}

export function isAuthorizedCountry(code: string): boolean {
  return code in IN_MARKET_COUNTRIES;
}

/**
 * Interests "available in a country" (enough volume): all but a deterministic few per country. A child is
 * only offered under an offered parent (INTERESTS lists parents first), so no `parentId` dangles.
 */
export function interestsFor(country: string): InMarketInterest[] {
  const offered = new Set<string>();
  for (const [id, parentId] of INTERESTS) {
    if (parentId === null || (offered.has(parentId) && hashUnit(`${country}:interest:${id}`) > 0.15))
      offered.add(id);
  }
  return INTERESTS.filter(([id]) => offered.has(id)).map(([id, parentId]) => ({ id, parentId }));
}

export function brandsFor(country: string): InMarketBrand[] {
  const population = IN_MARKET_COUNTRIES[country] ?? 0;
  return BRANDS.filter(([id]) => hashUnit(`${country}:brand:${id}`) > 0.2).map(([id, name]) => ({
    id,
    name,
    size: Math.round(population * (0.002 + 0.03 * hashUnit(`${country}:brand-size:${id}`))),
  }));
}
