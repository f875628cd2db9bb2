import type { ContactListStatistics } from '../contract/contact-list.js';
import type { CriteoOperations } from '../criteo/client.js';

/**
 * Statistics of contact lists by segment id, in key order. Criteo has no batch endpoint for them: one
 * GET per list, all at once; a failed GET fails only its own key.
 */
export async function loadContactListStatisticsById(
  criteo: Pick<CriteoOperations, 'getAudienceSegmentContactListStatistics'>,
  ids: readonly string[],
): Promise<(ContactListStatistics | null | Error)[]> {
  const settled = await Promise.allSettled(
    ids.map((id) => criteo.getAudienceSegmentContactListStatistics(id)),
  );
  return settled.map((result) =>
    result.status === 'fulfilled'
      ? result.value
      : result.reason instanceof Error
        ? result.reason
        : new Error(String(result.reason)),
  );
}
