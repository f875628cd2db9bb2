import type { GatewayContext } from '../../context.js';
import { type AlgebraNode, type AudienceModel, algebraSegmentIds } from '../../contract/audience.js';
import { audienceSizeLoader, segmentSizeLoader } from '../../loaders/request-loaders.js';
import { segmentLoader } from '../audience-segment/segment.js';
import { type Lookahead, subfield, subfieldOfAny } from '../shared/lookahead.js';

/**
 * Loads ahead, in one round and in the loaders' usual batches, what the fields of a page of audiences
 * will ask for: the segments their algebra leaves and `segments` lists show, those segments' sizes and
 * the audiences' sizes. The fields then read their answers without a promise each (`SettledLoader`),
 * and the page leaves when they are all in, as it would have anyway. Only what `items` (the page's
 * items, as `connectionItems` reads them) selects now is loaded: nothing more than the fields would
 * have asked for goes upstream, and a deferred field still asks for itself when its part runs.
 */
export async function loadAudiencePageAhead(
  ctx: GatewayContext,
  items: Lookahead | null,
  audiences: readonly AudienceModel[],
): Promise<void> {
  if (!items || audiences.length === 0) return;
  const segments = new Set<string>();
  const sized = new Set<string>();
  const want = (id: string, segment: Lookahead) => {
    segments.add(id);
    if (subfieldOfAny(segment, 'AudienceSegment', 'size')) sized.add(id);
  };
  const list = subfield(items, 'Audience', 'segments');
  const tree = subfield(items, 'Audience', 'algebra');
  const flatLeaf = subfield(subfield(items, 'Audience', 'algebraNodes'), 'AlgebraNode', 'segment');
  for (const { algebra } of audiences) {
    if (!algebra) continue;
    for (const leaf of [list, flatLeaf]) {
      if (leaf) for (const id of algebraSegmentIds(algebra)) want(id, leaf);
    }
    if (tree) treeLeaves(algebra, tree, want);
  }
  const audienceSizes = subfield(items, 'Audience', 'size');
  await Promise.all([
    segments.size > 0 && segmentLoader(ctx).settle([...segments]),
    sized.size > 0 && segmentSizeLoader(ctx).settle([...sized]),
    audienceSizes && audienceSizeLoader(ctx).settle(audiences.map((audience) => audience.id)),
  ]);
}

const CHILDREN_FIELD = { AlgebraAnd: 'and', AlgebraOr: 'or', AlgebraNot: 'not' } as const;

/** The leaves whose `segment` the selection of an algebra shows, walked as the executor will walk it. */
function treeLeaves(node: AlgebraNode, selection: Lookahead, want: (id: string, segment: Lookahead) => void) {
  // In `algebraKind`'s order; a node with no operator is left to the field that reads it (and reports it).
  const kind = node.and ? 'AlgebraAnd' : node.or ? 'AlgebraOr' : node.not ? 'AlgebraNot' : null;
  if (!kind) {
    const segment = node.audienceSegmentId && subfield(selection, 'AlgebraSegment', 'segment');
    if (segment && node.audienceSegmentId) want(node.audienceSegmentId, segment);
    return;
  }
  const children = subfield(selection, kind, CHILDREN_FIELD[kind]);
  if (!children) return;
  for (const child of node.and ?? node.or ?? (node.not ? [node.not] : [])) treeLeaves(child, children, want);
}
