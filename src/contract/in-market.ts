import { z } from 'zod';
import { listResponseSchema, resourceSchema } from './envelope.js';

/** Interests are Google product-taxonomy ids; the spec gives them only a `parentId`, no name. */
export const InMarketInterestSchema = z.object({ parentId: z.string().nullish() });
export const InMarketInterestModelSchema = InMarketInterestSchema.extend({ id: z.string() });
export type InMarketInterestModel = z.infer<typeof InMarketInterestModelSchema>;
export const InMarketInterestListResponseSchema = listResponseSchema(resourceSchema(InMarketInterestSchema));

export const InMarketBrandSchema = z.object({ name: z.string().nullish(), size: z.number().int().nullish() });
export const InMarketBrandModelSchema = InMarketBrandSchema.extend({ id: z.string() });
export type InMarketBrandModel = z.infer<typeof InMarketBrandModelSchema>;
export const InMarketBrandListResponseSchema = listResponseSchema(resourceSchema(InMarketBrandSchema));
