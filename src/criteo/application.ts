import { type AdSet, AdSetAudienceLinkResponseSchema, ReadAdSetResponseSchema } from '../contract/ad-set.js';
import { type ApplicationSummary, ApplicationSummaryResponseSchema } from '../contract/application.js';
import type { CriteoHttp } from './http.js';

/** The application the token belongs to; null when Criteo sends no attributes. */
export async function getCurrentApplication(http: CriteoHttp): Promise<ApplicationSummary | null> {
  const response = await http.call({
    operation: 'GetCurrentApplication',
    method: 'GET',
    path: '/me',
    schema: ApplicationSummaryResponseSchema,
  });
  return response.data?.attributes ?? null;
}

/** Links the ad set to the audience; answers the audience Criteo now links (null if it did not say). */
export async function updateAdSetAudience(
  http: CriteoHttp,
  adSetId: string,
  audienceId: string,
): Promise<{ audienceId: string | null }> {
  const response = await http.call({
    operation: 'UpdateAdSetAudience',
    method: 'PUT',
    path: `/ad-sets/${encodeURIComponent(adSetId)}/audience`,
    body: { data: { id: adSetId, type: 'AdSetAudienceLink', attributes: { audienceId } } },
    schema: AdSetAudienceLinkResponseSchema,
    // The audiences' `adSetIds` change: the one linked now and the one linked before.
    invalidates: ['Audience'],
  });
  return { audienceId: response.data?.attributes?.audienceId ?? null };
}

/** The ad set (only whose it is and its name); null when Criteo sends no attributes. */
export async function getAdSet(http: CriteoHttp, adSetId: string): Promise<AdSet | null> {
  const response = await http.call({
    operation: 'GetAdSet',
    method: 'GET',
    path: `/ad-sets/${encodeURIComponent(adSetId)}`,
    schema: ReadAdSetResponseSchema,
  });
  return response.data?.attributes ?? null;
}
