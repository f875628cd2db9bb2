import type { GatewayContext } from '../context.js';
import type { AudienceModel, SegmentModel } from '../loaders/models.js';

// What a write makes stale in the request's loaders, so a later field of the same operation sees the
// new state. `prime` ignores a key already cached, hence `clear` first.
type Loaders = GatewayContext['loaders'];

export function segmentWritten(loaders: Loaders, segment: SegmentModel): void {
  loaders.segments.clear(segment.id).prime(segment.id, segment);
  loaders.segmentSizes.clear(segment.id);
  // Audiences built on the segment change size with it.
  loaders.audienceSizes.clearAll();
}

export function segmentDeleted(loaders: Loaders, id: string): void {
  loaders.segments.clear(id).prime(id, null);
  loaders.segmentSizes.clear(id);
  loaders.contactListStatistics.clear(id);
}

export function audienceWritten(loaders: Loaders, audience: AudienceModel): void {
  loaders.audiences.clear(audience.id).prime(audience.id, audience);
  loaders.audienceSizes.clear(audience.id);
}

export function audienceDeleted(loaders: Loaders, id: string): void {
  loaders.audiences.clear(id).prime(id, null);
  loaders.audienceSizes.clear(id);
}

export function contactListChanged(loaders: Loaders, segmentId: string): void {
  loaders.contactListStatistics.clear(segmentId);
  loaders.segmentSizes.clear(segmentId);
  loaders.audienceSizes.clearAll();
}

/** An ad set moved to another audience: both audiences' `adSetIds` changed, the old one is unknown. */
export function adSetAudienceChanged(loaders: Loaders): void {
  loaders.audiences.clearAll();
}
