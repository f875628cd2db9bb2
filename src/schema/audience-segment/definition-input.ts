import { z } from 'zod';
import {
  BuyingPowerSchema,
  GenderSchema,
  PriceRangeSchema,
  UsersTypeSchema,
  VisitorsTypeSchema,
} from '../../contract/audience-segment.js';
import { builder } from '../builder.js';
import { idSchema, optional, type RuleCode, rule, writableEnum } from '../shared/inputs.js';
import { BuyingPowerEnum, GenderEnum, PriceRangeEnum, UsersTypeEnum, VisitorsTypeEnum } from './enums.js';

export const PointOfInterestInput = builder.inputType('PointOfInterestInput', {
  description: 'A place: people seen within the radius of it belong to the location segment.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'Name of the place.' }),
    latitude: t.float({
      required: true,
      description: 'ISO-6709 latitude, -90 to 90 (Criteo keeps 5 decimals).',
    }),
    longitude: t.float({
      required: true,
      description: 'ISO-6709 longitude, -180 to 180 (Criteo keeps 5 decimals).',
    }),
  }),
});

export const InMarketSegmentInput = builder.inputType('InMarketSegmentInput', {
  description: 'People with a shopping intent in a country (list fields: empty or absent = all).',
  fields: (t) => ({
    country: t.string({ required: true, description: 'ISO 3166-1 alpha-2 country, e.g. `FR`.' }),
    interestIds: t.idList({ description: 'Google product-taxonomy interest ids (see `inMarketInterests`).' }),
    brandIds: t.idList({ description: 'In-market brand ids (see `inMarketBrands`).' }),
    buyingPower: t.field({ type: [BuyingPowerEnum], description: 'Buying powers; UNKNOWN is refused.' }),
    priceRange: t.field({ type: [PriceRangeEnum], description: 'Price ranges; UNKNOWN is refused.' }),
    gender: t.field({ type: GenderEnum, description: 'Gender; absent = all, UNKNOWN is refused.' }),
  }),
});

export const ProspectingSegmentInput = builder.inputType('ProspectingSegmentInput', {
  description: "People similar to the advertiser's buyers.",
  fields: (t) => ({
    usersType: t.field({ type: UsersTypeEnum, required: true, description: 'Which users to target.' }),
    daysSinceLastVisitMin: t.int({ description: 'Past visitors: visited at least this many days ago (0+).' }),
    daysSinceLastVisitMax: t.int({ description: 'Past visitors: visited at most this many days ago (0+).' }),
  }),
});

export const LocationSegmentInput = builder.inputType('LocationSegmentInput', {
  description: 'People seen within a radius of points of interest.',
  fields: (t) => ({
    pointsOfInterest: t.field({ type: [PointOfInterestInput], required: true, description: 'The places.' }),
    radiusInKm: t.int({ required: true, description: 'Maximum distance from a place, in km.' }),
  }),
});

export const LookalikeSegmentInput = builder.inputType('LookalikeSegmentInput', {
  description: 'People similar to a seed segment (a contact list or retargeting segment).',
  fields: (t) => ({
    seedSegmentId: t.id({ required: true, description: 'The seed segment, of the same advertiser.' }),
    targetSize: t.field({ type: 'SafeInt', description: 'Desired number of people.' }),
  }),
});

export const RetargetingSegmentInput = builder.inputType('RetargetingSegmentInput', {
  description: "Visitors of the advertiser's site within a range of days.",
  fields: (t) => ({
    visitorsType: t.field({
      type: VisitorsTypeEnum,
      required: true,
      description: 'Buyers, non-buyers or all.',
    }),
    daysSinceLastVisitMin: t.int({
      required: true,
      description: 'Visited at least this many days ago (0+).',
    }),
    daysSinceLastVisitMax: t.int({ required: true, description: 'Visited at most this many days ago.' }),
  }),
});

export const AudienceSegmentDefinitionInput = builder.inputType('AudienceSegmentDefinitionInput', {
  description: 'What a new segment targets: exactly one segment type with its settings.',
  isOneOf: true,
  fields: (t) => ({
    inMarket: t.field({ type: InMarketSegmentInput, description: 'An in-market segment.' }),
    prospecting: t.field({ type: ProspectingSegmentInput, description: 'A prospecting segment.' }),
    contactList: t.boolean({
      description: 'Pass `true` for an empty contact list; fill it with `addContactListIdentifiers`.',
    }),
    location: t.field({ type: LocationSegmentInput, description: 'A location segment.' }),
    lookalike: t.field({ type: LookalikeSegmentInput, description: 'A lookalike segment.' }),
    retargeting: t.field({ type: RetargetingSegmentInput, description: 'A retargeting segment.' }),
  }),
});

/** Days since a visit: 0 or more; `code` is Criteo's code for the rule in that segment type. */
const daysSchema = (code: RuleCode) =>
  z
    .number()
    .int()
    .refine((days) => days >= 0, {
      params: rule(code),
      error: (issue) => `must be 0 or more (got ${String(issue.input)})`,
    });
export const prospectingDays = daysSchema('days-must-be-in-range');
export const retargetingDays = daysSchema(
  'retargeting-segment-days-since-last-visit-are-not-in-acceptable-range',
);

const coordinate = (bound: number) =>
  z.number().refine((value) => value >= -bound && value <= bound, {
    params: rule('poi-coordinates-must-be-valid'),
    error: (issue) => `must be between -${bound} and ${bound} (got ${String(issue.input)})`,
  });

export const PointOfInterestSchema = z.object({
  name: z.string(),
  latitude: coordinate(90),
  longitude: coordinate(180),
});

export const idListSchema = (what: string) => z.array(idSchema(what));

const InMarketSchema = z.object({
  country: z.string(),
  interestIds: optional(idListSchema('an interest id')),
  brandIds: optional(idListSchema('a brand id')),
  buyingPower: optional(z.array(writableEnum(BuyingPowerSchema))),
  priceRange: optional(z.array(writableEnum(PriceRangeSchema))),
  gender: optional(writableEnum(GenderSchema)),
});

const ProspectingSchema = z.object({
  usersType: writableEnum(UsersTypeSchema),
  daysSinceLastVisitMin: optional(prospectingDays),
  daysSinceLastVisitMax: optional(prospectingDays),
});

const LocationSchema = z.object({
  pointsOfInterest: z.array(PointOfInterestSchema),
  radiusInKm: z.number().int(),
});

const LookalikeSchema = z.object({
  seedSegmentId: idSchema('a segment id'),
  targetSize: optional(z.number().int()),
});

const RetargetingSchema = z.object({
  visitorsType: writableEnum(VisitorsTypeSchema),
  daysSinceLastVisitMin: retargetingDays,
  daysSinceLastVisitMax: retargetingDays,
});

const DEFINITION_KEYS = [
  'inMarket',
  'prospecting',
  'contactList',
  'location',
  'lookalike',
  'retargeting',
] as const;

/** Exactly one non-null key: checked here too, for routers that strip `@oneOf`. */
export function exactlyOneKey(keys: readonly string[]) {
  return (value: Record<string, unknown>, ctx: z.RefinementCtx) => {
    const present = keys.filter((key) => value[key] != null);
    if (present.length !== 1)
      ctx.addIssue({
        code: 'custom',
        message: `needs exactly one of ${keys.join(', ')} (got ${present.join(', ') || 'none'})`,
      });
  };
}

/** `AudienceSegmentDefinitionInput` -> the one settings object of Criteo's create model. */
export const SegmentDefinitionSchema = z
  .object({
    inMarket: optional(InMarketSchema),
    prospecting: optional(ProspectingSchema),
    contactList: optional(z.literal(true, { error: 'pass true (a contact list has no settings)' })),
    location: optional(LocationSchema),
    lookalike: optional(LookalikeSchema),
    retargeting: optional(RetargetingSchema),
  })
  .superRefine(exactlyOneKey(DEFINITION_KEYS))
  .transform(({ contactList, ...settings }) => ({ ...settings, contactList: contactList ? {} : undefined }));

/** Criteo estimates in-market and location definitions only. */
export const EstimableDefinitionSchema = SegmentDefinitionSchema.superRefine((definition, ctx) => {
  const other = (['prospecting', 'contactList', 'lookalike', 'retargeting'] as const).find(
    (key) => definition[key] !== undefined,
  );
  if (other)
    ctx.addIssue({ code: 'custom', message: `Criteo estimates inMarket and location only (got ${other})` });
}).transform(({ inMarket, location }) => ({ inMarket, location }));
