import type { Audience, AudienceResource } from '../contract/audience.js';
import type { AudienceSegment, AudienceSegmentResource } from '../contract/audience-segment.js';

/** A segment as the schema sees it: Criteo's resource with its id and attributes present. */
export interface SegmentModel {
  id: string;
  attributes: AudienceSegment;
}

export interface AudienceModel {
  id: string;
  attributes: Audience;
}

/** Resources without an id cannot be addressed; they are dropped (the spec makes `id` nullable). */
export function toSegmentModels(
  resources: readonly AudienceSegmentResource[] | null | undefined,
): SegmentModel[] {
  return (resources ?? []).flatMap((r) => (r.id ? [{ id: r.id, attributes: r.attributes ?? {} }] : []));
}

export function toAudienceModels(resources: readonly AudienceResource[] | null | undefined): AudienceModel[] {
  return (resources ?? []).flatMap((r) => (r.id ? [{ id: r.id, attributes: r.attributes ?? {} }] : []));
}
