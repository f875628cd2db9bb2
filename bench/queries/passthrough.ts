import { ALGEBRA_DEPTH, algebraSelection, pages, type QuerySet } from './operation.js';

/** Criteo's flat segment shape: the settings of each type in their own nullable object. */
export const FLAT_SEGMENT_SETTINGS = `inMarket { country interestIds brandIds buyingPower gender priceRange }
      prospecting { usersType daysSinceLastVisitMin daysSinceLastVisitMax }
      contactList { isReadOnly }
      location { registryType radiusInKm pointsOfInterest { name latitude longitude } }
      behavioral { category country startDate endDate }
      retargeting { visitorsType daysSinceLastVisitMin daysSinceLastVisitMax }
      lookalike { seedSegmentId targetSize }`;

const ALGEBRA = algebraSelection(
  ALGEBRA_DEPTH,
  'audienceSegmentId segment { id name type }',
  (op, inner) => `${op} { ${inner} }`,
);

/** The bare yoga + undici passthrough (`bench/targets/passthrough.ts`). */
export const passthroughQueries: QuerySet = {
  segmentsPage: (size) => [
    {
      operationName: 'Q1SegmentsPage',
      query: `query Q1SegmentsPage($limit: Int!) {
  segments(advertiserIds: ["4949"], limit: $limit) {
    totalItems
    items {
      id name description type advertiserId createdAt updatedAt
      ${FLAT_SEGMENT_SETTINGS}
    }
  }
}`,
      variables: { limit: size },
    },
  ],

  async audiencesDeep(items, advertiserIds) {
    const selections = pages(items).map(
      ({ offset, size }, p) =>
        `p${p}: audiences(advertiserIds: $advertiserIds, limit: ${size}, offset: ${offset}) { totalItems items { ...AudienceDeep } }`,
    );
    return [
      {
        operationName: 'Q2AudiencesDeep',
        query: `query Q2AudiencesDeep($advertiserIds: [ID!]!) {
  ${selections.join('\n  ')}
}
fragment AudienceDeep on Audience {
  id
  name
  algebra { ${ALGEBRA} }
  segments { id name type size }
  size
}`,
        variables: { advertiserIds },
      },
    ];
  },
};
