import {
  CRITEO_MAX_PAGE_SIZE as SEARCH_BATCH,
  CRITEO_MAX_BULK_ITEMS as SIZES_BATCH,
  CRITEO_MAX_BULK_ITEMS as WRITE_CHUNK,
} from '../contract/limits.js';
import { MAX_AUDIENCE_PAGES_PER_BATCH } from '../loaders/index.js';
import { GATEWAY_MAX_ALGEBRA_NODES } from '../schema/audience/algebra-input.js';
import { createCalls, identifierCalls, lengthOf, pageSize } from './arguments.js';
import { type CallKind, type CostContext, callsOf, type FieldCall, type Position } from './tally.js';

// Which upstream call or loader each field of the schema uses, and where its objects stand after it.

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

/**
 * Records the upstream calls one field causes for the objects at `at`, and returns where the objects
 * it resolves to stand (for the fields selected below it).
 */
export function costOfField(context: CostContext, call: FieldCall, at: Position): Position {
  const { tally } = context;
  const key = `${call.parent}.${call.field}`;
  const same = (extra: Partial<Position>): Position => ({ ...at, items: 1, ...extra });
  // Each call answers on its own: its objects form a new wave, arriving up to once per call.
  const direct = (kind: CallKind, calls: number, extra: Partial<Position> = {}): Position => {
    tally.direct.set(kind, (tally.direct.get(kind) ?? 0) + calls);
    return {
      wave: `w${tally.nextWave++}`,
      count: at.count,
      arrivals: () => Math.max(1, Math.min(calls, at.count)),
      items: 1,
      nodeCap: null,
      leaves: null,
      ...extra,
    };
  };
  // Keys wanted in one wave share batches; the objects they resolve to arrive with those batches.
  const lookup = (loader: Loader, keys: number, count = keys): Position => {
    const { kind, size, pages = 1 } = LOADERS[loader];
    const id = `${at.wave}:${loader}`;
    const demand = tally.demands.get(id) ?? { kind, size, pages, keys: 0, arrivals: [] };
    demand.keys += keys;
    demand.arrivals.push(at.arrivals);
    tally.demands.set(id, demand);
    return {
      wave: id,
      count,
      // One arrival per batch (a batch's pages are read before it answers).
      arrivals: () => Math.max(1, Math.min(count, callsOf(demand) / demand.pages)),
      items: 1,
      nodeCap: null,
      leaves: null,
    };
  };
  // Segments of audiences' algebras: at most the pool's distinct ids, whichever field asks.
  const leafLookup = (wanted: number): Position => {
    const pool = at.leaves;
    const keys = pool ? Math.min(wanted, pool.cap - pool.used) : wanted;
    if (pool) pool.used += keys;
    return lookup('segments', keys, wanted);
  };
  const leavesOf = (position: Position) => {
    position.leaves ??= { cap: position.count * GATEWAY_MAX_ALGEBRA_NODES, used: 0 };
    return position.leaves;
  };

  switch (key) {
    case 'Query.audienceSegments':
    case 'Query.audiences':
    case 'Advertiser.audienceSegments':
    case 'Advertiser.audiences':
      return direct('searches', at.count, { items: pageSize(call.args) });
    case 'AudienceSegmentConnection.edges':
    case 'AudienceConnection.edges':
      return same({ count: at.count * at.items });
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
      const resolved = [lookup('audiences', audiences), lookup('segments', segments)];
      // Advertisers need no call: they arrive at once.
      return same({
        wave: `w${tally.nextWave++}`,
        count: representations.length,
        arrivals: () => 1 + resolved.reduce((sum, p) => sum + p.arrivals(), 0),
      });
    }
    case 'Query.inMarketInterests':
    case 'Query.inMarketBrands':
    case 'Query.estimateAudienceSegmentSize':
    case 'Query.estimateAudienceSize':
    case 'Query.me':
      return direct('other', at.count);
    case 'Audience.size':
      return lookup('audienceSizes', at.count);
    case 'ContactListSegment.statistics':
      return lookup('statistics', at.count);
    case 'Audience.segments':
      leavesOf(at);
      return leafLookup(at.count * GATEWAY_MAX_ALGEBRA_NODES);
    case 'Audience.algebra':
      return same({ nodeCap: at.count * GATEWAY_MAX_ALGEBRA_NODES, leaves: leavesOf(at) });
    case 'Audience.algebraNodes':
      return same({
        count: at.count * GATEWAY_MAX_ALGEBRA_NODES,
        nodeCap: at.count * GATEWAY_MAX_ALGEBRA_NODES,
        leaves: leavesOf(at),
      });
    case 'AlgebraAnd.and':
    case 'AlgebraOr.or':
      return same({
        count: Math.min(at.count * GATEWAY_MAX_ALGEBRA_NODES, at.nodeCap ?? Number.POSITIVE_INFINITY),
      });
    case 'AlgebraNode.segment':
    case 'AlgebraSegment.segment':
      return leafLookup(at.count);
    case 'Mutation.createAudienceSegments':
    case 'Mutation.createAudiences':
      return direct('writes', createCalls(call.args.input), { count: 1, items: lengthOf(call.args.input) });
    case 'Mutation.updateAudienceSegments':
    case 'Mutation.updateAudiences':
      return direct('writes', Math.ceil(lengthOf(call.args.input) / WRITE_CHUNK), {
        count: 1,
        items: lengthOf(call.args.input),
      });
    case 'Mutation.deleteAudienceSegments':
    case 'Mutation.deleteAudiences':
      return direct('writes', Math.ceil(lengthOf(call.args.ids) / WRITE_CHUNK), {
        count: 1,
        items: lengthOf(call.args.ids),
      });
    case 'Mutation.addContactListIdentifiers':
    case 'Mutation.removeContactListIdentifiers':
      return direct('writes', identifierCalls(call.args.input, context.uploadBytes), { count: 1 });
    case 'Mutation.clearContactList':
    case 'Mutation.setAdSetAudience':
      return direct('writes', 1, { count: 1 });
  }
  if (SEGMENT_TYPES.has(call.parent) && call.field === 'size') return lookup('segmentSizes', at.count);
  if (SEGMENT_TYPES.has(call.parent) && call.field === 'audiences') {
    // Up to 10 result pages (1,000 audiences) per batch of 100 segments.
    const found = lookup('audiencesBySegment', at.count);
    const perBatch = MAX_AUDIENCE_PAGES_PER_BATCH * SEARCH_BATCH;
    return { ...found, count: Math.ceil(at.count / SEARCH_BATCH) * perBatch };
  }
  if (LIST_FIELDS.has(key)) return same({ count: at.count * at.items });
  // Objects of other fields come with their parent; other lists hold at most 100 entries each.
  return same({ count: at.count * (call.isList ? SEARCH_BATCH : 1) });
}
