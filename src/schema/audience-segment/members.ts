import { builder } from '../builder.js';
import {
  BehavioralCategoryEnum,
  BuyingPowerEnum,
  GenderEnum,
  PriceRangeEnum,
  RegistryTypeEnum,
  UsersTypeEnum,
  VisitorsTypeEnum,
} from './enums.js';
import { AudienceSegmentUnion, SEGMENT_MEMBERS, SegmentInterface } from './segment.js';

// The type-specific fields of each segment member but `ContactListSegment` (in `contact-list/`).
// Each `implement` returns the ref it was called on: the members are read from `SEGMENT_MEMBERS`.

SEGMENT_MEMBERS.InMarket.implement({
  interfaces: [SegmentInterface],
  description: 'People with a shopping intent in a country, by interests, brands and demographics.',
  fields: (t) => ({
    country: t.string({
      nullable: true,
      resolve: (s) => s.inMarket?.country ?? null,
      description: 'ISO 3166-1 alpha-2 country.',
    }),
    interestIds: t.idList({
      resolve: (s) => s.inMarket?.interestIds ?? [],
      description: 'Google product-taxonomy interest ids.',
    }),
    brandIds: t.idList({
      resolve: (s) => s.inMarket?.brandIds ?? [],
      description: 'In-market brand ids.',
    }),
    buyingPower: t.field({
      type: [BuyingPowerEnum],
      resolve: (s) => s.inMarket?.buyingPower ?? [],
      description: 'Buying powers targeted; empty = all.',
    }),
    priceRange: t.field({
      type: [PriceRangeEnum],
      resolve: (s) => s.inMarket?.priceRange ?? [],
      description: 'Price ranges targeted; empty = all.',
    }),
    gender: t.field({
      type: GenderEnum,
      nullable: true,
      resolve: (s) => s.inMarket?.gender ?? null,
      description: 'Gender targeted; null = all.',
    }),
  }),
});

SEGMENT_MEMBERS.Prospecting.implement({
  interfaces: [SegmentInterface],
  description: "People similar to the advertiser's buyers.",
  fields: (t) => ({
    usersType: t.field({
      type: UsersTypeEnum,
      nullable: true,
      resolve: (s) => s.prospecting?.usersType ?? null,
      description: 'Which users are targeted.',
    }),
    daysSinceLastVisitMin: t.int({
      nullable: true,
      resolve: (s) => s.prospecting?.daysSinceLastVisitMin ?? null,
      description: 'Past visitors: visited at least this many days ago.',
    }),
    daysSinceLastVisitMax: t.int({
      nullable: true,
      resolve: (s) => s.prospecting?.daysSinceLastVisitMax ?? null,
      description: 'Past visitors: visited at most this many days ago.',
    }),
  }),
});

export const PointOfInterestRef = builder
  .objectRef<{ name?: string | null; latitude?: number | null; longitude?: number | null }>('PointOfInterest')
  .implement({
    description: 'A place people were seen near.',
    fields: (t) => ({
      name: t.string({ nullable: true, resolve: (p) => p.name ?? null, description: 'Name of the place.' }),
      latitude: t.float({
        nullable: true,
        resolve: (p) => p.latitude ?? null,
        description: 'ISO-6709 latitude, 5 decimals.',
      }),
      longitude: t.float({
        nullable: true,
        resolve: (p) => p.longitude ?? null,
        description: 'ISO-6709 longitude, 5 decimals.',
      }),
    }),
  });

SEGMENT_MEMBERS.Location.implement({
  interfaces: [SegmentInterface],
  description: 'People seen within a radius of points of interest.',
  fields: (t) => ({
    registryType: t.field({
      type: RegistryTypeEnum,
      nullable: true,
      resolve: (s) => s.location?.registryType ?? null,
      description: 'The kind of location segment.',
    }),
    pointsOfInterest: t.field({
      type: [PointOfInterestRef],
      resolve: (s) => s.location?.pointsOfInterest ?? [],
      description: 'The places.',
    }),
    radiusInKm: t.int({
      nullable: true,
      resolve: (s) => s.location?.radiusInKm ?? null,
      description: 'Maximum distance from a place, in km.',
    }),
  }),
});

SEGMENT_MEMBERS.Behavioral.implement({
  interfaces: [SegmentInterface],
  description: 'A Criteo-provided behavioral segment (read-only).',
  fields: (t) => ({
    category: t.field({
      type: BehavioralCategoryEnum,
      resolve: (s) => s.behavioral?.category ?? 'Unknown',
      description: 'The theme.',
    }),
    country: t.string({
      nullable: true,
      resolve: (s) => s.behavioral?.country ?? null,
      description: "The users' country.",
    }),
    startDate: t.field({
      type: 'DateTime',
      nullable: true,
      resolve: (s) => s.behavioral?.startDate ?? null,
      description: 'When it starts filling.',
    }),
    endDate: t.field({
      type: 'DateTime',
      nullable: true,
      resolve: (s) => s.behavioral?.endDate ?? null,
      description: 'When it is emptied.',
    }),
  }),
});

SEGMENT_MEMBERS.Retargeting.implement({
  interfaces: [SegmentInterface],
  description: "Visitors of the advertiser's site, by recency and purchase.",
  fields: (t) => ({
    visitorsType: t.field({
      type: VisitorsTypeEnum,
      nullable: true,
      resolve: (s) => s.retargeting?.visitorsType ?? null,
      description: 'Buyers, non-buyers or all.',
    }),
    daysSinceLastVisitMin: t.int({
      nullable: true,
      resolve: (s) => s.retargeting?.daysSinceLastVisitMin ?? null,
      description: 'Visited at least this many days ago.',
    }),
    daysSinceLastVisitMax: t.int({
      nullable: true,
      resolve: (s) => s.retargeting?.daysSinceLastVisitMax ?? null,
      description: 'Visited at most this many days ago.',
    }),
  }),
});

SEGMENT_MEMBERS.Unknown.implement({
  interfaces: [SegmentInterface],
  description: 'A segment of a type this API version does not describe (Criteo `Unknown`).',
  fields: () => ({}),
});

SEGMENT_MEMBERS.Lookalike.implement({
  interfaces: [SegmentInterface],
  description: 'People similar to a seed segment (a contact list or retargeting segment).',
  fields: (t) => ({
    seedSegmentId: t.id({
      nullable: true,
      resolve: (s) => s.lookalike?.seedSegmentId ?? null,
      description: 'Id of the seed segment.',
    }),
    seedSegment: t.field({
      type: AudienceSegmentUnion,
      nullable: true,
      description: 'The seed segment (batched with other segment lookups).',
      // An id: the union's loader fetches it (batched with other segment lookups).
      resolve: (s) => s.lookalike?.seedSegmentId ?? null,
    }),
    targetSize: t.field({
      type: 'SafeInt',
      nullable: true,
      resolve: (s) => s.lookalike?.targetSize ?? null,
      description: 'Desired size of the lookalike.',
    }),
  }),
});
