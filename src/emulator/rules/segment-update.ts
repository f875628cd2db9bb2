import type { AudienceSegmentUpdate } from '../../contract/audience-segment.js';
import { type ItemProblemInit, itemProblem } from '../problems.js';
import type { SegmentAttributes, SegmentRecord } from '../store.js';
import { checkInMarket } from './in-market-settings.js';
import { checkLocation } from './location-settings.js';
import { isReadOnly, type SegmentBatch } from './segment-batch.js';
import { checkTypeCount, failed, roundPoints, type SegmentWrite, WRITABLE_TYPES } from './segment-create.js';
import { checkProspecting, checkRetargeting, checkTargetSize } from './segment-settings.js';

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
    problems.push(...batch.checkName(current.advertiserId, update.name, index, record.id));
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
  if (update.name !== undefined) batch.useName(current.advertiserId, update.name);
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
