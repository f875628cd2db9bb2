import type {
  AudienceSegmentCreate,
  AudienceSegmentType,
  AudienceSegmentUpdate,
  PointOfInterest,
} from '../../contract/audience-segment.js';
import type { EmulatorApplication } from '../auth.js';
import { type ItemProblemInit, itemProblem } from '../problems.js';
import type { ContactListState, EmulatorStore, SegmentAttributes, SegmentRecord } from '../store.js';
import { checkId, checkName } from './names.js';
import {
  checkInMarket,
  checkLocation,
  checkLookalike,
  checkProspecting,
  checkRetargeting,
  checkTargetSize,
} from './segment-settings.js';

/** The writable segment kinds and the read-model type each one produces. */
const WRITABLE_TYPES = {
  inMarket: 'InMarket',
  prospecting: 'Prospecting',
  contactList: 'ContactList',
  location: 'Location',
  lookalike: 'Lookalike',
  retargeting: 'Retargeting',
} as const satisfies Record<string, AudienceSegmentType>;
type WritableKey = keyof typeof WRITABLE_TYPES;
const WRITABLE_KEYS = Object.keys(WRITABLE_TYPES) as WritableKey[];

/** State shared by the items of one bulk write: names and ids already used by earlier items. */
export interface SegmentBatch {
  store: EmulatorStore;
  application: EmulatorApplication;
  names: Map<string, Set<string>>;
  ids: Set<string>;
}

export type SegmentWrite =
  | { ok: true; attributes: SegmentAttributes; contactList?: ContactListState; warnings?: ItemProblemInit[] }
  | { ok: false; problems: ItemProblemInit[] };

const failed = (problems: ItemProblemInit[]): SegmentWrite => ({ ok: false, problems });

export function createBatch(store: EmulatorStore, application: EmulatorApplication): SegmentBatch {
  return { store, application, names: new Map(), ids: new Set() };
}

function namesOf(batch: SegmentBatch, advertiserId: string): Set<string> {
  const names = batch.names.get(advertiserId) ?? new Set<string>();
  batch.names.set(advertiserId, names);
  return names;
}

function checkSegmentName(
  batch: SegmentBatch,
  advertiserId: string,
  name: string | undefined,
  index: number,
  selfId?: string,
) {
  const taken = (key: string) =>
    [...batch.store.segments.values()].some(
      (s) =>
        s.id !== selfId &&
        s.attributes.advertiserId === advertiserId &&
        s.attributes.name.trim().toLowerCase() === key,
    );
  return checkName(name, `data/${index}/attributes/name`, taken, namesOf(batch, advertiserId), {
    unique: 'name-must-be-unique',
    duplicate: 'duplicate-name',
  });
}

function checkTypeCount(keys: WritableKey[], index: number): ItemProblemInit[] {
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

const roundPoints = (points: PointOfInterest[] | undefined) =>
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
  const problems = [
    ...checkSegmentName(batch, advertiserId, attrs.name, index),
    ...checkTypeCount(keys, index),
  ];
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

  namesOf(batch, advertiserId).add(attrs.name.trim().toLowerCase());
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

/** Resolves the segment an id-based item names: `non-parsable-id`, `duplicate-id`, `segment-not-found`. */
export function findSegment(
  id: string | undefined,
  index: number,
  batch: SegmentBatch,
): SegmentRecord | ItemProblemInit[] {
  const problems = checkId(id, `data/${index}/id`, batch.ids);
  if (problems.length > 0) return problems;
  const record = batch.store.segments.get(id ?? '');
  if (!record || !batch.application.advertiserIds.includes(record.attributes.advertiserId)) {
    return [itemProblem('segment-not-found', `Segment ${id} does not exist`, 'id', `data/${index}/id`)];
  }
  return record;
}

export function isReadOnly(record: SegmentRecord): boolean {
  return record.attributes.type === 'Behavioral' || record.attributes.contactList?.isReadOnly === true;
}

/** Applies a partial update; nillable wrappers clear a field with `{}` or `{ value: null }`. */
export function updateSegment(
  record: SegmentRecord,
  update: AudienceSegmentUpdate,
  index: number,
  batch: SegmentBatch,
): SegmentWrite {
  const base = `data/${index}/attributes`;
  const current = record.attributes;
  if (isReadOnly(record)) {
    return failed([
      itemProblem(
        'segment-is-read-only',
        `Segment ${record.id} (${current.type}) cannot be edited through the API`,
        'id',
        `data/${index}/id`,
      ),
    ]);
  }
  const keys = (['inMarket', 'prospecting', 'location', 'lookalike', 'retargeting'] as const).filter(
    (k) => update[k] !== undefined,
  );
  const problems: ItemProblemInit[] = [];
  if (update.name !== undefined)
    problems.push(...checkSegmentName(batch, current.advertiserId, update.name, index, record.id));
  if (keys.length > 1) problems.push(...checkTypeCount(keys, index));
  const key = keys[0];
  if (keys.length === 1 && key && WRITABLE_TYPES[key] !== current.type) {
    problems.push(
      itemProblem(
        'type-must-be-the-same',
        `Segment ${record.id} is ${current.type}; it cannot receive ${key} settings`,
        key,
        `${base}/${key}`,
      ),
    );
  }
  if (problems.length > 0) return failed(problems);

  const next: SegmentAttributes = { ...current, updatedAt: new Date().toISOString() };
  if (update.name !== undefined) next.name = update.name;
  if (update.description !== undefined) next.description = update.description.value ?? null;
  const path = key ? `${base}/${key}` : base;
  let settingProblems: ItemProblemInit[] = [];
  if (update.inMarket) {
    const { gender, ...rest } = update.inMarket;
    const merged = { ...current.inMarket, ...rest };
    if (gender !== undefined) merged.gender = gender.value ?? null;
    next.inMarket = merged;
    settingProblems = checkInMarket(toWriteInMarket(merged), path);
  }
  if (update.prospecting) {
    const { usersType, daysSinceLastVisitMin: min, daysSinceLastVisitMax: max } = update.prospecting;
    const merged = { ...current.prospecting };
    if (usersType !== undefined) merged.usersType = usersType;
    if (min !== undefined) merged.daysSinceLastVisitMin = min.value ?? null;
    if (max !== undefined) merged.daysSinceLastVisitMax = max.value ?? null;
    next.prospecting = merged;
    settingProblems = checkProspecting({ ...merged, usersType: merged.usersType ?? undefined }, path);
  }
  if (update.location) {
    const merged = { ...current.location };
    if (update.location.pointsOfInterest !== undefined)
      merged.pointsOfInterest = roundPoints(update.location.pointsOfInterest);
    if (update.location.radiusInKm !== undefined) merged.radiusInKm = update.location.radiusInKm;
    if (update.location.registryType !== undefined) merged.registryType = update.location.registryType;
    next.location = merged;
    settingProblems = checkLocation(
      { pointsOfInterest: merged.pointsOfInterest ?? [], radiusInKm: merged.radiusInKm ?? undefined },
      path,
    );
  }
  if (update.lookalike) {
    next.lookalike = {
      ...current.lookalike,
      targetSize: update.lookalike.targetSize ?? current.lookalike?.targetSize ?? null,
    };
    settingProblems = checkTargetSize(update.lookalike.targetSize, path);
  }
  if (update.retargeting) {
    const merged = { ...current.retargeting, ...update.retargeting };
    next.retargeting = merged;
    settingProblems = checkRetargeting(
      {
        visitorsType: merged.visitorsType ?? undefined,
        daysSinceLastVisitMin: merged.daysSinceLastVisitMin ?? undefined,
        daysSinceLastVisitMax: merged.daysSinceLastVisitMax ?? undefined,
      },
      path,
    );
  }
  if (settingProblems.length > 0) return failed(settingProblems);
  if (update.name !== undefined) namesOf(batch, current.advertiserId).add(update.name.trim().toLowerCase());
  return { ok: true, attributes: next, warnings: updateWarnings(update, index) };
}

/**
 * Warnings of an item that is written anyway. Criteo documents one kind, the `deprecation` warning
 * `deprecated-field` (the spec's contact-list examples), and says a bulk call ties a warning to its
 * item with `@data/<index>`; it names no trigger on segment writes. The emulator models one:
 * `location.registryType`, which the spec dropped from the create model and whose only writable value
 * is what every location segment already is.
 */
function updateWarnings(update: AudienceSegmentUpdate, index: number): ItemProblemInit[] {
  if (update.location?.registryType === undefined) return [];
  return [
    itemProblem(
      'deprecated-field',
      "The field 'registryType' is deprecated: a location segment is always PointOfInterest",
      'registryType',
      `data/${index}/attributes/location/registryType`,
    ),
  ];
}

function toWriteInMarket(s: NonNullable<SegmentAttributes['inMarket']>) {
  return {
    country: s.country ?? undefined,
    interestIds: s.interestIds ?? undefined,
    brandIds: s.brandIds ?? undefined,
    buyingPower: s.buyingPower?.filter((v) => v !== 'Unknown'),
    priceRange: s.priceRange?.filter((v) => v !== 'Unknown'),
  };
}
