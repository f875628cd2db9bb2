import { z } from 'zod';
import { resourceSchema, singleResponseSchema } from './envelope.js';

/** `PUT /ad-sets/{ad-set-id}/audience`: links an audience to an ad set (fills `Audience.adSetIds`). */
export const AdSetAudienceLinkInputSchema = z.object({
  data: z
    .object({
      id: z.string().nullish(),
      type: z.string().nullish(),
      attributes: z.object({ audienceId: z.string().nullish() }).optional(),
    })
    .optional(),
});
export type AdSetAudienceLinkInput = z.infer<typeof AdSetAudienceLinkInputSchema>;

export const AdSetAudienceLinkResponseSchema = singleResponseSchema(
  resourceSchema(z.object({ audienceId: z.string().nullish() })),
);
