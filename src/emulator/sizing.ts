import type { AlgebraNode } from '../contract/audience.js';
import type { AudienceSegment, InMarketCreate, LocationCreate } from '../contract/audience-segment.js';
import { IN_MARKET_COUNTRIES } from './catalog.js';
import { hashUnit } from './random.js';
import type { ContactListState, EmulatorStore, SegmentRecord } from './store.js';

/** Sizes below this are reported as `…-size-too-small`, as Criteo does for tiny audiences. */
export const MIN_REPORTABLE_SIZE = 1_000;
/** Population an advertiser's audiences are drawn from; audience sizes combine segment shares of it. */
export const AUDIENCE_UNIVERSE = 50_000_000;

export type SizeResult =
  | { ok: true; size: number }
  | { ok: false; reason: 'not-available' | 'not-supported' | 'too-small'; detail: string };

const sized = (size: number): SizeResult =>
  size < MIN_REPORTABLE_SIZE
    ? { ok: false, reason: 'too-small', detail: `The size (${size}) is below ${MIN_REPORTABLE_SIZE}` }
    : { ok: true, size };

/** Matches in a contact list: a stable share of its identifiers, as a match rate would give. */
export function contactListStatistics(state: ContactListState, segmentId: string) {
  const numberOfIdentifiers = state.syntheticCount + state.identifiers.size;
  const rate = 0.35 + 0.4 * hashUnit(`match:${segmentId}`);
  const numberOfMatches = Math.floor(numberOfIdentifiers * rate);
  const matchRate =
    numberOfIdentifiers === 0 ? 0 : Math.round((numberOfMatches / numberOfIdentifiers) * 10_000) / 10_000;
  return { numberOfIdentifiers, numberOfMatches, matchRate };
}

export function inMarketSize(settings: InMarketCreate): number {
  const population = IN_MARKET_COUNTRIES[settings.country ?? ''] ?? 1_000_000;
  const breadth = (settings.interestIds?.length ?? 0) + (settings.brandIds?.length ?? 0);
  let share = 0.01 + 0.004 * breadth;
  if (settings.gender) share *= 0.5;
  if (settings.buyingPower?.length) share *= settings.buyingPower.length / 4;
  if (settings.priceRange?.length) share *= settings.priceRange.length / 3;
  const key = [
    settings.country,
    sorted(settings.interestIds),
    sorted(settings.brandIds),
    settings.gender,
    sorted(settings.buyingPower),
    sorted(settings.priceRange),
  ].join('|');
  return Math.round(population * Math.min(share, 0.6) * (0.8 + 0.4 * hashUnit(key)));
}

export function locationSize(settings: LocationCreate): number {
  const radius = settings.radiusInKm ?? 0;
  const points = settings.pointsOfInterest ?? [];
  const area = Math.PI * radius * radius;
  // Stored points are rounded to 5 decimals: round here too, so an estimate matches the segment it becomes.
  const key = points
    .map((p) => `${roundCoordinate(p.latitude)},${roundCoordinate(p.longitude)}`)
    .sort()
    .join(';');
  return Math.round(
    Math.min(points.length * area * 120, 20_000_000) * (0.8 + 0.4 * hashUnit(`${radius}:${key}`)),
  );
}

/** A segment's size: a pure function of its definition (and, for contact lists, of their content). */
export function segmentSize(
  record: SegmentRecord,
  store: EmulatorStore,
  seen = new Set<string>(),
): SizeResult {
  const a: AudienceSegment = record.attributes;
  const jitter = 0.8 + 0.4 * hashUnit(definitionKey(a));
  switch (a.type) {
    case 'InMarket':
      return sized(inMarketSize(toWrite(a.inMarket)));
    case 'Location':
      return sized(
        locationSize({
          pointsOfInterest: a.location?.pointsOfInterest ?? [],
          radiusInKm: a.location?.radiusInKm ?? 0,
        }),
      );
    case 'Prospecting':
      return sized(
        Math.round((a.prospecting?.usersType === 'ProspectsOrNonBuyers' ? 5_200_000 : 4_000_000) * jitter),
      );
    case 'Behavioral':
      return sized(Math.round(3_000_000 * jitter));
    case 'Retargeting': {
      const days = Math.max(
        0,
        (a.retargeting?.daysSinceLastVisitMax ?? 0) - (a.retargeting?.daysSinceLastVisitMin ?? 0),
      );
      const share = { All: 1, Buyers: 0.15, NonBuyers: 0.85, Unknown: 0.5 }[
        a.retargeting?.visitorsType ?? 'Unknown'
      ];
      return sized(Math.round(days * 4_000 * share * jitter));
    }
    case 'ContactList': {
      const state = record.contactList;
      const stats = state ? contactListStatistics(state, record.id) : null;
      if (!stats || stats.numberOfIdentifiers === 0) {
        return {
          ok: false,
          reason: 'not-available',
          detail: `Contact list ${record.id} has no identifiers yet`,
        };
      }
      return sized(stats.numberOfMatches);
    }
    case 'Lookalike': {
      if (a.lookalike?.targetSize) return sized(a.lookalike.targetSize);
      const seed = store.segments.get(a.lookalike?.seedSegmentId ?? '');
      if (!seed || seen.has(seed.id))
        return { ok: false, reason: 'not-available', detail: 'The seed segment has no size' };
      const seedSize = segmentSize(seed, store, new Set([...seen, record.id]));
      if (!seedSize.ok)
        return {
          ok: false,
          reason: 'not-available',
          detail: `The seed segment has no size: ${seedSize.detail}`,
        };
      return sized(seedSize.size * 20);
    }
    default:
      return {
        ok: false,
        reason: 'not-supported',
        detail: `Sizes are not supported for segments of type ${a.type}`,
      };
  }
}

/**
 * An audience's size from its algebra, treating segments as independent shares of the universe:
 * and = product, or = 1 - product of complements, not = complement.
 */
export function algebraSize(node: AlgebraNode, store: EmulatorStore): SizeResult {
  const share = algebraShare(node, store);
  if (typeof share !== 'number') return { ok: false, ...share };
  return sized(Math.round(share * AUDIENCE_UNIVERSE));
}

type ShareFailure = { reason: 'not-available' | 'not-supported'; detail: string };

/** A leaf without a size makes the audience's size fail with the same reason (not available / not supported). */
function algebraShare(node: AlgebraNode, store: EmulatorStore): number | ShareFailure {
  if (node.audienceSegmentId) {
    const segment = store.segments.get(node.audienceSegmentId);
    if (!segment)
      return { reason: 'not-available', detail: `Segment ${node.audienceSegmentId} does not exist` };
    const size = segmentSize(segment, store);
    if (!size.ok && size.reason !== 'too-small') {
      return { reason: size.reason, detail: `Segment ${node.audienceSegmentId} has no size: ${size.detail}` };
    }
    return Math.min(1, (size.ok ? size.size : MIN_REPORTABLE_SIZE / 2) / AUDIENCE_UNIVERSE);
  }
  const children = node.and ?? node.or;
  if (children) {
    let product = 1;
    for (const child of children) {
      const share = algebraShare(child, store);
      if (typeof share !== 'number') return share;
      product *= node.and ? share : 1 - share;
    }
    return node.and ? product : 1 - product;
  }
  if (node.not) {
    const inner = algebraShare(node.not, store);
    return typeof inner === 'number' ? 1 - inner : inner;
  }
  return { reason: 'not-available', detail: 'Empty algebra node' };
}

const sorted = (values: readonly string[] | undefined) => [...(values ?? [])].sort().join(',');

const roundCoordinate = (value: number | null | undefined) =>
  value == null ? value : Math.round(value * 1e5) / 1e5;

/**
 * A segment's definition (type and settings) as a stable string: keys sorted and null fields dropped,
 * so equal definitions give equal sizes whatever the key order or the null-vs-absent choice. (A
 * `JSON.stringify` replacer array would also filter nested keys and make every definition of a type equal.)
 */
function definitionKey(a: AudienceSegment): string {
  const settings = [a.type, a.inMarket, a.prospecting, a.location, a.behavioral, a.retargeting, a.lookalike];
  return JSON.stringify(settings, (_key, value: unknown) =>
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? Object.fromEntries(
          Object.entries(value)
            .filter(([, v]) => v != null)
            .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)),
        )
      : value,
  );
}

function toWrite(settings: AudienceSegment['inMarket']): InMarketCreate {
  return {
    country: settings?.country ?? undefined,
    interestIds: settings?.interestIds ?? undefined,
    brandIds: settings?.brandIds ?? undefined,
    gender: settings?.gender === 'Male' || settings?.gender === 'Female' ? settings.gender : undefined,
    buyingPower: settings?.buyingPower?.filter((v) => v !== 'Unknown'),
    priceRange: settings?.priceRange?.filter((v) => v !== 'Unknown'),
  };
}
