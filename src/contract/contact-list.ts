import { z } from 'zod';
import { ProblemListSchema, resourceSchema, singleResponseSchema } from './envelope.js';

export const IdentifierTypeSchema = z.enum(['email', 'madid', 'identityLink', 'gum', 'phoneNumber']);
export type IdentifierType = z.infer<typeof IdentifierTypeSchema>;
export const ContactListOperationSchema = z.enum(['add', 'remove']);
export type ContactListOperation = z.infer<typeof ContactListOperationSchema>;

/** `ContactlistAmendmentRequest`: at most 50,000 identifiers per request (docs). */
export const ContactListAmendmentRequestSchema = z.object({
  data: z.object({
    type: z.string(),
    attributes: z.object({
      operation: ContactListOperationSchema,
      identifierType: IdentifierTypeSchema.optional(),
      identifiers: z.array(z.string()),
      gumCallerId: z.number().int().optional(),
    }),
  }),
});
export type ContactListAmendmentRequest = z.infer<typeof ContactListAmendmentRequestSchema>;

/** `ModifyAudienceResponse`. `contactListId` is an integer in the spec (the docs show a string). */
export const ModifyAudienceResponseSchema = z.object({
  data: z.object({
    type: z.string(),
    attributes: z.object({
      contactListId: z.number().int().nullish(),
      operation: z.string(),
      requestDate: z.string().nullish(),
      identifierType: z.string().nullish(),
      nbValidIdentifiers: z.number().int().nullish(),
      nbInvalidIdentifiers: z.number().int().nullish(),
      sampleInvalidIdentifiers: z.array(z.string()).nullish(),
    }),
  }),
  errors: ProblemListSchema,
  warnings: ProblemListSchema,
});
export type ModifyAudienceResponse = z.infer<typeof ModifyAudienceResponseSchema>;

/** `DeleteAudienceContactListResponse`. */
export const DeleteContactListResponseSchema = z.object({
  data: z.object({
    id: z.string(),
    type: z.string(),
    attributes: z.object({ name: z.string().nullish(), description: z.string().nullish() }).nullish(),
  }),
  errors: ProblemListSchema,
  warnings: ProblemListSchema,
});

export const ContactListStatisticsSchema = z.object({
  numberOfIdentifiers: z.number().int().nullish(),
  numberOfMatches: z.number().int().nullish(),
  matchRate: z.number().nullish(),
});
export type ContactListStatistics = z.infer<typeof ContactListStatisticsSchema>;
export const ContactListStatisticsResponseSchema = singleResponseSchema(
  resourceSchema(ContactListStatisticsSchema),
);
