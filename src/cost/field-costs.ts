import {
  MAX_AUDIENCE_PAGES_PER_BATCH,
  SEARCH_BATCH_SIZE as SEARCH_BATCH,
  BULK_BATCH_SIZE as SIZES_BATCH,
  BULK_BATCH_SIZE as WRITE_CHUNK,
} from '../loaders/index.js';
import { MAX_IDENTIFIERS_PER_CALL as IDENTIFIERS_CHUNK } from '../schema/contact-list/upload.js';
import { MAX_ALGEBRA_NODES } from '../schema/inputs/algebra.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../schema/pagination.js';

/** A CSV row whose rows were not counted holds at least one character and a line break. */
const MIN_BYTES_PER_ROW = 2;

/**
 * Objects at one place of the response. `count`: most of them; `arrivals`: most distinct times they
 * can be resolved at (one search, one loader batch each), which bounds how batches split;
 * `items`: entries of the list fields right below (a connection's page, a bulk payload's results);
 * `nodeCap`: inside an audience's algebra, most nodes of all its audiences together.
 */
export interface Position {
  id: number;
  count: number;
  arrivals: number;
  items: number;
  nodeCap: number | null;
}

export type CallKind = 'searches' | 'lookups' | 'compute-sizes' | 'statistics' | 'writes' | 'other';

export interface Demand {
  kind: CallKind;
  size: number;
  /** Calls per batch (result pages read for it). */
  pages: number;
  keys: number;
  arrivals: number;
}

export interface Tally {
  direct: Map<CallKind, number>;
  /** Loader keys wanted per (position, loader): sibling fields of the same objects share batches. */
  demands: Map<string, Demand>;
  nextId: number;
}

export interface CostContext {
  tally: Tally;
  maxUploadBytes: number;
  uploadRows: (file: unknown) => number | undefined;
}

export interface FieldCall {
  parent: string;
  field: string;
  args: Record<string, unknown>;
  /** The field's type is a list (of any nullability). */
  isList: boolean;
}

type Loader =
  | 'segments'
  | 'audiences'
  | 'audiencesBySegment'
  | 'segmentSizes'
  | 'audienceSizes'
  | 'statistics';

const LOADERS: Record<Loader, { kind: CallKind; size: number; pages?: number }> = {
  segments: { kind: 'lookups', size: SEARCH_BATCH },
  audiences: { kind: 'lookups', size: SEARCH_BATCH },
  // Each batch of 100 segments reads up to 10 result pages.
  audiencesBySegment: { kind: 'searches', size: SEARCH_BATCH, pages: MAX_AUDIENCE_PAGES_PER_BATCH },
  segmentSizes: { kind: 'compute-sizes', size: SIZES_BATCH },
  audienceSizes: { kind: 'compute-sizes', size: SIZES_BATCH },
  // No batch endpoint: one GET per contact list.
  statistics: { kind: 'statistics', size: 1 },
};

export const SEGMENT_TYPES: ReadonlySet<string> = new Set([
  'Segment',
  'InMarketSegment',
  'ProspectingSegment',
  'ContactListSegment',
  'LocationSegment',
  'BehavioralSegment',
  'RetargetingSegment',
  'LookalikeSegment',
  'UnknownSegment',
]);

/**
 * List fields of object types, and what bounds them. A list field not named here and not of the
 * known call-free types counts 100 entries per parent (a unit test checks that every list able to
 * reach an upstream call is named here).
 */
export const LIST_FIELDS = new Set([
  'AudienceSegmentConnection.edges',
  'AudienceConnection.edges',
  'Audience.segments',
  'Audience.algebraNodes',
  'AlgebraAnd.and',
  'AlgebraOr.or',
  'Query._entities',
  ...[...SEGMENT_TYPES].map((type) => `${type}.audiences`),
  ...['CreateAudienceSegments', 'UpdateAudienceSegments', 'DeleteAudienceSegments']
    .concat(['CreateAudiences', 'UpdateAudiences', 'DeleteAudiences'])
    .map((payload) => `${payload}Payload.results`),
]);

const lengthOf = (value: unknown) => (Array.isArray(value) ? value.length : 0);

/** `first`/`last` as the resolver reads them (default 50, at most 100; `ids` bound the page too). */
function pageSize(args: Record<string, unknown>): number {
  const asked =
    typeof args.first === 'number' ? args.first : typeof args.last === 'number' ? args.last : null;
  const page = Math.max(0, Math.min(asked ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE));
  return Array.isArray(args.ids) ? Math.min(page, args.ids.length) : page;
}

/** Create calls: Σ over advertisers of ⌈items/50⌉ (each advertiser's items go in calls of their own). */
function createCalls(input: unknown): number {
  const groups = new Map<string, number>();
  for (const item of Array.isArray(input) ? input : []) {
    const advertiser =
      item && typeof item === 'object' && 'advertiserId' in item ? String(item.advertiserId) : '';
    groups.set(advertiser, (groups.get(advertiser) ?? 0) + 1);
  }
  return [...groups.values()].reduce((sum, n) => sum + Math.ceil(n / WRITE_CHUNK), 0);
}

function identifierCalls(context: CostContext, input: unknown): number {
  if (!input || typeof input !== 'object') return 0;
  if ('identifiers' in input && Array.isArray(input.identifiers))
    return Math.ceil(input.identifiers.length / IDENTIFIERS_CHUNK);
  const file =
    'csv' in input && input.csv && typeof input.csv === 'object' && 'file' in input.csv
      ? input.csv.file
      : null;
  if (!file) return 0;
  const counted = context.uploadRows(file);
  const bytes =
    typeof file === 'object' && 'size' in file && typeof file.size === 'number'
      ? file.size
      : context.maxUploadBytes;
  const rows = counted ?? Math.ceil(bytes / MIN_BYTES_PER_ROW);
  return Math.ceil(rows / IDENTIFIERS_CHUNK);
}

/**
 * Records the upstream calls one field causes for the objects at `at`, and returns where the objects
 * it resolves to stand (for the fields selected below it).
 */
export function costOfField(context: CostContext, call: FieldCall, at: Position): Position {
  const { tally } = context;
  const key = `${call.parent}.${call.field}`;
  const next = (count: number, arrivals: number, extra: Partial<Position> = {}): Position => ({
    id: tally.nextId++,
    count,
    arrivals: Math.max(1, Math.min(arrivals, count)),
    items: 1,
    nodeCap: at.nodeCap,
    ...extra,
  });
  const direct = (kind: CallKind, calls: number) =>
    tally.direct.set(kind, (tally.direct.get(kind) ?? 0) + calls);
  // Keys from sibling fields of the same objects are wanted in the same tick: they share batches.
  const load = (loader: Loader, keys: number): number => {
    const { kind, size, pages = 1 } = LOADERS[loader];
    const id = `${at.id}:${loader}`;
    const demand = tally.demands.get(id) ?? { kind, size, pages, keys: 0, arrivals: at.arrivals };
    demand.keys += keys;
    tally.demands.set(id, demand);
    // Objects resolved by this field arrive with the batches of its own keys.
    return Math.min(keys, Math.ceil(keys / size) + at.arrivals - 1);
  };
  const lookup = (loader: Loader, keys: number) => next(keys, load(loader, keys));

  switch (key) {
    case 'Query.audienceSegments':
    case 'Query.audiences':
    case 'Advertiser.audienceSegments':
    case 'Advertiser.audiences':
      direct('searches', at.count);
      return next(at.count, at.count, { items: pageSize(call.args) });
    case 'AudienceSegmentConnection.edges':
    case 'AudienceConnection.edges':
      return { ...at, id: tally.nextId++, count: at.count * at.items, items: 1 };
    case 'Query.audienceSegment':
    case 'LookalikeSegment.seedSegment':
    case 'AdSetAudience.audience':
    case 'ContactListIdentifiersPayload.segment':
    case 'ClearedContactList.segment':
      return lookup(key === 'AdSetAudience.audience' ? 'audiences' : 'segments', at.count);
    case 'Query.audience':
      return lookup('audiences', at.count);
    case 'Query._entities': {
      const representations = Array.isArray(call.args.representations) ? call.args.representations : [];
      const typename = (r: unknown) =>
        r && typeof r === 'object' && '__typename' in r ? String(r.__typename) : '';
      const audiences = representations.filter((r) => typename(r) === 'Audience').length;
      const segments = representations.filter((r) => SEGMENT_TYPES.has(typename(r))).length;
      const arrivals = load('audiences', audiences) + load('segments', segments);
      return next(representations.length, arrivals + 1);
    }
    case 'Query.inMarketInterests':
    case 'Query.inMarketBrands':
    case 'Query.estimateAudienceSegmentSize':
    case 'Query.estimateAudienceSize':
    case 'Query.me':
      direct('other', at.count);
      return next(at.count, at.count);
    case 'Audience.size':
      return lookup('audienceSizes', at.count);
    case 'ContactListSegment.statistics':
      return lookup('statistics', at.count);
    case 'Audience.segments':
      return lookup('segments', at.count * MAX_ALGEBRA_NODES);
    case 'Audience.algebra':
      return { ...at, id: tally.nextId++, nodeCap: at.count * MAX_ALGEBRA_NODES };
    case 'Audience.algebraNodes':
      return next(at.count * MAX_ALGEBRA_NODES, at.arrivals, { nodeCap: at.count * MAX_ALGEBRA_NODES });
    case 'AlgebraAnd.and':
    case 'AlgebraOr.or':
      return next(
        Math.min(at.count * MAX_ALGEBRA_NODES, at.nodeCap ?? Number.POSITIVE_INFINITY),
        at.arrivals,
      );
    case 'AlgebraNode.segment':
    case 'AlgebraSegment.segment':
      return lookup('segments', at.count);
    case 'Mutation.createAudienceSegments':
    case 'Mutation.createAudiences':
      direct('writes', createCalls(call.args.input));
      return next(1, 1, { items: lengthOf(call.args.input) });
    case 'Mutation.updateAudienceSegments':
    case 'Mutation.updateAudiences':
      direct('writes', Math.ceil(lengthOf(call.args.input) / WRITE_CHUNK));
      return next(1, 1, { items: lengthOf(call.args.input) });
    case 'Mutation.deleteAudienceSegments':
    case 'Mutation.deleteAudiences':
      direct('writes', Math.ceil(lengthOf(call.args.ids) / WRITE_CHUNK));
      return next(1, 1, { items: lengthOf(call.args.ids) });
    case 'Mutation.addContactListIdentifiers':
    case 'Mutation.removeContactListIdentifiers':
      direct('writes', identifierCalls(context, call.args.input));
      return next(1, 1);
    case 'Mutation.clearContactList':
    case 'Mutation.setAdSetAudience':
      direct('writes', 1);
      return next(1, 1);
  }
  if (SEGMENT_TYPES.has(call.parent) && call.field === 'size') return lookup('segmentSizes', at.count);
  if (SEGMENT_TYPES.has(call.parent) && call.field === 'audiences') {
    // Up to 10 result pages (1,000 audiences) per batch of 100 segments.
    const batchesOfSegments = load('audiencesBySegment', at.count);
    return next(batchesOfSegments * MAX_AUDIENCE_PAGES_PER_BATCH * SEARCH_BATCH, batchesOfSegments);
  }
  if (LIST_FIELDS.has(key)) return { ...at, id: tally.nextId++, count: at.count * at.items, items: 1 };
  // Objects of other fields come with their parent; other lists hold at most 100 entries each.
  return { ...at, id: tally.nextId++, items: 1, count: at.count * (call.isList ? SEARCH_BATCH : 1) };
}
