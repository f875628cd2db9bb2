import type { z } from 'zod';
import type { AlgebraNode } from '../contract/audience.js';
import type { AudienceSegmentType, BehavioralCategorySchema } from '../contract/audience-segment.js';
import type { EmulatorApplication } from './auth.js';
import { brandsFor, interestsFor } from './catalog.js';
import { createRandom, type Random } from './random.js';
import type { EmulatorStore, SegmentAttributes, SegmentRecord } from './store.js';

/** `demo-client-id` sees advertisers 4949 and 5050; `other-client-id` sees 7070 (for 403 cases). */
export const DEMO_APPLICATIONS: EmulatorApplication[] = [
  {
    clientId: 'demo-client-id',
    clientSecret: 'demo-client-secret',
    applicationId: 1001,
    organizationId: 42,
    name: 'Demo application',
    description: 'The embedded emulator demo application',
    advertiserIds: ['4949', '5050'],
  },
  {
    clientId: 'other-client-id',
    clientSecret: 'other-client-secret',
    applicationId: 1002,
    organizationId: 43,
    name: 'Other application',
    description: 'Another application, to show that advertisers are isolated',
    advertiserIds: ['7070'],
  },
];

type BehavioralCategory = z.infer<typeof BehavioralCategorySchema>;

const ADVERTISERS: { id: string; brand: string; countries: string[]; scale: number }[] = [
  { id: '4949', brand: 'Acme Shoes', countries: ['FR', 'DE', 'ES'], scale: 1 },
  { id: '5050', brand: 'Globex Travel', countries: ['US', 'GB', 'JP'], scale: 1 },
  { id: '7070', brand: 'Initech Home', countries: ['IT'], scale: 0.2 },
];

/** How many segments of each type an advertiser gets (scaled): 108 per full advertiser. */
const SEGMENT_MIX: [AudienceSegmentType, number][] = [
  ['InMarket', 20],
  ['Prospecting', 10],
  ['ContactList', 20],
  ['Location', 15],
  ['Behavioral', 15],
  ['Retargeting', 15],
  ['Lookalike', 12],
  ['Unknown', 1],
];

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

const day = (offset: number) => new Date(Date.UTC(2025, 0, 1) + offset * 86_400_000).toISOString();

/** Seeds the deterministic demo data set: ~236 segments of every type, 65 audiences, 50 ad sets. */
export function seedDemoData(store: EmulatorStore, seed = 2025): void {
  const random = createRandom(seed);
  for (const advertiser of ADVERTISERS) {
    const segments: SegmentRecord[] = [];
    let n = 0;
    for (const [type, count] of SEGMENT_MIX) {
      for (let i = 0; i < Math.max(1, Math.round(count * advertiser.scale)); i++) {
        const attributes = demoSegment(type, i, advertiser, random, segments, day(n++));
        const contactList =
          type === 'ContactList'
            ? {
                identifiers: new Set<string>(),
                syntheticCount: contactListCount(i, random),
                identifierType: 'email',
              }
            : undefined;
        segments.push(store.addSegment(attributes, contactList));
      }
    }
    const audiences = Math.round(30 * advertiser.scale);
    for (let i = 0; i < audiences; i++) {
      const algebra = demoAlgebra(i, segments, random);
      store.addAudience({
        advertiserId: advertiser.id,
        name: `${advertiser.brand} audience ${i + 1}`,
        description: i % 3 === 0 ? null : `Demo audience ${i + 1} of ${advertiser.brand}`,
        algebra,
        createdAt: day(200 + i),
        updatedAt: i % 4 === 0 ? null : day(260 + i),
      });
    }
    const adSetBase = Number(advertiser.id) * 100;
    const audienceIds = [...store.audiences.values()]
      .filter((a) => a.attributes.advertiserId === advertiser.id)
      .map((a) => a.id);
    for (let i = 0; i < Math.round(20 * advertiser.scale); i++) {
      // Half of the ad sets target an audience; the others are free to link in tests and demos.
      store.addAdSet({
        id: String(adSetBase + i),
        advertiserId: advertiser.id,
        name: `${advertiser.brand} ad set ${i + 1}`,
        audienceId: i % 2 === 0 ? (audienceIds[i] ?? null) : null,
      });
    }
  }
}

/** Most lists are populated; the first is empty (no size yet) and the second tiny (size too small). */
function contactListCount(i: number, random: Random): number {
  if (i === 0) return 0;
  if (i === 1) return 900;
  return random.int(5_000, 400_000);
}

function demoSegment(
  type: AudienceSegmentType,
  i: number,
  advertiser: (typeof ADVERTISERS)[number],
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

/**
 * Nested algebras over the advertiser's segments. Retargeting segments stand alone (Criteo rule);
 * the others mix and/or/not, excluding only contact lists or segments beside an included one.
 */
function demoAlgebra(i: number, segments: SegmentRecord[], random: Random): AlgebraNode {
  const of = (type: AudienceSegmentType) => segments.filter((s) => s.attributes.type === type);
  const leaf = (s: SegmentRecord | undefined): AlgebraNode => ({
    audienceSegmentId: s?.id ?? segments[0]?.id ?? '0',
  });
  // Random picks skip the empty contact list, so only case 4 shows a size that is not available.
  const pick = (type: AudienceSegmentType) =>
    leaf(random.pick(of(type).filter((s) => s.contactList?.syntheticCount !== 0)));
  switch (i % 6) {
    case 0:
      return leaf(of('Retargeting')[i % of('Retargeting').length]);
    case 1:
      return { and: [{ or: [pick('InMarket'), pick('Behavioral')] }, { not: pick('ContactList') }] };
    case 2:
      return { or: [pick('Prospecting'), { and: [pick('Location'), pick('InMarket')] }] };
    case 3:
      return {
        and: [
          pick('Lookalike'),
          { not: { or: [pick('ContactList'), pick('ContactList')] } },
          pick('Behavioral'),
        ],
      };
    case 4:
      // Includes the empty contact list: its size is not available, which the demo shows as a per-item error.
      return { or: [leaf(of('ContactList')[0]), pick('InMarket')] };
    default:
      return { and: [pick('Location'), { or: [pick('InMarket'), pick('Prospecting'), pick('Behavioral')] }] };
  }
}
