/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** What one node of an audience definition does. */
export type AlgebraOperator =
  /** People in every one of its children. */
  | 'AND'
  /** People not in its one child. */
  | 'NOT'
  /** People in at least one of its children. */
  | 'OR'
  /** A leaf: the people of one segment. */
  | 'SEGMENT';

/** One node of an audience definition: exactly one of `and`, `or`, `not`, `segmentId`. At most 10 levels deep and 100 nodes in all; checked before any Criteo call. */
export type AudienceAlgebraInput =
  {   /** People in every one of these nodes (at least 2). */
  and: Array<AudienceAlgebraInput>; not?: never; or?: never; segmentId?: never; }
  |  { and?: never;   /** People not in this node. */
  not: AudienceAlgebraInput; or?: never; segmentId?: never; }
  |  { and?: never; not?: never;   /** People in at least one of these nodes (at least 2). */
  or: Array<AudienceAlgebraInput>; segmentId?: never; }
  |  { and?: never; not?: never; or?: never;   /** A leaf: the people of this segment (numeric Criteo id). */
  segmentId: string | number; };

/** The kind of an audience segment. */
export type SegmentType =
  /** Criteo-provided behavioral segments (read-only). */
  | 'BEHAVIORAL'
  /** People from an uploaded contact list. */
  | 'CONTACT_LIST'
  /** People with a shopping intent, by interests and brands. */
  | 'IN_MARKET'
  /** People seen near points of interest. */
  | 'LOCATION'
  /** People similar to a seed segment. */
  | 'LOOKALIKE'
  /** People similar to the advertiser's buyers. */
  | 'PROSPECTING'
  /** Visitors of the advertiser's site. */
  | 'RETARGETING'
  /** A type Criteo does not describe in this API version. */
  | 'UNKNOWN';

export type AudienceEditorQueryVariables = Exact<{
  id: string | number;
}>;


export type AudienceEditorQuery = { audience: { id: string, name: string, description: string | null, expression: string | null, algebraNodes: Array<{ id: string, parentId: string | null, operator: AlgebraOperator, segmentId: string | null, segment:
        | { name: string, type: SegmentType }
        | { name: string, type: SegmentType }
        | { name: string, type: SegmentType }
        | { name: string, type: SegmentType }
        | { name: string, type: SegmentType }
        | { name: string, type: SegmentType }
        | { name: string, type: SegmentType }
        | { name: string, type: SegmentType }
       | null }> } | null };

export type RenameAudienceMutationVariables = Exact<{
  id: string | number;
  name: string;
  description?: string | null | undefined;
}>;


export type RenameAudienceMutation = { updateAudiences: { results: Array<
      | { __typename: 'Audience', id: string, name: string, description: string | null, updatedAt: string | null }
      | { __typename: 'CriteoProblem', code: string, detail: string | null }
    > } | null };

export type SegmentPickerQueryVariables = Exact<{
  advertiserId: string | number;
  first?: number | null | undefined;
  after?: string | null | undefined;
  types?: Array<SegmentType> | SegmentType | null | undefined;
}>;


export type SegmentPickerQuery = { audienceSegments: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node:
        | { __typename: 'BehavioralSegment', id: string, name: string, type: SegmentType }
        | { __typename: 'ContactListSegment', id: string, name: string, type: SegmentType, isReadOnly: boolean }
        | { __typename: 'InMarketSegment', id: string, name: string, type: SegmentType, country: string | null }
        | { __typename: 'LocationSegment', id: string, name: string, type: SegmentType }
        | { __typename: 'LookalikeSegment', id: string, name: string, type: SegmentType, targetSize: number | null }
        | { __typename: 'ProspectingSegment', id: string, name: string, type: SegmentType }
        | { __typename: 'RetargetingSegment', id: string, name: string, type: SegmentType }
        | { __typename: 'UnknownSegment', id: string, name: string, type: SegmentType }
       }> } | null };

export type SizePreviewQueryVariables = Exact<{
  advertiserId: string | number;
  algebra: AudienceAlgebraInput;
}>;


export type SizePreviewQuery = { estimateAudienceSize:
    | { __typename: 'AudienceSize', value: number }
    | { __typename: 'CriteoProblem', code: string, detail: string | null }
   | null };


export const AudienceEditorDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AudienceEditor"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"audience"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"expression"}},{"kind":"Field","name":{"kind":"Name","value":"algebraNodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"parentId"}},{"kind":"Field","name":{"kind":"Name","value":"operator"}},{"kind":"Field","name":{"kind":"Name","value":"segmentId"}},{"kind":"Field","name":{"kind":"Name","value":"segment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Segment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<AudienceEditorQuery, AudienceEditorQueryVariables>;
export const RenameAudienceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RenameAudience"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"description"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateAudiences"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ListValue","values":[{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"description"},"value":{"kind":"Variable","name":{"kind":"Name","value":"description"}}}]}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"results"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Audience"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CriteoProblem"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}}]}}]}}]}}]}}]} as unknown as DocumentNode<RenameAudienceMutation, RenameAudienceMutationVariables>;
export const SegmentPickerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SegmentPicker"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"advertiserId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"types"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SegmentType"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"audienceSegments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"advertiserIds"},"value":{"kind":"ListValue","values":[{"kind":"Variable","name":{"kind":"Name","value":"advertiserId"}}]}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"types"},"value":{"kind":"Variable","name":{"kind":"Name","value":"types"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Segment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InMarketSegment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"country"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ContactListSegment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"isReadOnly"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"LookalikeSegment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"targetSize"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<SegmentPickerQuery, SegmentPickerQueryVariables>;
export const SizePreviewDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SizePreview"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"advertiserId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"algebra"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AudienceAlgebraInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"estimateAudienceSize"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"advertiserId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"advertiserId"}}},{"kind":"Argument","name":{"kind":"Name","value":"algebra"},"value":{"kind":"Variable","name":{"kind":"Name","value":"algebra"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AudienceSize"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CriteoProblem"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}}]}}]}}]}}]} as unknown as DocumentNode<SizePreviewQuery, SizePreviewQueryVariables>;