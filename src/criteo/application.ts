import { AdSetAudienceLinkResponseSchema, ReadAdSetResponseSchema } from '../contract/ad-set.js';
import { ApplicationSummaryResponseSchema } from '../contract/application.js';
import type { CriteoHttp } from './http.js';

export function getCurrentApplication(http: CriteoHttp) {
  return http.call({
    operation: 'GetCurrentApplication',
    method: 'GET',
    path: '/me',
    schema: ApplicationSummaryResponseSchema,
  });
}

export function updateAdSetAudience(http: CriteoHttp, adSetId: string, audienceId: string) {
  return http.call({
    operation: 'UpdateAdSetAudience',
    method: 'PUT',
    path: `/ad-sets/${encodeURIComponent(adSetId)}/audience`,
    body: { data: { id: adSetId, type: 'AdSetAudienceLink', attributes: { audienceId } } },
    schema: AdSetAudienceLinkResponseSchema,
  });
}

export function getAdSet(http: CriteoHttp, adSetId: string) {
  return http.call({
    operation: 'GetAdSet',
    method: 'GET',
    path: `/ad-sets/${encodeURIComponent(adSetId)}`,
    schema: ReadAdSetResponseSchema,
  });
}
