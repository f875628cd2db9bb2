import type {
  AudienceSegmentCreate,
  AudienceSegmentType,
  PointOfInterest,
} from '../../contract/audience-segment.js';
import { type ItemProblemInit, itemProblem } from '../problems.js';
import type { ContactListState, SegmentAttributes } from '../store.js';
import { checkInMarket } from './in-market-settings.js';
import { checkLocation } from './location-settings.js';
import type { SegmentBatch } from './segment-batch.js';
import { checkLookalike, checkProspecting, checkRetargeting } from './segment-settings.js';

/** The writable segment kinds and the read-model type each one produces. */
export const WRITABLE_TYPES = {
  inMarket: 'InMarket',
  prospecting: 'Prospecting',
  contactList: 'ContactList',
  location: 'Location',
  lookalike: 'Lookalike',
  retargeting: 'Retargeting',
} as const satisfies Record<string, AudienceSegmentType>;
export type WritableKey = keyof typeof WRITABLE_TYPES;
const WRITABLE_KEYS = Object.keys(WRITABLE_TYPES) as WritableKey[];

export type SegmentWrite =
  | { ok: true; attributes: SegmentAttributes; contactList?: ContactListState; warnings?: ItemProblemInit[] }
  | { ok: false; problems: ItemProblemInit[] };

export const failed = (problems: ItemProblemInit[]): SegmentWrite => ({ ok: false, problems });

export function checkTypeCount(keys: WritableKey[], index: number): ItemProblemInit[] {
  if (keys.length === 0) {
    return [
      itemProblem(
        'undefined-segment-type',
        'Exactly one of inMarket, prospecting, contactList, location, lookalike, retargeting is required',
        'attributes',
        `data/${index}/attributes`,
      ),
    ];
  }
  if (keys.length > 1) {
    return [
      itemProblem(
        'multiple-segment-types',
        `A segment has exactly one type; got ${keys.join(', ')}`,
        'attributes',
        `data/${index}/attributes`,
      ),
    ];
  }
  return [];
}

export const roundPoints = (points: PointOfInterest[] | undefined) =>
  (points ?? []).map((p) => ({
    name: p.name ?? null,
    latitude: p.latitude == null ? null : Math.round(p.latitude * 1e5) / 1e5,
    longitude: p.longitude == null ? null : Math.round(p.longitude * 1e5) / 1e5,
  }));

export function buildSegment(attrs: AudienceSegmentCreate, index: number, batch: SegmentBatch): SegmentWrite {
  const base = `data/${index}/attributes`;
  const advertiserId = attrs.advertiserId;
  if (!advertiserId)
    return failed([
      itemProblem(
        'undefined-advertiser-id',
        'advertiserId is required',
        'advertiserId',
        `${base}/advertiserId`,
      ),
    ]);
  const keys = WRITABLE_KEYS.filter((k) => attrs[k] !== undefined);
  const problems = [...batch.checkName(advertiserId, attrs.name, index), ...checkTypeCount(keys, index)];
  const key = keys[0];
  if (problems.length > 0 || !key || !attrs.name) return failed(problems);

  const path = `${base}/${key}`;
  const settings = {
    inMarket: () => (attrs.inMarket ? checkInMarket(attrs.inMarket, path) : []),
    prospecting: () => (attrs.prospecting ? checkProspecting(attrs.prospecting, path) : []),
    contactList: () => [],
    location: () => (attrs.location ? checkLocation(attrs.location, path) : []),
    lookalike: () =>
      attrs.lookalike
        ? checkLookalike(attrs.lookalike, advertiserId, batch.application.advertiserIds, batch.store, path)
        : [],
    retargeting: () => (attrs.retargeting ? checkRetargeting(attrs.retargeting, path) : []),
  }[key]();
  if (settings.length > 0) return failed(settings);

  batch.useName(advertiserId, attrs.name);
  const attributes: SegmentAttributes = {
    advertiserId,
    name: attrs.name,
    description: attrs.description ?? null,
    type: WRITABLE_TYPES[key],
    createdAt: new Date().toISOString(),
    updatedAt: null,
  };
  if (attrs.inMarket) attributes.inMarket = { ...attrs.inMarket };
  if (attrs.prospecting) attributes.prospecting = { ...attrs.prospecting };
  if (attrs.location)
    attributes.location = {
      registryType: 'PointOfInterest',
      pointsOfInterest: roundPoints(attrs.location.pointsOfInterest),
      radiusInKm: attrs.location.radiusInKm ?? null,
    };
  if (attrs.lookalike)
    attributes.lookalike = {
      seedSegmentId: attrs.lookalike.seedSegmentId ?? null,
      targetSize: attrs.lookalike.targetSize ?? null,
    };
  if (attrs.retargeting) attributes.retargeting = { ...attrs.retargeting };
  if (attrs.contactList) {
    attributes.contactList = { isReadOnly: false };
    return {
      ok: true,
      attributes,
      contactList: { identifiers: new Set(), syntheticCount: 0, identifierType: null },
    };
  }
  return { ok: true, attributes };
}
