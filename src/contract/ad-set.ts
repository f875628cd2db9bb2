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

/**
 * `GET /ad-sets/{ad-set-id}` (`ResponseReadAdSetV24Q3`): the gateway reads only whose ad set it is
 * (advertiser scoping); the other attributes (bidding, budget, targeting, …) are left unparsed.
 */
export const AdSetSchema = z.object({ advertiserId: z.string().nullish(), name: z.string().nullish() });
export type AdSet = z.infer<typeof AdSetSchema>;
export const ReadAdSetResponseSchema = singleResponseSchema(resourceSchema(AdSetSchema));
