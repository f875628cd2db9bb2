import {
  type ContactListAmendmentRequest,
  ContactListStatisticsResponseSchema,
  DeleteContactListResponseSchema,
  ModifyAudienceResponseSchema,
} from '../contract/contact-list.js';
import type { CriteoHttp } from './http.js';

export function updateContactListByAudienceSegment(
  http: CriteoHttp,
  segmentId: string,
  attributes: ContactListAmendmentRequest['data']['attributes'],
) {
  return http.call({
    operation: 'UpdateContactListByAudienceSegment',
    method: 'PATCH',
    path: `/audience-segments/${encodeURIComponent(segmentId)}/contact-list`,
    body: { data: { type: 'ContactlistAmendment', attributes } },
    schema: ModifyAudienceResponseSchema,
  });
}

export function deleteContactListByAudienceSegment(http: CriteoHttp, segmentId: string) {
  return http.call({
    operation: 'DeleteContactListByAudienceSegment',
    method: 'DELETE',
    path: `/audience-segments/${encodeURIComponent(segmentId)}/contact-list`,
    schema: DeleteContactListResponseSchema,
  });
}

export function getAudienceSegmentContactListStatistics(http: CriteoHttp, segmentId: string) {
  return http.call({
    operation: 'GetAudienceSegmentContactListStatistics',
    method: 'GET',
    path: `/audience-segments/${encodeURIComponent(segmentId)}/contact-list/statistics`,
    schema: ContactListStatisticsResponseSchema,
  });
}
