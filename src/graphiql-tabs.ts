/**
 * GraphiQL's default tabs: example operations that work against the emulator's demo data
 * (advertiser 4949 of `demo-client-id`).
 */
export const GRAPHIQL_TABS = [
  {
    query: `# A page of segments: the union's members expose their own settings.
query SegmentsPage {
  audienceSegments(advertiserIds: ["4949"], first: 20) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      node {
        __typename
        ... on Segment { id name type createdAt }
        ... on InMarketSegment { country interestIds brandIds buyingPower gender }
        ... on LocationSegment { radiusInKm pointsOfInterest { name latitude longitude } }
        ... on RetargetingSegment { visitorsType daysSinceLastVisitMin daysSinceLastVisitMax }
        ... on LookalikeSegment { targetSize seedSegment { ... on Segment { id name } } }
        ... on ContactListSegment {
          isReadOnly
          statistics { __typename ... on ContactListStatistics { numberOfIdentifiers matchRate } ... on CriteoProblem { code detail } }
        }
      }
    }
  }
}
`,
  },
  {
    query: `# An audience with its definition, its segments and sizes (all batched).
# algebraNodes is the tree at any depth as a flat list: rebuild it from parentId.
query AudienceWithAlgebra {
  audience(id: "500002") {
    name
    expression
    algebraNodes { id parentId operator segmentId segment { ... on Segment { name } } }
    segments { ... on Segment { id name type size { __typename ... on AudienceSize { value } ... on CriteoProblem { code detail } } } }
    size { __typename ... on AudienceSize { value } ... on CriteoProblem { code detail } }
  }
}
`,
  },
  {
    query: `# Per-item errors: one size is not available (an empty contact list); the siblings keep theirs.
query SizesWithOneProblem {
  audiences(advertiserIds: ["4949"], first: 6) {
    edges {
      node {
        id
        name
        expression
        size {
          __typename
          ... on AudienceSize { value }
          ... on CriteoProblem { code title detail traceId }
        }
      }
    }
  }
}
`,
  },
  {
    query: `# Bulk writes answer item by item, in input order: the second name is taken, so only that item fails.
mutation CreateSegments {
  createAudienceSegments(input: [
    { advertiserId: "4949", name: "GraphiQL contact list", definition: { contactList: true } }
    { advertiserId: "4949", name: "CRM customers #1", definition: { contactList: true } }
    { advertiserId: "4949", name: "GraphiQL in-market", definition: { inMarket: { country: "FR", buyingPower: [HIGH] } } }
  ]) {
    results {
      __typename
      ... on Segment { id name type }
      ... on CriteoProblem { index code detail traceId source { field path } }
    }
    warnings { index code detail }
  }
}
`,
  },
  {
    query: `# Size an algebra that is not saved (changes nothing); a malformed one is refused before any Criteo call.
query EstimateUnsaved {
  estimateAudienceSize(
    advertiserId: "4949"
    algebra: { and: [{ or: [{ segmentId: "100001" }, { segmentId: "100002" }] }, { not: { segmentId: "100051" } }] }
  ) {
    __typename
    ... on AudienceSize { value }
    ... on CriteoProblem { code detail }
  }
}
`,
  },
  {
    query: `# First paint before sizes: @defer sends the page at once and the slow sizes in a later part
# (still one batched compute-sizes call). GraphiQL shows the parts as they arrive.
query SegmentsFirstSizesLater {
  audienceSegments(advertiserIds: ["4949"], first: 10) {
    edges {
      node {
        ... on Segment {
          id
          name
          type
          ... @defer(label: "sizes") {
            size { __typename ... on AudienceSize { value } ... on CriteoProblem { code detail } }
          }
        }
      }
    }
  }
}
`,
  },
  {
    query: `# An upload's progress bar: chunkResults @stream tells each chunk of 50,000 identifiers as Criteo
# answers it, and the totals come last (@defer). A CSV of millions shows one step per chunk.
mutation UploadWithProgress {
  addContactListIdentifiers(input: {
    segmentId: "100034"
    identifierType: EMAIL
    identifiers: ["ada@example.com", "grace@example.com", "not-an-email"]
  }) {
    __typename
    ... on ContactListIdentifiersPayload {
      segmentId
      chunkResults @stream { chunk identifiers validIdentifiers invalidIdentifiers problem { code detail } }
      ... @defer(label: "totals") { received validIdentifiers invalidIdentifiers sampleInvalidIdentifiers }
    }
    ... on CriteoProblem { code detail }
  }
}
`,
  },
];
