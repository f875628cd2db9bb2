/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query CallerSegments {\n    audienceSegments(first: 100) {\n      totalCount\n      edges { node { ... on Segment { id advertiserId } } }\n    }\n  }\n": typeof types.CallerSegmentsDocument,
    "\n  query ScopedReads($theirs: [ID!]) {\n    audienceSegments(first: 100) { totalCount edges { node { ... on Segment { advertiserId name } } } }\n    audiences(first: 100) { totalCount edges { node { advertiserId name } } }\n    byTheirIds: audienceSegments(first: 10, ids: $theirs) { totalCount }\n    usingTheirSegment: audiences(first: 10, segmentIds: $theirs) { totalCount }\n    emptyFilter: audiences(first: 1, advertiserIds: []) { totalCount }\n  }\n": typeof types.ScopedReadsDocument,
    "\n  query ScopedEntities($r: [_Any!]!) { _entities(representations: $r) {\n    __typename ... on Audience { name advertiserId } ... on Segment { name } ... on Advertiser { id }\n  } }\n": typeof types.ScopedEntitiesDocument,
    "\n  mutation ScopedUpdateDelete($u: [AudienceSegmentUpdateInput!]!, $d: [ID!]!) {\n    updateAudienceSegments(input: $u) {\n      results { __typename ... on CriteoProblem { code detail } ... on Segment { id } }\n    }\n    deleteAudiences(ids: $d) { results { __typename ... on CriteoProblem { code detail } } }\n  }\n": typeof types.ScopedUpdateDeleteDocument,
    "\n  mutation ScopedCreateAudiences($input: [AudienceCreateInput!]!) {\n    createAudiences(input: $input) { results { __typename ... on CriteoProblem { code detail } } }\n  }\n": typeof types.ScopedCreateAudiencesDocument,
    "\n  query ServiceSdl { _service { sdl } }\n": typeof types.ServiceSdlDocument,
    "\n  query AudienceEntities($r: [_Any!]!) { _entities(representations: $r) { ... on Audience { id name } } }\n": typeof types.AudienceEntitiesDocument,
    "\n  query AudiencePage($first: Int!, $after: String) {\n    audiences(advertiserIds: [\"4949\", \"5050\"], first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          id\n          algebra { __typename ...Tree }\n          segments { ... on Segment { id name size { __typename ... on AudienceSize { value } ... on CriteoProblem { code } } } }\n          size { __typename ... on AudienceSize { value } ... on CriteoProblem { code } }\n        }\n      }\n    }\n  }\n  fragment Leaf on AudienceAlgebra { ... on AlgebraSegment { segmentId segment { ... on Segment { id name } } } }\n  fragment Tree on AudienceAlgebra {\n    ...Leaf\n    ... on AlgebraAnd { and { ...Leaf ... on AlgebraOr { or { ...Leaf } } ... on AlgebraNot { not { ...Leaf ... on AlgebraOr { or { ...Leaf } } } } } }\n    ... on AlgebraOr { or { ...Leaf ... on AlgebraAnd { and { ...Leaf } } } }\n  }\n": typeof types.AudiencePageDocument,
    "\n        mutation CreateThenClear($list: ID!) {\n          createAudienceSegments(input: [\n            { advertiserId: \"4949\", name: \"Kept after a later failure\", definition: { contactList: true } }\n          ]) { results { __typename ... on Segment { id name } } }\n          clearContactList(segmentId: $list) { __typename }\n        }\n      ": typeof types.CreateThenClearDocument,
    "\n        query RefusedCountry {\n          good: inMarketInterests(advertiserId: \"4949\", country: \"FR\") {\n            __typename ... on InMarketInterests { data { id } }\n          }\n          bad: inMarketBrands(advertiserId: \"4949\", country: \"XX\") {\n            __typename ... on CriteoProblem { code message }\n          }\n        }\n      ": typeof types.RefusedCountryDocument,
    "\n    query ReadAlgebraNodes($id: ID!) {\n      audience(id: $id) {\n        expression\n        algebraNodes { id parentId operator segmentId segment { ... on Segment { id name } } }\n      }\n    }\n  ": typeof types.ReadAlgebraNodesDocument,
    "\n        mutation CreateDeepAudience($algebra: AudienceAlgebraInput!) {\n          createAudiences(input: [{ advertiserId: \"4949\", name: \"Ten levels deep\", algebra: $algebra }]) {\n            results { __typename ... on Audience { id } ... on CriteoProblem { code detail } }\n          }\n        }\n      ": typeof types.CreateDeepAudienceDocument,
    "\n        mutation CreateWithLostResponse {\n          createAudienceSegments(input: [\n            { advertiserId: \"4949\", name: \"Lost A\", definition: { contactList: true } }\n            { advertiserId: \"4949\", name: \"Lost B\", definition: { contactList: true } }\n          ]) {\n            results { __typename ... on CriteoProblem { index code detail } }\n          }\n        }\n      ": typeof types.CreateWithLostResponseDocument,
};
const documents: Documents = {
    "\n  query CallerSegments {\n    audienceSegments(first: 100) {\n      totalCount\n      edges { node { ... on Segment { id advertiserId } } }\n    }\n  }\n": types.CallerSegmentsDocument,
    "\n  query ScopedReads($theirs: [ID!]) {\n    audienceSegments(first: 100) { totalCount edges { node { ... on Segment { advertiserId name } } } }\n    audiences(first: 100) { totalCount edges { node { advertiserId name } } }\n    byTheirIds: audienceSegments(first: 10, ids: $theirs) { totalCount }\n    usingTheirSegment: audiences(first: 10, segmentIds: $theirs) { totalCount }\n    emptyFilter: audiences(first: 1, advertiserIds: []) { totalCount }\n  }\n": types.ScopedReadsDocument,
    "\n  query ScopedEntities($r: [_Any!]!) { _entities(representations: $r) {\n    __typename ... on Audience { name advertiserId } ... on Segment { name } ... on Advertiser { id }\n  } }\n": types.ScopedEntitiesDocument,
    "\n  mutation ScopedUpdateDelete($u: [AudienceSegmentUpdateInput!]!, $d: [ID!]!) {\n    updateAudienceSegments(input: $u) {\n      results { __typename ... on CriteoProblem { code detail } ... on Segment { id } }\n    }\n    deleteAudiences(ids: $d) { results { __typename ... on CriteoProblem { code detail } } }\n  }\n": types.ScopedUpdateDeleteDocument,
    "\n  mutation ScopedCreateAudiences($input: [AudienceCreateInput!]!) {\n    createAudiences(input: $input) { results { __typename ... on CriteoProblem { code detail } } }\n  }\n": types.ScopedCreateAudiencesDocument,
    "\n  query ServiceSdl { _service { sdl } }\n": types.ServiceSdlDocument,
    "\n  query AudienceEntities($r: [_Any!]!) { _entities(representations: $r) { ... on Audience { id name } } }\n": types.AudienceEntitiesDocument,
    "\n  query AudiencePage($first: Int!, $after: String) {\n    audiences(advertiserIds: [\"4949\", \"5050\"], first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          id\n          algebra { __typename ...Tree }\n          segments { ... on Segment { id name size { __typename ... on AudienceSize { value } ... on CriteoProblem { code } } } }\n          size { __typename ... on AudienceSize { value } ... on CriteoProblem { code } }\n        }\n      }\n    }\n  }\n  fragment Leaf on AudienceAlgebra { ... on AlgebraSegment { segmentId segment { ... on Segment { id name } } } }\n  fragment Tree on AudienceAlgebra {\n    ...Leaf\n    ... on AlgebraAnd { and { ...Leaf ... on AlgebraOr { or { ...Leaf } } ... on AlgebraNot { not { ...Leaf ... on AlgebraOr { or { ...Leaf } } } } } }\n    ... on AlgebraOr { or { ...Leaf ... on AlgebraAnd { and { ...Leaf } } } }\n  }\n": types.AudiencePageDocument,
    "\n        mutation CreateThenClear($list: ID!) {\n          createAudienceSegments(input: [\n            { advertiserId: \"4949\", name: \"Kept after a later failure\", definition: { contactList: true } }\n          ]) { results { __typename ... on Segment { id name } } }\n          clearContactList(segmentId: $list) { __typename }\n        }\n      ": types.CreateThenClearDocument,
    "\n        query RefusedCountry {\n          good: inMarketInterests(advertiserId: \"4949\", country: \"FR\") {\n            __typename ... on InMarketInterests { data { id } }\n          }\n          bad: inMarketBrands(advertiserId: \"4949\", country: \"XX\") {\n            __typename ... on CriteoProblem { code message }\n          }\n        }\n      ": types.RefusedCountryDocument,
    "\n    query ReadAlgebraNodes($id: ID!) {\n      audience(id: $id) {\n        expression\n        algebraNodes { id parentId operator segmentId segment { ... on Segment { id name } } }\n      }\n    }\n  ": types.ReadAlgebraNodesDocument,
    "\n        mutation CreateDeepAudience($algebra: AudienceAlgebraInput!) {\n          createAudiences(input: [{ advertiserId: \"4949\", name: \"Ten levels deep\", algebra: $algebra }]) {\n            results { __typename ... on Audience { id } ... on CriteoProblem { code detail } }\n          }\n        }\n      ": types.CreateDeepAudienceDocument,
    "\n        mutation CreateWithLostResponse {\n          createAudienceSegments(input: [\n            { advertiserId: \"4949\", name: \"Lost A\", definition: { contactList: true } }\n            { advertiserId: \"4949\", name: \"Lost B\", definition: { contactList: true } }\n          ]) {\n            results { __typename ... on CriteoProblem { index code detail } }\n          }\n        }\n      ": types.CreateWithLostResponseDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CallerSegments {\n    audienceSegments(first: 100) {\n      totalCount\n      edges { node { ... on Segment { id advertiserId } } }\n    }\n  }\n"): (typeof documents)["\n  query CallerSegments {\n    audienceSegments(first: 100) {\n      totalCount\n      edges { node { ... on Segment { id advertiserId } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ScopedReads($theirs: [ID!]) {\n    audienceSegments(first: 100) { totalCount edges { node { ... on Segment { advertiserId name } } } }\n    audiences(first: 100) { totalCount edges { node { advertiserId name } } }\n    byTheirIds: audienceSegments(first: 10, ids: $theirs) { totalCount }\n    usingTheirSegment: audiences(first: 10, segmentIds: $theirs) { totalCount }\n    emptyFilter: audiences(first: 1, advertiserIds: []) { totalCount }\n  }\n"): (typeof documents)["\n  query ScopedReads($theirs: [ID!]) {\n    audienceSegments(first: 100) { totalCount edges { node { ... on Segment { advertiserId name } } } }\n    audiences(first: 100) { totalCount edges { node { advertiserId name } } }\n    byTheirIds: audienceSegments(first: 10, ids: $theirs) { totalCount }\n    usingTheirSegment: audiences(first: 10, segmentIds: $theirs) { totalCount }\n    emptyFilter: audiences(first: 1, advertiserIds: []) { totalCount }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ScopedEntities($r: [_Any!]!) { _entities(representations: $r) {\n    __typename ... on Audience { name advertiserId } ... on Segment { name } ... on Advertiser { id }\n  } }\n"): (typeof documents)["\n  query ScopedEntities($r: [_Any!]!) { _entities(representations: $r) {\n    __typename ... on Audience { name advertiserId } ... on Segment { name } ... on Advertiser { id }\n  } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ScopedUpdateDelete($u: [AudienceSegmentUpdateInput!]!, $d: [ID!]!) {\n    updateAudienceSegments(input: $u) {\n      results { __typename ... on CriteoProblem { code detail } ... on Segment { id } }\n    }\n    deleteAudiences(ids: $d) { results { __typename ... on CriteoProblem { code detail } } }\n  }\n"): (typeof documents)["\n  mutation ScopedUpdateDelete($u: [AudienceSegmentUpdateInput!]!, $d: [ID!]!) {\n    updateAudienceSegments(input: $u) {\n      results { __typename ... on CriteoProblem { code detail } ... on Segment { id } }\n    }\n    deleteAudiences(ids: $d) { results { __typename ... on CriteoProblem { code detail } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ScopedCreateAudiences($input: [AudienceCreateInput!]!) {\n    createAudiences(input: $input) { results { __typename ... on CriteoProblem { code detail } } }\n  }\n"): (typeof documents)["\n  mutation ScopedCreateAudiences($input: [AudienceCreateInput!]!) {\n    createAudiences(input: $input) { results { __typename ... on CriteoProblem { code detail } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ServiceSdl { _service { sdl } }\n"): (typeof documents)["\n  query ServiceSdl { _service { sdl } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AudienceEntities($r: [_Any!]!) { _entities(representations: $r) { ... on Audience { id name } } }\n"): (typeof documents)["\n  query AudienceEntities($r: [_Any!]!) { _entities(representations: $r) { ... on Audience { id name } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AudiencePage($first: Int!, $after: String) {\n    audiences(advertiserIds: [\"4949\", \"5050\"], first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          id\n          algebra { __typename ...Tree }\n          segments { ... on Segment { id name size { __typename ... on AudienceSize { value } ... on CriteoProblem { code } } } }\n          size { __typename ... on AudienceSize { value } ... on CriteoProblem { code } }\n        }\n      }\n    }\n  }\n  fragment Leaf on AudienceAlgebra { ... on AlgebraSegment { segmentId segment { ... on Segment { id name } } } }\n  fragment Tree on AudienceAlgebra {\n    ...Leaf\n    ... on AlgebraAnd { and { ...Leaf ... on AlgebraOr { or { ...Leaf } } ... on AlgebraNot { not { ...Leaf ... on AlgebraOr { or { ...Leaf } } } } } }\n    ... on AlgebraOr { or { ...Leaf ... on AlgebraAnd { and { ...Leaf } } } }\n  }\n"): (typeof documents)["\n  query AudiencePage($first: Int!, $after: String) {\n    audiences(advertiserIds: [\"4949\", \"5050\"], first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          id\n          algebra { __typename ...Tree }\n          segments { ... on Segment { id name size { __typename ... on AudienceSize { value } ... on CriteoProblem { code } } } }\n          size { __typename ... on AudienceSize { value } ... on CriteoProblem { code } }\n        }\n      }\n    }\n  }\n  fragment Leaf on AudienceAlgebra { ... on AlgebraSegment { segmentId segment { ... on Segment { id name } } } }\n  fragment Tree on AudienceAlgebra {\n    ...Leaf\n    ... on AlgebraAnd { and { ...Leaf ... on AlgebraOr { or { ...Leaf } } ... on AlgebraNot { not { ...Leaf ... on AlgebraOr { or { ...Leaf } } } } } }\n    ... on AlgebraOr { or { ...Leaf ... on AlgebraAnd { and { ...Leaf } } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        mutation CreateThenClear($list: ID!) {\n          createAudienceSegments(input: [\n            { advertiserId: \"4949\", name: \"Kept after a later failure\", definition: { contactList: true } }\n          ]) { results { __typename ... on Segment { id name } } }\n          clearContactList(segmentId: $list) { __typename }\n        }\n      "): (typeof documents)["\n        mutation CreateThenClear($list: ID!) {\n          createAudienceSegments(input: [\n            { advertiserId: \"4949\", name: \"Kept after a later failure\", definition: { contactList: true } }\n          ]) { results { __typename ... on Segment { id name } } }\n          clearContactList(segmentId: $list) { __typename }\n        }\n      "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        query RefusedCountry {\n          good: inMarketInterests(advertiserId: \"4949\", country: \"FR\") {\n            __typename ... on InMarketInterests { data { id } }\n          }\n          bad: inMarketBrands(advertiserId: \"4949\", country: \"XX\") {\n            __typename ... on CriteoProblem { code message }\n          }\n        }\n      "): (typeof documents)["\n        query RefusedCountry {\n          good: inMarketInterests(advertiserId: \"4949\", country: \"FR\") {\n            __typename ... on InMarketInterests { data { id } }\n          }\n          bad: inMarketBrands(advertiserId: \"4949\", country: \"XX\") {\n            __typename ... on CriteoProblem { code message }\n          }\n        }\n      "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query ReadAlgebraNodes($id: ID!) {\n      audience(id: $id) {\n        expression\n        algebraNodes { id parentId operator segmentId segment { ... on Segment { id name } } }\n      }\n    }\n  "): (typeof documents)["\n    query ReadAlgebraNodes($id: ID!) {\n      audience(id: $id) {\n        expression\n        algebraNodes { id parentId operator segmentId segment { ... on Segment { id name } } }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        mutation CreateDeepAudience($algebra: AudienceAlgebraInput!) {\n          createAudiences(input: [{ advertiserId: \"4949\", name: \"Ten levels deep\", algebra: $algebra }]) {\n            results { __typename ... on Audience { id } ... on CriteoProblem { code detail } }\n          }\n        }\n      "): (typeof documents)["\n        mutation CreateDeepAudience($algebra: AudienceAlgebraInput!) {\n          createAudiences(input: [{ advertiserId: \"4949\", name: \"Ten levels deep\", algebra: $algebra }]) {\n            results { __typename ... on Audience { id } ... on CriteoProblem { code detail } }\n          }\n        }\n      "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        mutation CreateWithLostResponse {\n          createAudienceSegments(input: [\n            { advertiserId: \"4949\", name: \"Lost A\", definition: { contactList: true } }\n            { advertiserId: \"4949\", name: \"Lost B\", definition: { contactList: true } }\n          ]) {\n            results { __typename ... on CriteoProblem { index code detail } }\n          }\n        }\n      "): (typeof documents)["\n        mutation CreateWithLostResponse {\n          createAudienceSegments(input: [\n            { advertiserId: \"4949\", name: \"Lost A\", definition: { contactList: true } }\n            { advertiserId: \"4949\", name: \"Lost B\", definition: { contactList: true } }\n          ]) {\n            results { __typename ... on CriteoProblem { index code detail } }\n          }\n        }\n      "];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;