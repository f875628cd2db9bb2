import { builder } from '../builder.js';

/** GraphQL enum values in SCREAMING_CASE mapped to Criteo's PascalCase wire values. */
function criteoEnum<const T extends string>(
  name: string,
  description: string,
  values: Record<string, { value: T; description?: string }>,
) {
  return builder.enumType(name, { description, values });
}

export const SegmentTypeEnum = criteoEnum('SegmentType', 'The kind of an audience segment.', {
  UNKNOWN: { value: 'Unknown', description: 'A type Criteo does not describe in this API version.' },
  IN_MARKET: { value: 'InMarket', description: 'People with a shopping intent, by interests and brands.' },
  PROSPECTING: { value: 'Prospecting', description: "People similar to the advertiser's buyers." },
  CONTACT_LIST: { value: 'ContactList', description: 'People from an uploaded contact list.' },
  LOCATION: { value: 'Location', description: 'People seen near points of interest.' },
  BEHAVIORAL: { value: 'Behavioral', description: 'Criteo-provided behavioral segments (read-only).' },
  RETARGETING: { value: 'Retargeting', description: "Visitors of the advertiser's site." },
  LOOKALIKE: { value: 'Lookalike', description: 'People similar to a seed segment.' },
});

export const BuyingPowerEnum = criteoEnum('BuyingPower', 'How much people spend, from low to very high.', {
  UNKNOWN: { value: 'Unknown' },
  LOW: { value: 'Low' },
  MEDIUM: { value: 'Medium' },
  HIGH: { value: 'High' },
  VERY_HIGH: { value: 'VeryHigh' },
});

export const GenderEnum = criteoEnum('Gender', 'Gender of the products people are interested in.', {
  UNKNOWN: { value: 'Unknown' },
  MALE: { value: 'Male' },
  FEMALE: { value: 'Female' },
});

export const PriceRangeEnum = criteoEnum('PriceRange', 'Price range of the products people look at.', {
  UNKNOWN: { value: 'Unknown' },
  LOW: { value: 'Low' },
  MEDIUM: { value: 'Medium' },
  HIGH: { value: 'High' },
});

export const VisitorsTypeEnum = criteoEnum(
  'VisitorsType',
  'Which site visitors a retargeting segment targets.',
  {
    UNKNOWN: { value: 'Unknown' },
    ALL: { value: 'All' },
    BUYERS: { value: 'Buyers' },
    NON_BUYERS: { value: 'NonBuyers' },
  },
);

export const UsersTypeEnum = criteoEnum('UsersType', 'Which users a prospecting segment targets.', {
  UNKNOWN: { value: 'Unknown', description: 'A value this API version does not describe.' },
  PROSPECTS: { value: 'Prospects', description: 'New users only.' },
  PROSPECTS_OR_NON_BUYERS: {
    value: 'ProspectsOrNonBuyers',
    description: 'New users and past visitors who did not buy.',
  },
});

export const RegistryTypeEnum = criteoEnum('RegistryType', 'The kind of location segment.', {
  UNKNOWN: { value: 'Unknown' },
  POINT_OF_INTEREST: { value: 'PointOfInterest' },
});

export const BehavioralCategoryEnum = criteoEnum(
  'BehavioralCategory',
  'The theme of a Criteo behavioral segment.',
  {
    UNKNOWN: { value: 'Unknown' },
    LIFESTYLES: { value: 'Lifestyles' },
    LIFE_EVENTS: { value: 'LifeEvents' },
    SEASONAL: { value: 'Seasonal' },
    BUYING_PATTERNS: { value: 'BuyingPatterns' },
  },
);
