import { z } from 'zod';

/** `POST /oauth2/token` success body (client credentials). `refresh_token` is present and null. */
export const TokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string(),
  expires_in: z.number().int().positive(),
  refresh_token: z.string().nullish(),
});
export type TokenResponse = z.infer<typeof TokenResponseSchema>;
