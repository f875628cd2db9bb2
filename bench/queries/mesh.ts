import {
  ALGEBRA_DEPTH,
  algebraSelection,
  chunks,
  isRecord,
  type Operation,
  pages,
  type QuerySet,
  topLevelItems,
} from './operation.js';
import { FLAT_SEGMENT_SETTINGS } from './passthrough.js';

const ALGEBRA = algebraSelection(ALGEBRA_DEPTH, 'audienceSegmentId', (op, inner) => `${op} { ${inner} }`);

/** Segment ids of an algebra tree, in order of appearance. */
function leafIds(node: unknown, into: string[] = []): string[] {
  if (!isRecord(node)) return into;
  if (typeof node.audienceSegmentId === 'string') into.push(node.audienceSegmentId);
  for (const child of [
    ...(Array.isArray(node.and) ? node.and : []),
    ...(Array.isArray(node.or) ? node.or : []),
  ])
    leafIds(child, into);
  leafIds(node.not, into);
  return into;
}

/**
 * Mesh's schema is Criteo's REST API one field per operation: segments are flat, algebra leaves are bare
 * ids and nothing joins them. So a client sends Q2 as two operations: the audience pages, then (from
 * their ids) one operation with the segment searches and both compute-sizes as aliased root fields,
 * chunked to Criteo's limits (100 ids per search, 50 per compute-sizes) as a careful client would.
 */
export const meshQueries: QuerySet = {
  segmentsPage: (size) => [
    {
      operationName: 'Q1SegmentsPage',
      query: `query Q1SegmentsPage($limit: Int!) {
  SearchAudienceSegments(limit: $limit, input: { data: { type: "AudienceSegment", attributes: { advertiserIds: ["4949"] } } }) {
    meta { totalItems }
    data {
      id
      attributes {
        name description type advertiserId createdAt updatedAt
        ${FLAT_SEGMENT_SETTINGS}
      }
    }
  }
}`,
      variables: { limit: size },
    },
  ],

  async audiencesDeep(items, advertiserIds, send) {
    const selections = pages(items).map(
      ({ offset, size }, p) =>
        `p${p}: SearchAudiences(limit: ${size}, offset: ${offset}, input: { data: { type: "Audience", attributes: { advertiserIds: $advertiserIds } } }) {
    meta { totalItems }
    data { id attributes { name algebra { ${ALGEBRA} } } }
  }`,
    );
    const audiencePages: Operation = {
      operationName: 'Q2AudiencePages',
      query: `query Q2AudiencePages($advertiserIds: [String]) {
  ${selections.join('\n  ')}
}`,
      variables: { advertiserIds },
    };

    // The emulator's data does not change during a run: the second operation is built once, from one answer.
    const first = await send(audiencePages);
    const audiences = topLevelItems([first]).filter(isRecord);
    const audienceIds = audiences.flatMap((a) => (typeof a.id === 'string' ? [a.id] : []));
    const segmentIds = [
      ...new Set(audiences.flatMap((a) => leafIds(isRecord(a.attributes) ? a.attributes.algebra : null))),
    ];
    const resources = (ids: string[], type: string) => ({
      data: ids.map((id) => ({ id, type, attributes: {} })),
    });

    const fields: string[] = [];
    const variables: Record<string, unknown> = {};
    const declarations: string[] = [];
    const parts = [
      {
        name: 'segments',
        ids: chunks(segmentIds, 100),
        type: 'AudienceSegmentSearchInputV1_Input',
        value: (ids: string[]) => ({
          data: { type: 'AudienceSegment', attributes: { audienceSegmentIds: ids } },
        }),
        field: (v: string) =>
          `SearchAudienceSegments(limit: 100, input: $${v}) { data { id attributes { name type } } }`,
      },
      {
        name: 'segmentSizes',
        ids: chunks(segmentIds, 50),
        type: 'AudienceSegmentComputeSizesInputV1_Input',
        value: (ids: string[]) => resources(ids, 'AudienceSegment'),
        field: (v: string) =>
          `ComputeAudienceSegmentsSizes(input: $${v}) { data { id attributes { size } } errors { code instance } }`,
      },
      {
        name: 'audienceSizes',
        ids: chunks(audienceIds, 50),
        type: 'AudienceComputeSizesInputV1_Input',
        value: (ids: string[]) => resources(ids, 'Audience'),
        field: (v: string) =>
          `ComputeAudiencesSizes(input: $${v}) { data { id attributes { size } } errors { code instance } }`,
      },
    ];
    for (const part of parts) {
      for (const [i, ids] of part.ids.entries()) {
        const name = `${part.name}${i}`;
        declarations.push(`$${name}: ${part.type}`);
        variables[name] = part.value(ids);
        fields.push(`${name}: ${part.field(name)}`);
      }
    }
    const details: Operation = {
      operationName: 'Q2SegmentsAndSizes',
      query: `query Q2SegmentsAndSizes(${declarations.join(', ')}) {
  ${fields.join('\n  ')}
}`,
      variables,
    };
    return [audiencePages, details];
  },
};
