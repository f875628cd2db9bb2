import {
  type ContactListAmendmentRequest,
  type ContactListStatistics,
  ContactListStatisticsResponseSchema,
  DeleteContactListResponseSchema,
  type ModifyAudienceResponse,
  ModifyAudienceResponseSchema,
} from '../contract/contact-list.js';
import type { Problem } from '../contract/envelope.js';
import type { CriteoHttp } from './http.js';

/** What Criteo did with one chunk of identifiers, and the problems it reported beside it. */
export interface ContactListAmendment {
  result: ModifyAudienceResponse['data']['attributes'];
  errors: Problem[];
  warnings: Problem[];
}

export async function updateContactListByAudienceSegment(
  http: CriteoHttp,
  segmentId: string,
  attributes: ContactListAmendmentRequest['data']['attributes'],
): Promise<ContactListAmendment> {
  const response = await http.call({
    operation: 'UpdateContactListByAudienceSegment',
    method: 'PATCH',
    path: `/audience-segments/${encodeURIComponent(segmentId)}/contact-list`,
    body: { data: { type: 'ContactlistAmendment', attributes } },
    schema: ModifyAudienceResponseSchema,
    // The segment's size and statistics, and the sizes of the audiences built of it.
    invalidates: ['AudienceSegment'],
  });
  return {
    result: response.data.attributes,
    errors: response.errors ?? [],
    warnings: response.warnings ?? [],
  };
}

export async function deleteContactListByAudienceSegment(http: CriteoHttp, segmentId: string): Promise<void> {
  await http.call({
    operation: 'DeleteContactListByAudienceSegment',
    method: 'DELETE',
    path: `/audience-segments/${encodeURIComponent(segmentId)}/contact-list`,
    schema: DeleteContactListResponseSchema,
    invalidates: ['AudienceSegment'],
  });
}

/** The list's statistics; null when Criteo sends none. */
export async function getAudienceSegmentContactListStatistics(
  http: CriteoHttp,
  segmentId: string,
): Promise<ContactListStatistics | null> {
  const response = await http.call({
    operation: 'GetAudienceSegmentContactListStatistics',
    method: 'GET',
    path: `/audience-segments/${encodeURIComponent(segmentId)}/contact-list/statistics`,
    schema: ContactListStatisticsResponseSchema,
    reads: ['AudienceSegment'],
  });
  return response.data?.attributes ?? null;
}
