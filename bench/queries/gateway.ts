import {
  ALGEBRA_DEPTH,
  algebraSelection,
  type Operation,
  pages,
  Q4_ADVERTISERS,
  type QuerySet,
} from './operation.js';

const SIZE = 'size { __typename ... on AudienceSize { value } ... on CriteoProblem { code } }';

const SEGMENT_SETTINGS = `
  __typename
  ... on Segment { id name description type advertiserId createdAt updatedAt }
  ... on InMarketSegment { country interestIds brandIds buyingPower gender priceRange }
  ... on ProspectingSegment { usersType daysSinceLastVisitMin daysSinceLastVisitMax }
  ... on ContactListSegment { isReadOnly }
  ... on LocationSegment { registryType radiusInKm pointsOfInterest { name latitude longitude } }
  ... on BehavioralSegment { category country startDate endDate }
  ... on RetargetingSegment { visitorsType daysSinceLastVisitMin daysSinceLastVisitMax }
  ... on LookalikeSegment { seedSegmentId targetSize }`;

const ALGEBRA = algebraSelection(
  ALGEBRA_DEPTH,
  '__typename ... on AlgebraSegment { segmentId segment { ... on Segment { id name type } } }',
  (op, inner) => `... on Algebra${op[0]?.toUpperCase()}${op.slice(1)} { ${op} { ${inner} } }`,
);

const AUDIENCE_DEEP = `fragment AudienceDeep on Audience {
  id
  name
  algebra { ${ALGEBRA} }
  segments { ... on Segment { id name type ${SIZE} } }
  ${SIZE}
}`;

const Q4_SEGMENT_PAGE: Operation = {
  operationName: 'Q4SegmentPage',
  query: `query Q4SegmentPage {
  audienceSegments(advertiserIds: ["4949"], first: 50) {
    totalCount
    edges { node { ... on Segment { id name type description updatedAt ${SIZE} } } }
  }
}`,
};

/** The algebra as its flat pre-order list: one fixed selection whatever the depth. */
const Q4_AUDIENCE_PAGE: Operation = {
  operationName: 'Q4AudiencePage',
  query: `query Q4AudiencePage($advertiserIds: [ID!]) {
  audiences(advertiserIds: $advertiserIds, first: 50) {
    totalCount
    edges {
      node {
        id name updatedAt ${SIZE}
        algebraNodes { id operator parentId segmentId segment { ... on Segment { id name type } } }
      }
    }
  }
}`,
  variables: { advertiserIds: Q4_ADVERTISERS },
};

/** Pothos offset cursors: `after` the item at `offset - 1`. */
const cursorBefore = (offset: number) => Buffer.from(`OffsetConnection:${offset - 1}`).toString('base64');

/** This gateway (and its N+1 control): one operation per query, whatever the nesting. */
export const gatewayQueries: QuerySet = {
  segmentsPage: (size) => [
    {
      operationName: 'Q1SegmentsPage',
      query: `query Q1SegmentsPage($first: Int!) {
  audienceSegments(advertiserIds: ["4949"], first: $first) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { ${SEGMENT_SETTINGS} } }
  }
}`,
      variables: { first: size },
    },
  ],

  async audiencesDeep(items, advertiserIds) {
    // More than one page: aliases fetch every page in one operation, so the loaders batch across pages.
    const selections = pages(items).map(
      ({ offset, size }, p) =>
        `p${p}: audiences(advertiserIds: $advertiserIds, first: ${size}${offset ? `, after: "${cursorBefore(offset)}"` : ''}) {
    totalCount
    edges { node { ...AudienceDeep } }
  }`,
    );
    const operation: Operation = {
      operationName: 'Q2AudiencesDeep',
      query: `query Q2AudiencesDeep($advertiserIds: [ID!]) {
  ${selections.join('\n  ')}
}
${AUDIENCE_DEEP}`,
      variables: { advertiserIds },
    };
    return [operation];
  },

  entities: (ids) => [
    {
      operationName: 'Q3Entities',
      query: `query Q3Entities($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Audience { id name expression ${SIZE} }
  }
}`,
      variables: { representations: ids.map((id) => ({ __typename: 'Audience', id })) },
    },
  ],

  userPages: {
    segmentPage: async (send) => {
      await send(Q4_SEGMENT_PAGE);
    },
    audiencePage: async (send) => {
      await send(Q4_AUDIENCE_PAGE);
    },
  },
};
