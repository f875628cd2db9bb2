import type { z } from 'zod';
import type { AudienceSegmentType, BehavioralCategorySchema } from '../contract/audience-segment.js';
import { brandsFor, interestsFor } from './catalog.js';
import type { Random } from './random.js';
import type { SegmentAttributes, SegmentRecord } from './store.js';

type BehavioralCategory = z.infer<typeof BehavioralCategorySchema>;

/** A demo advertiser: its brand names the segments, its countries the in-market and location ones. */
export interface DemoAdvertiser {
  id: string;
  brand: string;
  countries: string[];
  /** Share of the full segment mix it gets. */
  scale: number;
}

/** Store locations of the demo brands, per country: the points of interest of location segments. */
const STORES: Record<string, [string, number, number][]> = {
  FR: [
    ['Paris Opéra', 48.87196, 2.33159],
    ['Lyon Part-Dieu', 45.76058, 4.85967],
    ['Marseille Vieux-Port', 43.29511, 5.37419],
  ],
  DE: [
    ['Berlin Mitte', 52.52001, 13.40495],
    ['München Marienplatz', 48.13743, 11.57549],
  ],
  ES: [
    ['Madrid Sol', 40.41689, -3.70379],
    ['Barcelona Gràcia', 41.40292, 2.15679],
  ],
  US: [
    ['New York 5th Ave', 40.75402, -73.98406],
    ['San Francisco Union Sq', 37.78797, -122.40744],
    ['Chicago Loop', 41.88141, -87.62784],
  ],
  GB: [
    ['London Oxford St', 51.51523, -0.14189],
    ['Manchester Arndale', 53.48329, -2.24129],
  ],
  JP: [
    ['Tokyo Shibuya', 35.65803, 139.70164],
    ['Osaka Umeda', 34.70252, 135.49595],
  ],
  IT: [
    ['Milano Duomo', 45.46417, 9.19039],
    ['Roma Termini', 41.90101, 12.50155],
  ],
};

const BEHAVIORAL_THEMES: [string, BehavioralCategory][] = [
  ['Outdoor enthusiasts', 'Lifestyles'],
  ['Frequent travellers', 'Lifestyles'],
  ['Home movers', 'LifeEvents'],
  ['New parents', 'LifeEvents'],
  ['Back to school', 'Seasonal'],
  ['Holiday shoppers', 'Seasonal'],
  ['Bargain hunters', 'BuyingPatterns'],
  ['Premium buyers', 'BuyingPatterns'],
];

/** Demo segment `i` of a type; `previous` holds the advertiser's earlier segments (lookalike seeds). */
export function demoSegment(
  type: AudienceSegmentType,
  i: number,
  advertiser: DemoAdvertiser,
  random: Random,
  previous: SegmentRecord[],
  createdAt: string,
): SegmentAttributes {
  const country = advertiser.countries[i % advertiser.countries.length] ?? 'FR';
  const base = { advertiserId: advertiser.id, type, createdAt, updatedAt: i % 3 === 0 ? null : createdAt };
  const named = (name: string, description: string | null) => ({
    ...base,
    name: `${name} #${i + 1}`,
    description,
  });
  switch (type) {
    case 'InMarket': {
      const interests = random.sample(interestsFor(country), random.int(1, 3)).map((x) => x.id);
      const brands = random.sample(brandsFor(country), random.int(0, 2)).map((x) => x.id);
      return {
        ...named(`In-market ${country}`, `Shoppers in ${country} with a purchase intent`),
        inMarket: {
          country,
          interestIds: interests,
          brandIds: brands,
          buyingPower: i % 4 === 0 ? ['High', 'VeryHigh'] : null,
          gender: i % 5 === 0 ? 'Female' : i % 7 === 0 ? 'Male' : null,
          priceRange: i % 3 === 0 ? ['Medium', 'High'] : null,
        },
      };
    }
    case 'Prospecting':
      return {
        ...named('Prospects', 'People similar to the advertiser buyers'),
        prospecting:
          i % 2 === 0
            ? { usersType: 'Prospects', daysSinceLastVisitMin: null, daysSinceLastVisitMax: null }
            : {
                usersType: 'ProspectsOrNonBuyers',
                daysSinceLastVisitMin: 30,
                daysSinceLastVisitMax: 30 + 30 * ((i % 5) + 1),
              },
      };
    case 'ContactList':
      return {
        ...named(
          i % 2 === 0 ? 'CRM customers' : 'Newsletter subscribers',
          i === 0 ? 'Created, not uploaded yet' : null,
        ),
        // Lists created in Commerce Growth are read-only through the API.
        contactList: { isReadOnly: i === 19 },
      };
    case 'Location': {
      const stores = STORES[country] ?? [];
      const points = stores
        .slice(0, 1 + (i % stores.length))
        .map(([name, latitude, longitude]) => ({ name, latitude, longitude }));
      return {
        ...named(`Near ${advertiser.brand} stores in ${country}`, null),
        location: {
          registryType: 'PointOfInterest',
          pointsOfInterest: points,
          radiusInKm: [1, 5, 10, 25][i % 4] ?? 5,
        },
      };
    }
    case 'Behavioral': {
      const [theme, category] = BEHAVIORAL_THEMES[i % BEHAVIORAL_THEMES.length] ?? [
        'Interested people',
        'Lifestyles',
      ];
      const seasonal = category === 'Seasonal';
      return {
        ...named(theme, `Criteo-provided ${category} segment`),
        behavioral: {
          category,
          country,
          startDate: seasonal ? '2025-08-15T00:00:00Z' : null,
          endDate: seasonal ? '2025-09-30T00:00:00Z' : null,
        },
      };
    }
    case 'Retargeting': {
      const visitorsType = (['All', 'Buyers', 'NonBuyers'] as const)[i % 3] ?? 'All';
      const min = [0, 7, 30][i % 3] ?? 0;
      return {
        ...named(`Site visitors (${visitorsType})`, `Visited ${min}–${min + 30 + 15 * (i % 4)} days ago`),
        retargeting: {
          visitorsType,
          daysSinceLastVisitMin: min,
          daysSinceLastVisitMax: min + 30 + 15 * (i % 4),
        },
      };
    }
    case 'Lookalike': {
      const seeds = previous.filter(
        (s) =>
          s.contactList &&
          s.attributes.contactList?.isReadOnly === false &&
          (s.contactList.syntheticCount ?? 0) > 0,
      );
      const seed = seeds[i % Math.max(1, seeds.length)];
      return {
        ...named('Lookalike of customers', 'Users similar to a CRM list'),
        lookalike: {
          seedSegmentId: seed?.id ?? null,
          targetSize: i % 2 === 0 ? 500_000 * (1 + (i % 4)) : null,
        },
      };
    }
    default:
      return named('Legacy segment', 'A segment of a type the API does not describe');
  }
}
