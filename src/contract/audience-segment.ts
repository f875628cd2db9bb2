import { z } from 'zod';
import {
  bulkRequestSchema,
  IdResourceSchema,
  listResponseSchema,
  nillableSchema,
  resourceSchema,
  searchResponseSchema,
  singleRequestSchema,
  singleResponseSchema,
} from './envelope.js';

// Enums: the write models list the business values; the read models add `Unknown` (contract §4.1).
export const AudienceSegmentTypeSchema = z.enum([
  'Unknown',
  'InMarket',
  'Prospecting',
  'ContactList',
  'Location',
  'Behavioral',
  'Retargeting',
  'Lookalike',
]);
export type AudienceSegmentType = z.infer<typeof AudienceSegmentTypeSchema>;

export const BuyingPowerSchema = z.enum(['Low', 'Medium', 'High', 'VeryHigh']);
export const GenderSchema = z.enum(['Male', 'Female']);
export const PriceRangeSchema = z.enum(['Low', 'Medium', 'High']);
export const VisitorsTypeSchema = z.enum(['All', 'Buyers', 'NonBuyers']);
export const UsersTypeSchema = z.enum(['Prospects', 'ProspectsOrNonBuyers']);
export const RegistryTypeSchema = z.enum(['PointOfInterest']);
export const BehavioralCategorySchema = z.enum([
  'Unknown',
  'Lifestyles',
  'LifeEvents',
  'Seasonal',
  'BuyingPatterns',
]);

export const ReadBuyingPowerSchema = z.enum(['Unknown', 'Low', 'Medium', 'High', 'VeryHigh']);
export const ReadGenderSchema = z.enum(['Unknown', 'Male', 'Female']);
export const ReadPriceRangeSchema = z.enum(['Unknown', 'Low', 'Medium', 'High']);
export const ReadVisitorsTypeSchema = z.enum(['Unknown', 'All', 'Buyers', 'NonBuyers']);
export const ReadUsersTypeSchema = z.enum(['Unknown', 'Prospects', 'ProspectsOrNonBuyers']);
export const ReadRegistryTypeSchema = z.enum(['Unknown', 'PointOfInterest']);

export const PointOfInterestSchema = z.object({
  name: z.string().nullish(),
  latitude: z.number().nullish(),
  longitude: z.number().nullish(),
});
export type PointOfInterest = z.infer<typeof PointOfInterestSchema>;

// ---- Read model (AudienceSegmentEntityV1): every field nullable ----

export const InMarketSchema = z.object({
  country: z.string().nullish(),
  buyingPower: z.array(ReadBuyingPowerSchema).nullish(),
  gender: ReadGenderSchema.nullish(),
  interestIds: z.array(z.string()).nullish(),
  brandIds: z.array(z.string()).nullish(),
  priceRange: z.array(ReadPriceRangeSchema).nullish(),
});
export const ProspectingSchema = z.object({
  usersType: ReadUsersTypeSchema.nullish(),
  daysSinceLastVisitMin: z.number().int().nullish(),
  daysSinceLastVisitMax: z.number().int().nullish(),
});
export const ContactListSchema = z.object({ isReadOnly: z.boolean().nullish() });
export const LocationSchema = z.object({
  registryType: ReadRegistryTypeSchema.nullish(),
  pointsOfInterest: z.array(PointOfInterestSchema).nullish(),
  radiusInKm: z.number().int().nullish(),
});
export const BehavioralSchema = z.object({
  category: BehavioralCategorySchema,
  country: z.string().nullish(),
  startDate: z.string().nullish(),
  endDate: z.string().nullish(),
});
export const LookalikeSchema = z.object({
  seedSegmentId: z.string().nullish(),
  targetSize: z.number().int().nullish(),
});
export const RetargetingSchema = z.object({
  visitorsType: ReadVisitorsTypeSchema.nullish(),
  daysSinceLastVisitMin: z.number().int().nullish(),
  daysSinceLastVisitMax: z.number().int().nullish(),
});

export const AudienceSegmentSchema = z.object({
  advertiserId: z.string().nullish(),
  name: z.string().nullish(),
  description: z.string().nullish(),
  type: AudienceSegmentTypeSchema.nullish(),
  createdAt: z.string().nullish(),
  updatedAt: z.string().nullish(),
  inMarket: InMarketSchema.nullish(),
  prospecting: ProspectingSchema.nullish(),
  contactList: ContactListSchema.nullish(),
  location: LocationSchema.nullish(),
  behavioral: BehavioralSchema.nullish(),
  lookalike: LookalikeSchema.nullish(),
  retargeting: RetargetingSchema.nullish(),
});
export type AudienceSegment = z.infer<typeof AudienceSegmentSchema>;

export const AudienceSegmentResourceSchema = resourceSchema(AudienceSegmentSchema);
export type AudienceSegmentResource = z.infer<typeof AudienceSegmentResourceSchema>;

/** A segment as the gateway uses it: Criteo's attributes with the id beside them. */
export const AudienceSegmentModelSchema = AudienceSegmentSchema.extend({ id: z.string() });
export type AudienceSegmentModel = z.infer<typeof AudienceSegmentModelSchema>;

export const AudienceSegmentListResponseSchema = listResponseSchema(AudienceSegmentResourceSchema);
export const AudienceSegmentSearchResponseSchema = searchResponseSchema(AudienceSegmentResourceSchema);

export const SizeSchema = z.object({ size: z.number().int().nullish() });
/** A size Criteo computed or estimated (a success always carries the number). */
export const AudienceSizeSchema = z.object({ value: z.number().int() });
export type AudienceSize = z.infer<typeof AudienceSizeSchema>;
export const AudienceSegmentSizeListResponseSchema = listResponseSchema(resourceSchema(SizeSchema));
export const SizeEstimationResponseSchema = singleResponseSchema(
  z.object({ type: z.string().nullish(), attributes: SizeSchema.nullish() }),
);

// ---- Write models. Every property is optional at the wire level: the spec's `required` lists are
// business rules the API answers with codes (`undefined-advertiser-id`, `name-must-not-be-empty`, …). ----

export const InMarketCreateSchema = z.object({
  country: z.string().optional(),
  buyingPower: z.array(BuyingPowerSchema).optional(),
  gender: GenderSchema.optional(),
  interestIds: z.array(z.string()).optional(),
  brandIds: z.array(z.string()).optional(),
  priceRange: z.array(PriceRangeSchema).optional(),
});
export type InMarketCreate = z.infer<typeof InMarketCreateSchema>;

export const ProspectingCreateSchema = z.object({
  usersType: UsersTypeSchema.optional(),
  daysSinceLastVisitMin: z.number().int().optional(),
  daysSinceLastVisitMax: z.number().int().optional(),
});
export const LocationCreateSchema = z.object({
  pointsOfInterest: z.array(PointOfInterestSchema).optional(),
  radiusInKm: z.number().int().optional(),
});
export type LocationCreate = z.infer<typeof LocationCreateSchema>;
export const LookalikeCreateSchema = z.object({
  seedSegmentId: z.string().optional(),
  targetSize: z.number().int().optional(),
});
export const RetargetingCreateSchema = z.object({
  visitorsType: VisitorsTypeSchema.optional(),
  daysSinceLastVisitMin: z.number().int().optional(),
  daysSinceLastVisitMax: z.number().int().optional(),
});

export const AudienceSegmentCreateSchema = z.object({
  advertiserId: z.string().optional(),
  name: z.string().optional(),
  description: z.string().optional(),
  inMarket: InMarketCreateSchema.optional(),
  prospecting: ProspectingCreateSchema.optional(),
  contactList: z.object({}).optional(),
  location: LocationCreateSchema.optional(),
  lookalike: LookalikeCreateSchema.optional(),
  retargeting: RetargetingCreateSchema.optional(),
});
export type AudienceSegmentCreate = z.infer<typeof AudienceSegmentCreateSchema>;

export const AudienceSegmentCreateResourceSchema = z.object({
  type: z.string().optional(),
  attributes: AudienceSegmentCreateSchema.optional(),
});
export const AudienceSegmentBulkCreateInputSchema = bulkRequestSchema(AudienceSegmentCreateResourceSchema);
export type AudienceSegmentBulkCreateInput = z.infer<typeof AudienceSegmentBulkCreateInputSchema>;

export const NillableStringSchema = nillableSchema(z.string());
export const NillableInt32Schema = nillableSchema(z.number().int());

export const AudienceSegmentUpdateSchema = z.object({
  name: z.string().optional(),
  description: NillableStringSchema.optional(),
  inMarket: InMarketCreateSchema.extend({ gender: nillableSchema(GenderSchema).optional() }).optional(),
  prospecting: z
    .object({
      usersType: UsersTypeSchema.optional(),
      daysSinceLastVisitMin: NillableInt32Schema.optional(),
      daysSinceLastVisitMax: NillableInt32Schema.optional(),
    })
    .optional(),
  location: LocationCreateSchema.extend({ registryType: RegistryTypeSchema.optional() }).optional(),
  lookalike: z.object({ targetSize: z.number().int().optional() }).optional(),
  retargeting: RetargetingCreateSchema.optional(),
});
export type AudienceSegmentUpdate = z.infer<typeof AudienceSegmentUpdateSchema>;

export const AudienceSegmentUpdateResourceSchema = z.object({
  id: z.string().optional(),
  type: z.string().optional(),
  attributes: AudienceSegmentUpdateSchema.optional(),
});
export const AudienceSegmentBulkUpdateInputSchema = bulkRequestSchema(AudienceSegmentUpdateResourceSchema);
export type AudienceSegmentBulkUpdateInput = z.infer<typeof AudienceSegmentBulkUpdateInputSchema>;

/** Delete and compute-sizes take id-only items. */
export const IdBulkInputSchema = bulkRequestSchema(IdResourceSchema);
export type IdBulkInput = z.infer<typeof IdBulkInputSchema>;

export const AudienceSegmentSearchInputSchema = z.object({
  data: z
    .object({
      type: z.string().optional(),
      attributes: z
        .object({
          advertiserIds: z.array(z.string()).nullish(),
          audienceSegmentIds: z.array(z.string()).nullish(),
          audienceSegmentTypes: z.array(AudienceSegmentTypeSchema).nullish(),
        })
        .optional(),
    })
    .optional(),
});
export type AudienceSegmentSearchInput = z.infer<typeof AudienceSegmentSearchInputSchema>;

export const AudienceSegmentEstimateSizeInputSchema = singleRequestSchema(
  z.object({
    type: z.string().optional(),
    attributes: z
      .object({
        advertiserId: z.string().optional(),
        inMarket: InMarketCreateSchema.optional(),
        location: LocationCreateSchema.optional(),
      })
      .optional(),
  }),
);
export type AudienceSegmentEstimateSizeInput = z.infer<typeof AudienceSegmentEstimateSizeInputSchema>;
