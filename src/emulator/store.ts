import type { Audience, AudienceResource } from '../contract/audience.js';
import { algebraSegmentIds } from '../contract/audience.js';
import type {
  AudienceSegment,
  AudienceSegmentResource,
  AudienceSegmentType,
} from '../contract/audience-segment.js';

export type SegmentAttributes = AudienceSegment & {
  advertiserId: string;
  name: string;
  type: AudienceSegmentType;
};
export type AudienceAttributes = Omit<Audience, 'adSetIds'> & { advertiserId: string; name: string };

/** Identifiers a contact list holds: demo lists carry a synthetic count on top of real identifiers. */
export interface ContactListState {
  identifiers: Set<string>;
  syntheticCount: number;
  identifierType: string | null;
}

export interface SegmentRecord {
  id: string;
  attributes: SegmentAttributes;
  contactList?: ContactListState;
}

export interface AudienceRecord {
  id: string;
  attributes: AudienceAttributes;
}

export interface AdSetRecord {
  id: string;
  advertiserId: string;
  name: string;
  audienceId: string | null;
}

export interface SegmentFilter {
  advertiserIds?: string[] | null;
  ids?: string[] | null;
  types?: AudienceSegmentType[] | null;
}

export interface AudienceFilter {
  advertiserIds?: string[] | null;
  ids?: string[] | null;
  segmentIds?: string[] | null;
  adSetIds?: string[] | null;
}

const byNumericId = (a: { id: string }, b: { id: string }) => Number(a.id) - Number(b.id);

/** The emulator's state: segments, audiences and ad sets, keyed by their string ids. */
export class EmulatorStore {
  readonly segments = new Map<string, SegmentRecord>();
  readonly audiences = new Map<string, AudienceRecord>();
  readonly adSets = new Map<string, AdSetRecord>();
  private nextSegmentId = 100_001;
  private nextAudienceId = 500_001;

  addSegment(attributes: SegmentAttributes, contactList?: ContactListState): SegmentRecord {
    const record: SegmentRecord = { id: String(this.nextSegmentId++), attributes };
    if (contactList) record.contactList = contactList;
    this.segments.set(record.id, record);
    return record;
  }

  addAudience(attributes: AudienceAttributes): AudienceRecord {
    const record: AudienceRecord = { id: String(this.nextAudienceId++), attributes };
    this.audiences.set(record.id, record);
    return record;
  }

  addAdSet(record: AdSetRecord): void {
    this.adSets.set(record.id, record);
  }

  /** Filters are AND-ed; an absent or empty filter does not filter. Only `visible` advertisers are returned. */
  searchSegments(filter: SegmentFilter, visible: readonly string[]): SegmentRecord[] {
    const ids = filter.ids?.length ? new Set(filter.ids) : null;
    const advertisers = new Set(filter.advertiserIds?.length ? filter.advertiserIds : visible);
    const types = filter.types?.length ? new Set(filter.types) : null;
    return [...this.segments.values()]
      .filter(
        (s) =>
          visible.includes(s.attributes.advertiserId) &&
          advertisers.has(s.attributes.advertiserId) &&
          (!ids || ids.has(s.id)) &&
          (!types || types.has(s.attributes.type)),
      )
      .sort(byNumericId);
  }

  searchAudiences(filter: AudienceFilter, visible: readonly string[]): AudienceRecord[] {
    const ids = filter.ids?.length ? new Set(filter.ids) : null;
    const advertisers = new Set(filter.advertiserIds?.length ? filter.advertiserIds : visible);
    const segmentIds = filter.segmentIds?.length ? new Set(filter.segmentIds) : null;
    const adSetIds = filter.adSetIds?.length ? new Set(filter.adSetIds) : null;
    return [...this.audiences.values()]
      .filter(
        (a) =>
          visible.includes(a.attributes.advertiserId) &&
          advertisers.has(a.attributes.advertiserId) &&
          (!ids || ids.has(a.id)) &&
          (!segmentIds || algebraSegmentIds(a.attributes.algebra).some((id) => segmentIds.has(id))) &&
          (!adSetIds || this.adSetIdsOf(a.id).some((id) => adSetIds.has(id))),
      )
      .sort(byNumericId);
  }

  adSetIdsOf(audienceId: string): string[] {
    return [...this.adSets.values()].filter((s) => s.audienceId === audienceId).map((s) => s.id);
  }

  audiencesUsingSegment(segmentId: string): AudienceRecord[] {
    return [...this.audiences.values()].filter((a) =>
      algebraSegmentIds(a.attributes.algebra).includes(segmentId),
    );
  }

  segmentResource(record: SegmentRecord): AudienceSegmentResource {
    return { id: record.id, type: 'AudienceSegment', attributes: record.attributes };
  }

  audienceResource(record: AudienceRecord): AudienceResource {
    return {
      id: record.id,
      type: 'Audience',
      attributes: { ...record.attributes, adSetIds: this.adSetIdsOf(record.id) },
    };
  }
}
