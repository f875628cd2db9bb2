import type { AudienceSegmentType } from '../../contract/audience-segment.js';
import { CriteoProblemError } from '../../criteo/errors.js';
import type { SegmentModel } from '../../loaders/models.js';
import { builder } from '../builder.js';
import { toTypedProblem } from '../bulk.js';
import {
  BehavioralCategoryEnum,
  BuyingPowerEnum,
  GenderEnum,
  PriceRangeEnum,
  RegistryTypeEnum,
  SegmentTypeEnum,
  UsersTypeEnum,
  VisitorsTypeEnum,
} from '../enums.js';
import { AudienceSizeRef } from '../size.js';

/** GraphQL member type of each Criteo segment type. */
const MEMBER_OF_TYPE: Record<AudienceSegmentType, string> = {
  InMarket: 'InMarketSegment',
  Prospecting: 'ProspectingSegment',
  ContactList: 'ContactListSegment',
  Location: 'LocationSegment',
  Behavioral: 'BehavioralSegment',
  Retargeting: 'RetargetingSegment',
  Lookalike: 'LookalikeSegment',
  Unknown: 'UnknownSegment',
};

/** Resolved from Criteo's `type` field; a segment without one is `UnknownSegment`. */
export const memberTypeOf = (segment: SegmentModel) => MEMBER_OF_TYPE[segment.attributes.type ?? 'Unknown'];

export const SegmentInterface = builder.interfaceRef<SegmentModel>('Segment').implement({
  description: 'Fields every audience segment has, whatever its type.',
  resolveType: memberTypeOf,
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Criteo id of the segment.' }),
    name: t.string({ description: 'Name, unique per advertiser.', resolve: (s) => s.attributes.name ?? '' }),
    description: t.string({
      nullable: true,
      resolve: (s) => s.attributes.description ?? null,
      description: 'Free-text description.',
    }),
    advertiserId: t.id({
      nullable: true,
      resolve: (s) => s.attributes.advertiserId ?? null,
      description: 'The advertiser that owns it.',
    }),
    type: t.field({
      type: SegmentTypeEnum,
      resolve: (s) => s.attributes.type ?? 'Unknown',
      description: 'The segment type.',
    }),
    createdAt: t.field({
      type: 'DateTime',
      nullable: true,
      resolve: (s) => s.attributes.createdAt ?? null,
      description: 'When it was created.',
    }),
    updatedAt: t.field({
      type: 'DateTime',
      nullable: true,
      resolve: (s) => s.attributes.updatedAt ?? null,
      description: 'When it last changed; null until the first update.',
    }),
    size: t.field({
      // Nullable: a failed size call must not null the page the item sits in.
      nullable: true,
      type: AudienceSizeRef,
      description:
        'How many people the segment reaches (Criteo `compute-sizes`, batched), or why Criteo cannot tell.',
      errors: {
        types: [CriteoProblemError],
        union: {
          name: 'SegmentSizeResult',
          description: 'The size of a segment, or the problem Criteo reported for it.',
        },
      },
      resolve: (s, _args, ctx) => ctx.loaders.segmentSizes.load(s.id),
    }),
  }),
});

const segmentRef = (name: string) => builder.objectRef<SegmentModel>(name);

export const InMarketSegment = segmentRef('InMarketSegment').implement({
  interfaces: [SegmentInterface],
  description: 'People with a shopping intent in a country, by interests, brands and demographics.',
  fields: (t) => ({
    country: t.string({
      nullable: true,
      resolve: (s) => s.attributes.inMarket?.country ?? null,
      description: 'ISO 3166-1 alpha-2 country.',
    }),
    interestIds: t.idList({
      resolve: (s) => s.attributes.inMarket?.interestIds ?? [],
      description: 'Google product-taxonomy interest ids.',
    }),
    brandIds: t.idList({
      resolve: (s) => s.attributes.inMarket?.brandIds ?? [],
      description: 'In-market brand ids.',
    }),
    buyingPower: t.field({
      type: [BuyingPowerEnum],
      resolve: (s) => s.attributes.inMarket?.buyingPower ?? [],
      description: 'Buying powers targeted; empty = all.',
    }),
    priceRange: t.field({
      type: [PriceRangeEnum],
      resolve: (s) => s.attributes.inMarket?.priceRange ?? [],
      description: 'Price ranges targeted; empty = all.',
    }),
    gender: t.field({
      type: GenderEnum,
      nullable: true,
      resolve: (s) => s.attributes.inMarket?.gender ?? null,
      description: 'Gender targeted; null = all.',
    }),
  }),
});

export const ProspectingSegment = segmentRef('ProspectingSegment').implement({
  interfaces: [SegmentInterface],
  description: "People similar to the advertiser's buyers.",
  fields: (t) => ({
    usersType: t.field({
      type: UsersTypeEnum,
      nullable: true,
      resolve: (s) => s.attributes.prospecting?.usersType ?? null,
      description: 'Which users are targeted.',
    }),
    daysSinceLastVisitMin: t.int({
      nullable: true,
      resolve: (s) => s.attributes.prospecting?.daysSinceLastVisitMin ?? null,
      description: 'Past visitors: visited at least this many days ago.',
    }),
    daysSinceLastVisitMax: t.int({
      nullable: true,
      resolve: (s) => s.attributes.prospecting?.daysSinceLastVisitMax ?? null,
      description: 'Past visitors: visited at most this many days ago.',
    }),
  }),
});

export const ContactListStatisticsRef = builder
  .objectRef<{
    numberOfIdentifiers?: number | null;
    numberOfMatches?: number | null;
    matchRate?: number | null;
  }>('ContactListStatistics')
  .implement({
    description: 'What Criteo matched of a contact list (not a size estimate).',
    fields: (t) => ({
      numberOfIdentifiers: t.int({
        nullable: true,
        resolve: (s) => s.numberOfIdentifiers ?? null,
        description: 'Identifiers in the list.',
      }),
      numberOfMatches: t.int({
        nullable: true,
        resolve: (s) => s.numberOfMatches ?? null,
        description: 'Identifiers Criteo matched to users.',
      }),
      matchRate: t.float({
        nullable: true,
        resolve: (s) => s.matchRate ?? null,
        description: 'Share of matched identifiers, 0 to 1.',
      }),
    }),
  });

export const ContactListSegment = segmentRef('ContactListSegment').implement({
  interfaces: [SegmentInterface],
  description: 'People from a contact list the advertiser uploads (emails, mobile ids, …).',
  fields: (t) => ({
    isReadOnly: t.boolean({
      resolve: (s) => s.attributes.contactList?.isReadOnly ?? false,
      description: 'True when the list is managed in Commerce Growth, not through the API.',
    }),
    statistics: t.field({
      type: ContactListStatisticsRef,
      // Nullable: an unavailable Criteo nulls this field only, with an error at its path.
      nullable: true,
      description:
        'Identifiers and matches of the list (one Criteo call per list, cached per request), or the problem Criteo reported for it.',
      errors: {
        types: [CriteoProblemError],
        union: {
          name: 'ContactListStatisticsResult',
          description: 'The statistics of a contact list, or the problem Criteo reported for it.',
        },
      },
      resolve: async (s, _args, ctx) => {
        try {
          return await ctx.loaders.contactListStatistics.load(s.id);
        } catch (error) {
          throw toTypedProblem(error);
        }
      },
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

export const LocationSegment = segmentRef('LocationSegment').implement({
  interfaces: [SegmentInterface],
  description: 'People seen within a radius of points of interest.',
  fields: (t) => ({
    registryType: t.field({
      type: RegistryTypeEnum,
      nullable: true,
      resolve: (s) => s.attributes.location?.registryType ?? null,
      description: 'The kind of location segment.',
    }),
    pointsOfInterest: t.field({
      type: [PointOfInterestRef],
      resolve: (s) => s.attributes.location?.pointsOfInterest ?? [],
      description: 'The places.',
    }),
    radiusInKm: t.int({
      nullable: true,
      resolve: (s) => s.attributes.location?.radiusInKm ?? null,
      description: 'Maximum distance from a place, in km.',
    }),
  }),
});

export const BehavioralSegment = segmentRef('BehavioralSegment').implement({
  interfaces: [SegmentInterface],
  description: 'A Criteo-provided behavioral segment (read-only).',
  fields: (t) => ({
    category: t.field({
      type: BehavioralCategoryEnum,
      resolve: (s) => s.attributes.behavioral?.category ?? 'Unknown',
      description: 'The theme.',
    }),
    country: t.string({
      nullable: true,
      resolve: (s) => s.attributes.behavioral?.country ?? null,
      description: "The users' country.",
    }),
    startDate: t.field({
      type: 'DateTime',
      nullable: true,
      resolve: (s) => s.attributes.behavioral?.startDate ?? null,
      description: 'When it starts filling.',
    }),
    endDate: t.field({
      type: 'DateTime',
      nullable: true,
      resolve: (s) => s.attributes.behavioral?.endDate ?? null,
      description: 'When it is emptied.',
    }),
  }),
});

export const RetargetingSegment = segmentRef('RetargetingSegment').implement({
  interfaces: [SegmentInterface],
  description: "Visitors of the advertiser's site, by recency and purchase.",
  fields: (t) => ({
    visitorsType: t.field({
      type: VisitorsTypeEnum,
      nullable: true,
      resolve: (s) => s.attributes.retargeting?.visitorsType ?? null,
      description: 'Buyers, non-buyers or all.',
    }),
    daysSinceLastVisitMin: t.int({
      nullable: true,
      resolve: (s) => s.attributes.retargeting?.daysSinceLastVisitMin ?? null,
      description: 'Visited at least this many days ago.',
    }),
    daysSinceLastVisitMax: t.int({
      nullable: true,
      resolve: (s) => s.attributes.retargeting?.daysSinceLastVisitMax ?? null,
      description: 'Visited at most this many days ago.',
    }),
  }),
});

export const UnknownSegment = segmentRef('UnknownSegment').implement({
  interfaces: [SegmentInterface],
  description: 'A segment of a type this API version does not describe (Criteo `Unknown`).',
  fields: () => ({}),
});

// Declared before the union: its `seedSegment` field refers back to the union.
export const LookalikeSegment = segmentRef('LookalikeSegment');

export const AudienceSegmentUnion = builder.unionType('AudienceSegment', {
  description:
    'An audience segment, typed by its Criteo `type`. Select type-specific settings with inline fragments.',
  types: [
    InMarketSegment,
    ProspectingSegment,
    ContactListSegment,
    LocationSegment,
    BehavioralSegment,
    RetargetingSegment,
    LookalikeSegment,
    UnknownSegment,
  ],
  resolveType: memberTypeOf,
});

LookalikeSegment.implement({
  interfaces: [SegmentInterface],
  description: 'People similar to a seed segment (a contact list or retargeting segment).',
  fields: (t) => ({
    seedSegmentId: t.id({
      nullable: true,
      resolve: (s) => s.attributes.lookalike?.seedSegmentId ?? null,
      description: 'Id of the seed segment.',
    }),
    seedSegment: t.field({
      type: AudienceSegmentUnion,
      nullable: true,
      description: 'The seed segment (batched with other segment lookups).',
      resolve: (s, _args, ctx) => {
        const id = s.attributes.lookalike?.seedSegmentId;
        return id ? ctx.loaders.segments.load(id) : null;
      },
    }),
    targetSize: t.field({
      type: 'SafeInt',
      nullable: true,
      resolve: (s) => s.attributes.lookalike?.targetSize ?? null,
      description: 'Desired size of the lookalike.',
    }),
  }),
});
