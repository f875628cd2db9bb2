import {
  ALGEBRA_DEPTH,
  algebraSelection,
  chunks,
  type GraphQLResult,
  isRecord,
  type Operation,
  pages,
  Q4_ADVERTISERS,
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

/** The audiences of a search answer, and the distinct segment ids of their algebra. */
function audienceAndSegmentIds(answer: GraphQLResult) {
  const audiences = topLevelItems([answer]).filter(isRecord);
  return {
    audienceIds: audiences.flatMap((a) => (typeof a.id === 'string' ? [a.id] : [])),
    segmentIds: [
      ...new Set(audiences.flatMap((a) => leafIds(isRecord(a.attributes) ? a.attributes.algebra : null))),
    ],
  };
}

/** One kind of aliased root field of an operation by ids, repeated per chunk of Criteo's batch limit. */
interface ByIds {
  name: string;
  ids: string[];
  chunkSize: number;
  type: string;
  value(ids: string[]): unknown;
  field(variable: string): string;
}

const resources = (ids: string[], type: string) => ({
  data: ids.map((id) => ({ id, type, attributes: {} })),
});

const segmentSearch = (ids: string[]): ByIds => ({
  name: 'segments',
  ids,
  chunkSize: 100,
  type: 'AudienceSegmentSearchInputV1_Input',
  value: (chunk) => ({ data: { type: 'AudienceSegment', attributes: { audienceSegmentIds: chunk } } }),
  field: (v) => `SearchAudienceSegments(limit: 100, input: $${v}) { data { id attributes { name type } } }`,
});

/** Criteo's compute-sizes of one resource type (50 ids a call). */
const sizesOf =
  (name: string, operation: string, resource: string, type: string) =>
  (ids: string[]): ByIds => ({
    name,
    ids,
    chunkSize: 50,
    type,
    value: (chunk) => resources(chunk, resource),
    field: (v) => `${operation}(input: $${v}) { data { id attributes { size } } errors { code instance } }`,
  });

const segmentSizes = sizesOf(
  'segmentSizes',
  'ComputeAudienceSegmentsSizes',
  'AudienceSegment',
  'AudienceSegmentComputeSizesInputV1_Input',
);
const audienceSizes = sizesOf(
  'audienceSizes',
  'ComputeAudiencesSizes',
  'Audience',
  'AudienceComputeSizesInputV1_Input',
);

/** One operation with every part's chunks as aliased root fields; null when there is no id to ask for. */
function byIds(operationName: string, parts: ByIds[]): Operation | null {
  const fields: string[] = [];
  const variables: Record<string, unknown> = {};
  const declarations: string[] = [];
  for (const part of parts) {
    for (const [i, ids] of chunks(part.ids, part.chunkSize).entries()) {
      const name = `${part.name}${i}`;
      declarations.push(`$${name}: ${part.type}`);
      variables[name] = part.value(ids);
      fields.push(`${name}: ${part.field(name)}`);
    }
  }
  if (fields.length === 0) return null;
  return {
    operationName,
    query: `query ${operationName}(${declarations.join(', ')}) {
  ${fields.join('\n  ')}
}`,
    variables,
  };
}

const Q4_SEGMENT_PAGE: Operation = {
  operationName: 'Q4SegmentPage',
  query: `query Q4SegmentPage {
  SearchAudienceSegments(limit: 50, input: { data: { type: "AudienceSegment", attributes: { advertiserIds: ["4949"] } } }) {
    meta { totalItems }
    data { id attributes { name type description updatedAt } }
  }
}`,
};

const Q4_AUDIENCE_PAGE: Operation = {
  operationName: 'Q4AudiencePage',
  query: `query Q4AudiencePage($advertiserIds: [String]) {
  SearchAudiences(limit: 50, input: { data: { type: "Audience", attributes: { advertiserIds: $advertiserIds } } }) {
    meta { totalItems }
    data { id attributes { name updatedAt algebra { ${ALGEBRA} } } }
  }
}`,
  variables: { advertiserIds: Q4_ADVERTISERS },
};

/**
 * Mesh's schema is Criteo's REST API one field per operation: segments are flat, algebra leaves are bare
 * ids and nothing joins them. So a client sends Q2 as two operations: the audience pages, then (from
 * their ids) one operation with the segment searches and both compute-sizes as aliased root fields,
 * chunked to Criteo's limits (100 ids per search, 50 per compute-sizes) as a careful client would.
 * Q4's pages go the same way: the page's search, then its details by the ids of the answer.
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
    const { audienceIds, segmentIds } = audienceAndSegmentIds(await send(audiencePages));
    const details = byIds('Q2SegmentsAndSizes', [
      segmentSearch(segmentIds),
      segmentSizes(segmentIds),
      audienceSizes(audienceIds),
    ]);
    return details ? [audiencePages, details] : [audiencePages];
  },

  userPages: {
    async segmentPage(send) {
      const ids = topLevelItems([await send(Q4_SEGMENT_PAGE)]).flatMap((s) =>
        isRecord(s) && typeof s.id === 'string' ? [s.id] : [],
      );
      const sizes = byIds('Q4SegmentSizes', [segmentSizes(ids)]);
      if (sizes) await send(sizes);
    },
    async audiencePage(send) {
      const { audienceIds, segmentIds } = audienceAndSegmentIds(await send(Q4_AUDIENCE_PAGE));
      const details = byIds('Q4AudienceDetails', [segmentSearch(segmentIds), audienceSizes(audienceIds)]);
      if (details) await send(details);
    },
  },
};
