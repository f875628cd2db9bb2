import { z } from 'zod';
import { NillableStringSchema } from './audience-segment.js';
import {
  bulkRequestSchema,
  listResponseSchema,
  resourceSchema,
  searchResponseSchema,
  singleRequestSchema,
} from './envelope.js';

/**
 * `AlgebraNodeV1`: one of `and` / `or` / `not` / `audienceSegmentId`. The spec does not enforce
 * "exactly one key"; the API's business rules do.
 */
export interface AlgebraNode {
  and?: AlgebraNode[] | null | undefined;
  or?: AlgebraNode[] | null | undefined;
  not?: AlgebraNode | null | undefined;
  audienceSegmentId?: string | null | undefined;
}

export const AlgebraNodeSchema: z.ZodType<AlgebraNode> = z.lazy(() =>
  z.object({
    and: z.array(AlgebraNodeSchema).nullish(),
    or: z.array(AlgebraNodeSchema).nullish(),
    not: AlgebraNodeSchema.nullish(),
    audienceSegmentId: z.string().nullish(),
  }),
);

export const AudienceSchema = z.object({
  advertiserId: z.string().nullish(),
  name: z.string().nullish(),
  description: z.string().nullish(),
  algebra: AlgebraNodeSchema.nullish(),
  adSetIds: z.array(z.string()).nullish(),
  createdAt: z.string().nullish(),
  updatedAt: z.string().nullish(),
});
export type Audience = z.infer<typeof AudienceSchema>;

export const AudienceResourceSchema = resourceSchema(AudienceSchema);
export type AudienceResource = z.infer<typeof AudienceResourceSchema>;
/** An audience as the gateway uses it: Criteo's attributes with the id beside them. */
export const AudienceModelSchema = AudienceSchema.extend({ id: z.string() });
export type AudienceModel = z.infer<typeof AudienceModelSchema>;
export const AudienceListResponseSchema = listResponseSchema(AudienceResourceSchema);
export const AudienceSearchResponseSchema = searchResponseSchema(AudienceResourceSchema);

export const AudienceCreateSchema = z.object({
  advertiserId: z.string().optional(),
  name: z.string().optional(),
  description: z.string().optional(),
  algebra: AlgebraNodeSchema.optional(),
});
export type AudienceCreate = z.infer<typeof AudienceCreateSchema>;

export const AudienceCreateResourceSchema = z.object({
  type: z.string().optional(),
  attributes: AudienceCreateSchema.optional(),
});
export const AudienceBulkCreateInputSchema = bulkRequestSchema(AudienceCreateResourceSchema);
export type AudienceBulkCreateInput = z.infer<typeof AudienceBulkCreateInputSchema>;

export const AudienceUpdateSchema = z.object({
  name: z.string().optional(),
  description: NillableStringSchema.optional(),
  algebra: AlgebraNodeSchema.optional(),
});
export type AudienceUpdate = z.infer<typeof AudienceUpdateSchema>;

export const AudienceUpdateResourceSchema = z.object({
  id: z.string().optional(),
  type: z.string().optional(),
  attributes: AudienceUpdateSchema.optional(),
});
export const AudienceBulkUpdateInputSchema = bulkRequestSchema(AudienceUpdateResourceSchema);
export type AudienceBulkUpdateInput = z.infer<typeof AudienceBulkUpdateInputSchema>;

export const AudienceSearchInputSchema = z.object({
  data: z
    .object({
      type: z.string().optional(),
      attributes: z
        .object({
          audienceIds: z.array(z.string()).nullish(),
          advertiserIds: z.array(z.string()).nullish(),
          audienceSegmentIds: z.array(z.string()).nullish(),
          adSetIds: z.array(z.string()).nullish(),
        })
        .optional(),
    })
    .optional(),
});
export type AudienceSearchInput = z.infer<typeof AudienceSearchInputSchema>;

export const AudienceEstimateSizeInputSchema = singleRequestSchema(
  z.object({
    type: z.string().optional(),
    attributes: z
      .object({ advertiserId: z.string().optional(), algebra: AlgebraNodeSchema.optional() })
      .optional(),
  }),
);
export type AudienceEstimateSizeInput = z.infer<typeof AudienceEstimateSizeInputSchema>;

/** Every segment id an algebra references, in order of appearance, without duplicates. */
export function algebraSegmentIds(node: AlgebraNode | null | undefined, into = new Set<string>()): string[] {
  if (!node) return [...into];
  if (node.audienceSegmentId) into.add(node.audienceSegmentId);
  for (const child of [...(node.and ?? []), ...(node.or ?? [])]) algebraSegmentIds(child, into);
  if (node.not) algebraSegmentIds(node.not, into);
  return [...into];
}
