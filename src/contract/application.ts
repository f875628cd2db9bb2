import { z } from 'zod';
import { singleResponseSchema } from './envelope.js';

/** `GET /me`: the application the token belongs to. */
export const ApplicationSummarySchema = z.object({
  applicationId: z.number().int().nullish(),
  criteoService: z.string().nullish(),
  description: z.string().nullish(),
  name: z.string().nullish(),
  organizationId: z.number().int().nullish(),
});
export type ApplicationSummary = z.infer<typeof ApplicationSummarySchema>;
export const ApplicationSummaryResponseSchema = singleResponseSchema(
  z.object({ type: z.string().nullish(), attributes: ApplicationSummarySchema.nullish() }),
);
