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
    "query AudienceEditor($id: ID!) {\n  audience(id: $id) {\n    id\n    name\n    description\n    expression\n    algebraNodes {\n      id\n      parentId\n      operator\n      segmentId\n      segment {\n        ... on Segment {\n          name\n          type\n        }\n      }\n    }\n  }\n}\n\nmutation RenameAudience($id: ID!, $name: String!, $description: String) {\n  updateAudiences(input: [{id: $id, name: $name, description: $description}]) {\n    results {\n      __typename\n      ... on Audience {\n        id\n        name\n        description\n        updatedAt\n      }\n      ... on CriteoProblem {\n        code\n        detail\n      }\n    }\n  }\n}": typeof types.AudienceEditorDocument,
    "query SegmentPicker($advertiserId: ID!, $first: Int = 20, $after: String, $types: [SegmentType!]) {\n  audienceSegments(\n    advertiserIds: [$advertiserId]\n    first: $first\n    after: $after\n    types: $types\n  ) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        __typename\n        ... on Segment {\n          id\n          name\n          type\n        }\n        ... on InMarketSegment {\n          country\n        }\n        ... on ContactListSegment {\n          isReadOnly\n        }\n        ... on LookalikeSegment {\n          targetSize\n        }\n      }\n    }\n  }\n}": typeof types.SegmentPickerDocument,
    "query SizePreview($advertiserId: ID!, $algebra: AudienceAlgebraInput!) {\n  estimateAudienceSize(advertiserId: $advertiserId, algebra: $algebra) {\n    __typename\n    ... on AudienceSize {\n      value\n    }\n    ... on CriteoProblem {\n      code\n      detail\n    }\n  }\n}": typeof types.SizePreviewDocument,
};
const documents: Documents = {
    "query AudienceEditor($id: ID!) {\n  audience(id: $id) {\n    id\n    name\n    description\n    expression\n    algebraNodes {\n      id\n      parentId\n      operator\n      segmentId\n      segment {\n        ... on Segment {\n          name\n          type\n        }\n      }\n    }\n  }\n}\n\nmutation RenameAudience($id: ID!, $name: String!, $description: String) {\n  updateAudiences(input: [{id: $id, name: $name, description: $description}]) {\n    results {\n      __typename\n      ... on Audience {\n        id\n        name\n        description\n        updatedAt\n      }\n      ... on CriteoProblem {\n        code\n        detail\n      }\n    }\n  }\n}": types.AudienceEditorDocument,
    "query SegmentPicker($advertiserId: ID!, $first: Int = 20, $after: String, $types: [SegmentType!]) {\n  audienceSegments(\n    advertiserIds: [$advertiserId]\n    first: $first\n    after: $after\n    types: $types\n  ) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        __typename\n        ... on Segment {\n          id\n          name\n          type\n        }\n        ... on InMarketSegment {\n          country\n        }\n        ... on ContactListSegment {\n          isReadOnly\n        }\n        ... on LookalikeSegment {\n          targetSize\n        }\n      }\n    }\n  }\n}": types.SegmentPickerDocument,
    "query SizePreview($advertiserId: ID!, $algebra: AudienceAlgebraInput!) {\n  estimateAudienceSize(advertiserId: $advertiserId, algebra: $algebra) {\n    __typename\n    ... on AudienceSize {\n      value\n    }\n    ... on CriteoProblem {\n      code\n      detail\n    }\n  }\n}": types.SizePreviewDocument,
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
export function graphql(source: "query AudienceEditor($id: ID!) {\n  audience(id: $id) {\n    id\n    name\n    description\n    expression\n    algebraNodes {\n      id\n      parentId\n      operator\n      segmentId\n      segment {\n        ... on Segment {\n          name\n          type\n        }\n      }\n    }\n  }\n}\n\nmutation RenameAudience($id: ID!, $name: String!, $description: String) {\n  updateAudiences(input: [{id: $id, name: $name, description: $description}]) {\n    results {\n      __typename\n      ... on Audience {\n        id\n        name\n        description\n        updatedAt\n      }\n      ... on CriteoProblem {\n        code\n        detail\n      }\n    }\n  }\n}"): (typeof documents)["query AudienceEditor($id: ID!) {\n  audience(id: $id) {\n    id\n    name\n    description\n    expression\n    algebraNodes {\n      id\n      parentId\n      operator\n      segmentId\n      segment {\n        ... on Segment {\n          name\n          type\n        }\n      }\n    }\n  }\n}\n\nmutation RenameAudience($id: ID!, $name: String!, $description: String) {\n  updateAudiences(input: [{id: $id, name: $name, description: $description}]) {\n    results {\n      __typename\n      ... on Audience {\n        id\n        name\n        description\n        updatedAt\n      }\n      ... on CriteoProblem {\n        code\n        detail\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SegmentPicker($advertiserId: ID!, $first: Int = 20, $after: String, $types: [SegmentType!]) {\n  audienceSegments(\n    advertiserIds: [$advertiserId]\n    first: $first\n    after: $after\n    types: $types\n  ) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        __typename\n        ... on Segment {\n          id\n          name\n          type\n        }\n        ... on InMarketSegment {\n          country\n        }\n        ... on ContactListSegment {\n          isReadOnly\n        }\n        ... on LookalikeSegment {\n          targetSize\n        }\n      }\n    }\n  }\n}"): (typeof documents)["query SegmentPicker($advertiserId: ID!, $first: Int = 20, $after: String, $types: [SegmentType!]) {\n  audienceSegments(\n    advertiserIds: [$advertiserId]\n    first: $first\n    after: $after\n    types: $types\n  ) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        __typename\n        ... on Segment {\n          id\n          name\n          type\n        }\n        ... on InMarketSegment {\n          country\n        }\n        ... on ContactListSegment {\n          isReadOnly\n        }\n        ... on LookalikeSegment {\n          targetSize\n        }\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SizePreview($advertiserId: ID!, $algebra: AudienceAlgebraInput!) {\n  estimateAudienceSize(advertiserId: $advertiserId, algebra: $algebra) {\n    __typename\n    ... on AudienceSize {\n      value\n    }\n    ... on CriteoProblem {\n      code\n      detail\n    }\n  }\n}"): (typeof documents)["query SizePreview($advertiserId: ID!, $algebra: AudienceAlgebraInput!) {\n  estimateAudienceSize(advertiserId: $advertiserId, algebra: $algebra) {\n    __typename\n    ... on AudienceSize {\n      value\n    }\n    ... on CriteoProblem {\n      code\n      detail\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;