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

/** One audience to create. */
export type AudienceCreateInput = {
  /** The advertiser that will own it. */
  advertiserId: string | number;
  /** The definition: segments combined with AND / OR / NOT. */
  algebra: AudienceAlgebraInput;
  /** Free-text description. */
  description?: string | null | undefined;
  /** Name, unique per advertiser. */
  name: string;
};

/** Settings to change, of the segment's own type (the type cannot change). */
export type AudienceSegmentDefinitionUpdateInput =
  {   /** In-market settings. */
  inMarket: InMarketSegmentUpdateInput; location?: never; lookalike?: never; prospecting?: never; retargeting?: never; }
  |  { inMarket?: never;   /** Location settings. */
  location: LocationSegmentUpdateInput; lookalike?: never; prospecting?: never; retargeting?: never; }
  |  { inMarket?: never; location?: never;   /** Lookalike settings. */
  lookalike: LookalikeSegmentUpdateInput; prospecting?: never; retargeting?: never; }
  |  { inMarket?: never; location?: never; lookalike?: never;   /** Prospecting settings. */
  prospecting: ProspectingSegmentUpdateInput; retargeting?: never; }
  |  { inMarket?: never; location?: never; lookalike?: never; prospecting?: never;   /** Retargeting settings. */
  retargeting: RetargetingSegmentUpdateInput; };

/** Changes to one segment: absent fields stay as they are; null clears a field that allows it. */
export type AudienceSegmentUpdateInput = {
  /** Settings to change, of the segment's own type. */
  definition?: AudienceSegmentDefinitionUpdateInput | null | undefined;
  /** New description; null clears it. */
  description?: string | null | undefined;
  /** Criteo id of the segment. */
  id: string | number;
  /** New name, unique per advertiser (cannot be null). */
  name?: string | null | undefined;
};

/** How much people spend, from low to very high. */
export type BuyingPower =
  | 'HIGH'
  | 'LOW'
  | 'MEDIUM'
  | 'UNKNOWN'
  | 'VERY_HIGH';

/** Gender of the products people are interested in. */
export type Gender =
  | 'FEMALE'
  | 'MALE'
  | 'UNKNOWN';

/** In-market settings to change; absent fields stay as they are. */
export type InMarketSegmentUpdateInput = {
  /** Replaces the brand ids. */
  brandIds?: Array<string | number> | null | undefined;
  /** Replaces the buying powers. */
  buyingPower?: Array<BuyingPower> | null | undefined;
  /** ISO 3166-1 alpha-2 country. */
  country?: string | null | undefined;
  /** The gender; explicit null targets all genders. */
  gender?: Gender | null | undefined;
  /** Replaces the interest ids. */
  interestIds?: Array<string | number> | null | undefined;
  /** Replaces the price ranges. */
  priceRange?: Array<PriceRange> | null | undefined;
};

/** Location settings to change; absent fields stay as they are. */
export type LocationSegmentUpdateInput = {
  /** Replaces the places. */
  pointsOfInterest?: Array<PointOfInterestInput> | null | undefined;
  /** Maximum distance from a place, in km. */
  radiusInKm?: number | null | undefined;
  /**
   * The kind of location segment.
   * @deprecated Criteo no longer takes it on create; setting it draws a `deprecated-field` warning. Every location segment is POINT_OF_INTEREST.
   */
  registryType?: RegistryType | null | undefined;
};

/** Lookalike settings to change (the seed cannot change). */
export type LookalikeSegmentUpdateInput = {
  /** Desired number of people. */
  targetSize?: number | null | undefined;
};

/** A place: people seen within the radius of it belong to the location segment. */
export type PointOfInterestInput = {
  /** ISO-6709 latitude, -90 to 90 (Criteo keeps 5 decimals). */
  latitude: number;
  /** ISO-6709 longitude, -180 to 180 (Criteo keeps 5 decimals). */
  longitude: number;
  /** Name of the place. */
  name: string;
};

/** Price range of the products people look at. */
export type PriceRange =
  | 'HIGH'
  | 'LOW'
  | 'MEDIUM'
  | 'UNKNOWN';

/** Prospecting settings to change; absent fields stay as they are. */
export type ProspectingSegmentUpdateInput = {
  /** Visited at most this many days ago; null clears it. */
  daysSinceLastVisitMax?: number | null | undefined;
  /** Visited at least this many days ago; null clears it. */
  daysSinceLastVisitMin?: number | null | undefined;
  /** Which users to target. */
  usersType?: UsersType | null | undefined;
};

/** The kind of location segment. */
export type RegistryType =
  | 'POINT_OF_INTEREST'
  | 'UNKNOWN';

/** Retargeting settings to change; absent fields stay as they are. */
export type RetargetingSegmentUpdateInput = {
  /** Visited at most this many days ago. */
  daysSinceLastVisitMax?: number | null | undefined;
  /** Visited at least this many days ago. */
  daysSinceLastVisitMin?: number | null | undefined;
  /** Buyers, non-buyers or all. */
  visitorsType?: VisitorsType | null | undefined;
};

/** Which users a prospecting segment targets. */
export type UsersType =
  /** New users only. */
  | 'PROSPECTS'
  /** New users and past visitors who did not buy. */
  | 'PROSPECTS_OR_NON_BUYERS'
  /** A value this API version does not describe. */
  | 'UNKNOWN';

/** Which site visitors a retargeting segment targets. */
export type VisitorsType =
  | 'ALL'
  | 'BUYERS'
  | 'NON_BUYERS'
  | 'UNKNOWN';

export type CallerSegmentsQueryVariables = Exact<{ [key: string]: never; }>;


export type CallerSegmentsQuery = { audienceSegments: { totalCount: number, edges: Array<{ node:
        | { id: string, advertiserId: string | null }
        | { id: string, advertiserId: string | null }
        | { id: string, advertiserId: string | null }
        | { id: string, advertiserId: string | null }
        | { id: string, advertiserId: string | null }
        | { id: string, advertiserId: string | null }
        | { id: string, advertiserId: string | null }
        | { id: string, advertiserId: string | null }
       }> } | null };

export type ScopedReadsQueryVariables = Exact<{
  theirs?: Array<string | number> | string | number | null | undefined;
}>;


export type ScopedReadsQuery = { audienceSegments: { totalCount: number, edges: Array<{ node:
        | { advertiserId: string | null, name: string }
        | { advertiserId: string | null, name: string }
        | { advertiserId: string | null, name: string }
        | { advertiserId: string | null, name: string }
        | { advertiserId: string | null, name: string }
        | { advertiserId: string | null, name: string }
        | { advertiserId: string | null, name: string }
        | { advertiserId: string | null, name: string }
       }> } | null, audiences: { totalCount: number, edges: Array<{ node: { advertiserId: string | null, name: string } }> } | null, byTheirIds: { totalCount: number } | null, usingTheirSegment: { totalCount: number } | null, emptyFilter: { totalCount: number } | null };

export type ScopedEntitiesQueryVariables = Exact<{
  r: Array<unknown> | unknown;
}>;


export type ScopedEntitiesQuery = { _entities: Array<
    | { __typename: 'Advertiser', id: string }
    | { __typename: 'Audience', name: string, advertiserId: string | null }
    | { __typename: 'BehavioralSegment', name: string }
    | { __typename: 'ContactListSegment', name: string }
    | { __typename: 'InMarketSegment', name: string }
    | { __typename: 'LocationSegment', name: string }
    | { __typename: 'LookalikeSegment', name: string }
    | { __typename: 'ProspectingSegment', name: string }
    | { __typename: 'RetargetingSegment', name: string }
    | { __typename: 'UnknownSegment', name: string }
   | null> };

export type ScopedUpdateDeleteMutationVariables = Exact<{
  u: Array<AudienceSegmentUpdateInput> | AudienceSegmentUpdateInput;
  d: Array<string | number> | string | number;
}>;


export type ScopedUpdateDeleteMutation = { updateAudienceSegments: { results: Array<
      | { __typename: 'BehavioralSegment', id: string }
      | { __typename: 'ContactListSegment', id: string }
      | { __typename: 'CriteoProblem', code: string, detail: string | null }
      | { __typename: 'InMarketSegment', id: string }
      | { __typename: 'LocationSegment', id: string }
      | { __typename: 'LookalikeSegment', id: string }
      | { __typename: 'ProspectingSegment', id: string }
      | { __typename: 'RetargetingSegment', id: string }
      | { __typename: 'UnknownSegment', id: string }
    > } | null, deleteAudiences: { results: Array<
      | { __typename: 'CriteoProblem', code: string, detail: string | null }
      | { __typename: 'DeletedAudience' }
    > } | null };

export type ScopedCreateAudiencesMutationVariables = Exact<{
  input: Array<AudienceCreateInput> | AudienceCreateInput;
}>;


export type ScopedCreateAudiencesMutation = { createAudiences: { results: Array<
      | { __typename: 'Audience' }
      | { __typename: 'CriteoProblem', code: string, detail: string | null }
    > } | null };

export type ServiceSdlQueryVariables = Exact<{ [key: string]: never; }>;


export type ServiceSdlQuery = { _service: { sdl: string | null } };

export type AudienceEntitiesQueryVariables = Exact<{
  r: Array<unknown> | unknown;
}>;


export type AudienceEntitiesQuery = { _entities: Array<
    | { id: string, name: string }
    | Record<PropertyKey, never>
   | null> };

export type AudiencePageQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
}>;


export type AudiencePageQuery = { audiences: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, algebra:
          | { __typename: 'AlgebraAnd', and: Array<
              | { not:
                  | { or: Array<
                      | { segmentId: string, segment:
                          | { id: string, name: string }
                          | { id: string, name: string }
                          | { id: string, name: string }
                          | { id: string, name: string }
                          | { id: string, name: string }
                          | { id: string, name: string }
                          | { id: string, name: string }
                          | { id: string, name: string }
                         | null }
                      | Record<PropertyKey, never>
                    > }
                  | { segmentId: string, segment:
                      | { id: string, name: string }
                      | { id: string, name: string }
                      | { id: string, name: string }
                      | { id: string, name: string }
                      | { id: string, name: string }
                      | { id: string, name: string }
                      | { id: string, name: string }
                      | { id: string, name: string }
                     | null }
                  | Record<PropertyKey, never>
                 }
              | { or: Array<
                  | { segmentId: string, segment:
                      | { id: string, name: string }
                      | { id: string, name: string }
                      | { id: string, name: string }
                      | { id: string, name: string }
                      | { id: string, name: string }
                      | { id: string, name: string }
                      | { id: string, name: string }
                      | { id: string, name: string }
                     | null }
                  | Record<PropertyKey, never>
                > }
              | { segmentId: string, segment:
                  | { id: string, name: string }
                  | { id: string, name: string }
                  | { id: string, name: string }
                  | { id: string, name: string }
                  | { id: string, name: string }
                  | { id: string, name: string }
                  | { id: string, name: string }
                  | { id: string, name: string }
                 | null }
              | Record<PropertyKey, never>
            > }
          | { __typename: 'AlgebraNot' }
          | { __typename: 'AlgebraOr', or: Array<
              | { and: Array<
                  | { segmentId: string, segment:
                      | { id: string, name: string }
                      | { id: string, name: string }
                      | { id: string, name: string }
                      | { id: string, name: string }
                      | { id: string, name: string }
                      | { id: string, name: string }
                      | { id: string, name: string }
                      | { id: string, name: string }
                     | null }
                  | Record<PropertyKey, never>
                > }
              | { segmentId: string, segment:
                  | { id: string, name: string }
                  | { id: string, name: string }
                  | { id: string, name: string }
                  | { id: string, name: string }
                  | { id: string, name: string }
                  | { id: string, name: string }
                  | { id: string, name: string }
                  | { id: string, name: string }
                 | null }
              | Record<PropertyKey, never>
            > }
          | { __typename: 'AlgebraSegment', segmentId: string, segment:
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
             | null }
         | null, segments: Array<
          | { id: string, name: string, size:
              | { __typename: 'AudienceSize', value: number }
              | { __typename: 'CriteoProblem', code: string }
             | null }
          | { id: string, name: string, size:
              | { __typename: 'AudienceSize', value: number }
              | { __typename: 'CriteoProblem', code: string }
             | null }
          | { id: string, name: string, size:
              | { __typename: 'AudienceSize', value: number }
              | { __typename: 'CriteoProblem', code: string }
             | null }
          | { id: string, name: string, size:
              | { __typename: 'AudienceSize', value: number }
              | { __typename: 'CriteoProblem', code: string }
             | null }
          | { id: string, name: string, size:
              | { __typename: 'AudienceSize', value: number }
              | { __typename: 'CriteoProblem', code: string }
             | null }
          | { id: string, name: string, size:
              | { __typename: 'AudienceSize', value: number }
              | { __typename: 'CriteoProblem', code: string }
             | null }
          | { id: string, name: string, size:
              | { __typename: 'AudienceSize', value: number }
              | { __typename: 'CriteoProblem', code: string }
             | null }
          | { id: string, name: string, size:
              | { __typename: 'AudienceSize', value: number }
              | { __typename: 'CriteoProblem', code: string }
             | null }
         | null>, size:
          | { __typename: 'AudienceSize', value: number }
          | { __typename: 'CriteoProblem', code: string }
         | null } }> } | null };

export type LeafFragment = { segmentId: string, segment:
    | { id: string, name: string }
    | { id: string, name: string }
    | { id: string, name: string }
    | { id: string, name: string }
    | { id: string, name: string }
    | { id: string, name: string }
    | { id: string, name: string }
    | { id: string, name: string }
   | null };

type Tree_AlgebraAnd_Fragment = { and: Array<
    | { not:
        | { or: Array<
            | { segmentId: string, segment:
                | { id: string, name: string }
                | { id: string, name: string }
                | { id: string, name: string }
                | { id: string, name: string }
                | { id: string, name: string }
                | { id: string, name: string }
                | { id: string, name: string }
                | { id: string, name: string }
               | null }
            | Record<PropertyKey, never>
          > }
        | { segmentId: string, segment:
            | { id: string, name: string }
            | { id: string, name: string }
            | { id: string, name: string }
            | { id: string, name: string }
            | { id: string, name: string }
            | { id: string, name: string }
            | { id: string, name: string }
            | { id: string, name: string }
           | null }
        | Record<PropertyKey, never>
       }
    | { or: Array<
        | { segmentId: string, segment:
            | { id: string, name: string }
            | { id: string, name: string }
            | { id: string, name: string }
            | { id: string, name: string }
            | { id: string, name: string }
            | { id: string, name: string }
            | { id: string, name: string }
            | { id: string, name: string }
           | null }
        | Record<PropertyKey, never>
      > }
    | { segmentId: string, segment:
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
       | null }
    | Record<PropertyKey, never>
  > };

type Tree_AlgebraOr_Fragment = { or: Array<
    | { and: Array<
        | { segmentId: string, segment:
            | { id: string, name: string }
            | { id: string, name: string }
            | { id: string, name: string }
            | { id: string, name: string }
            | { id: string, name: string }
            | { id: string, name: string }
            | { id: string, name: string }
            | { id: string, name: string }
           | null }
        | Record<PropertyKey, never>
      > }
    | { segmentId: string, segment:
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
       | null }
    | Record<PropertyKey, never>
  > };

type Tree_AlgebraSegment_Fragment = { segmentId: string, segment:
    | { id: string, name: string }
    | { id: string, name: string }
    | { id: string, name: string }
    | { id: string, name: string }
    | { id: string, name: string }
    | { id: string, name: string }
    | { id: string, name: string }
    | { id: string, name: string }
   | null };

export type TreeFragment =
  | Tree_AlgebraAnd_Fragment
  | Tree_AlgebraOr_Fragment
  | Tree_AlgebraSegment_Fragment
;

export type CreateThenClearMutationVariables = Exact<{
  list: string | number;
}>;


export type CreateThenClearMutation = { createAudienceSegments: { results: Array<
      | { __typename: 'BehavioralSegment', id: string, name: string }
      | { __typename: 'ContactListSegment', id: string, name: string }
      | { __typename: 'CriteoProblem' }
      | { __typename: 'InMarketSegment', id: string, name: string }
      | { __typename: 'LocationSegment', id: string, name: string }
      | { __typename: 'LookalikeSegment', id: string, name: string }
      | { __typename: 'ProspectingSegment', id: string, name: string }
      | { __typename: 'RetargetingSegment', id: string, name: string }
      | { __typename: 'UnknownSegment', id: string, name: string }
    > } | null, clearContactList:
    | { __typename: 'ClearedContactList' }
    | { __typename: 'CriteoProblem' }
   | null };

export type RefusedCountryQueryVariables = Exact<{ [key: string]: never; }>;


export type RefusedCountryQuery = { good:
    | { __typename: 'CriteoProblem' }
    | { __typename: 'InMarketInterests', data: Array<{ id: string }> }
   | null, bad:
    | { __typename: 'CriteoProblem', code: string, message: string }
    | { __typename: 'InMarketBrands' }
   | null };

export type ReadAlgebraNodesQueryVariables = Exact<{
  id: string | number;
}>;


export type ReadAlgebraNodesQuery = { audience: { expression: string | null, algebraNodes: Array<{ id: string, parentId: string | null, operator: AlgebraOperator, segmentId: string | null, segment:
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
       | null }> } | null };

export type CreateDeepAudienceMutationVariables = Exact<{
  algebra: AudienceAlgebraInput;
}>;


export type CreateDeepAudienceMutation = { createAudiences: { results: Array<
      | { __typename: 'Audience', id: string }
      | { __typename: 'CriteoProblem', code: string, detail: string | null }
    > } | null };

export type CreateWithLostResponseMutationVariables = Exact<{ [key: string]: never; }>;


export type CreateWithLostResponseMutation = { createAudienceSegments: { results: Array<
      | { __typename: 'BehavioralSegment' }
      | { __typename: 'ContactListSegment' }
      | { __typename: 'CriteoProblem', index: number | null, code: string, detail: string | null }
      | { __typename: 'InMarketSegment' }
      | { __typename: 'LocationSegment' }
      | { __typename: 'LookalikeSegment' }
      | { __typename: 'ProspectingSegment' }
      | { __typename: 'RetargetingSegment' }
      | { __typename: 'UnknownSegment' }
    > } | null };

export const LeafFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Leaf"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AudienceAlgebra"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AlgebraSegment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"segmentId"}},{"kind":"Field","name":{"kind":"Name","value":"segment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Segment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<LeafFragment, unknown>;
export const TreeFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Tree"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AudienceAlgebra"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Leaf"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AlgebraAnd"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"and"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Leaf"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AlgebraOr"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"or"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Leaf"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AlgebraNot"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"not"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Leaf"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AlgebraOr"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"or"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Leaf"}}]}}]}}]}}]}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AlgebraOr"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"or"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Leaf"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AlgebraAnd"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"and"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Leaf"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Leaf"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AudienceAlgebra"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AlgebraSegment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"segmentId"}},{"kind":"Field","name":{"kind":"Name","value":"segment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Segment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<TreeFragment, unknown>;
export const CallerSegmentsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CallerSegments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"audienceSegments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Segment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"advertiserId"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<CallerSegmentsQuery, CallerSegmentsQueryVariables>;
export const ScopedReadsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ScopedReads"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"theirs"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"audienceSegments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Segment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"advertiserId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"audiences"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"advertiserId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"byTheirIds"},"name":{"kind":"Name","value":"audienceSegments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}},{"kind":"Argument","name":{"kind":"Name","value":"ids"},"value":{"kind":"Variable","name":{"kind":"Name","value":"theirs"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"usingTheirSegment"},"name":{"kind":"Name","value":"audiences"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}},{"kind":"Argument","name":{"kind":"Name","value":"segmentIds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"theirs"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"emptyFilter"},"name":{"kind":"Name","value":"audiences"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"1"}},{"kind":"Argument","name":{"kind":"Name","value":"advertiserIds"},"value":{"kind":"ListValue","values":[]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}}]}}]} as unknown as DocumentNode<ScopedReadsQuery, ScopedReadsQueryVariables>;
export const ScopedEntitiesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ScopedEntities"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"r"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"_Any"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"_entities"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"representations"},"value":{"kind":"Variable","name":{"kind":"Name","value":"r"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Audience"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"advertiserId"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Segment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Advertiser"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<ScopedEntitiesQuery, ScopedEntitiesQueryVariables>;
export const ScopedUpdateDeleteDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ScopedUpdateDelete"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"u"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AudienceSegmentUpdateInput"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"d"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateAudienceSegments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"u"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"results"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CriteoProblem"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Segment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"deleteAudiences"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ids"},"value":{"kind":"Variable","name":{"kind":"Name","value":"d"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"results"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CriteoProblem"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ScopedUpdateDeleteMutation, ScopedUpdateDeleteMutationVariables>;
export const ScopedCreateAudiencesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ScopedCreateAudiences"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AudienceCreateInput"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createAudiences"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"results"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CriteoProblem"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ScopedCreateAudiencesMutation, ScopedCreateAudiencesMutationVariables>;
export const ServiceSdlDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ServiceSdl"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"_service"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sdl"}}]}}]}}]} as unknown as DocumentNode<ServiceSdlQuery, ServiceSdlQueryVariables>;
export const AudienceEntitiesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AudienceEntities"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"r"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"_Any"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"_entities"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"representations"},"value":{"kind":"Variable","name":{"kind":"Name","value":"r"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Audience"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<AudienceEntitiesQuery, AudienceEntitiesQueryVariables>;
export const AudiencePageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AudiencePage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"audiences"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"advertiserIds"},"value":{"kind":"ListValue","values":[{"kind":"StringValue","value":"4949","block":false},{"kind":"StringValue","value":"5050","block":false}]}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"algebra"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"Tree"}}]}},{"kind":"Field","name":{"kind":"Name","value":"segments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Segment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"size"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AudienceSize"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CriteoProblem"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"size"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AudienceSize"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CriteoProblem"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Leaf"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AudienceAlgebra"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AlgebraSegment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"segmentId"}},{"kind":"Field","name":{"kind":"Name","value":"segment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Segment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Tree"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AudienceAlgebra"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Leaf"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AlgebraAnd"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"and"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Leaf"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AlgebraOr"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"or"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Leaf"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AlgebraNot"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"not"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Leaf"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AlgebraOr"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"or"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Leaf"}}]}}]}}]}}]}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AlgebraOr"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"or"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Leaf"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AlgebraAnd"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"and"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Leaf"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<AudiencePageQuery, AudiencePageQueryVariables>;
export const CreateThenClearDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateThenClear"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"list"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createAudienceSegments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ListValue","values":[{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"advertiserId"},"value":{"kind":"StringValue","value":"4949","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"name"},"value":{"kind":"StringValue","value":"Kept after a later failure","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"definition"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"contactList"},"value":{"kind":"BooleanValue","value":true}}]}}]}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"results"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Segment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"clearContactList"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"segmentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"list"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}}]}}]} as unknown as DocumentNode<CreateThenClearMutation, CreateThenClearMutationVariables>;
export const RefusedCountryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RefusedCountry"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","alias":{"kind":"Name","value":"good"},"name":{"kind":"Name","value":"inMarketInterests"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"advertiserId"},"value":{"kind":"StringValue","value":"4949","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"country"},"value":{"kind":"StringValue","value":"FR","block":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InMarketInterests"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"data"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"bad"},"name":{"kind":"Name","value":"inMarketBrands"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"advertiserId"},"value":{"kind":"StringValue","value":"4949","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"country"},"value":{"kind":"StringValue","value":"XX","block":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CriteoProblem"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<RefusedCountryQuery, RefusedCountryQueryVariables>;
export const ReadAlgebraNodesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ReadAlgebraNodes"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"audience"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"expression"}},{"kind":"Field","name":{"kind":"Name","value":"algebraNodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"parentId"}},{"kind":"Field","name":{"kind":"Name","value":"operator"}},{"kind":"Field","name":{"kind":"Name","value":"segmentId"}},{"kind":"Field","name":{"kind":"Name","value":"segment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Segment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ReadAlgebraNodesQuery, ReadAlgebraNodesQueryVariables>;
export const CreateDeepAudienceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateDeepAudience"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"algebra"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AudienceAlgebraInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createAudiences"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ListValue","values":[{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"advertiserId"},"value":{"kind":"StringValue","value":"4949","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"name"},"value":{"kind":"StringValue","value":"Ten levels deep","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"algebra"},"value":{"kind":"Variable","name":{"kind":"Name","value":"algebra"}}}]}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"results"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Audience"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CriteoProblem"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}}]}}]}}]}}]}}]} as unknown as DocumentNode<CreateDeepAudienceMutation, CreateDeepAudienceMutationVariables>;
export const CreateWithLostResponseDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateWithLostResponse"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createAudienceSegments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ListValue","values":[{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"advertiserId"},"value":{"kind":"StringValue","value":"4949","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"name"},"value":{"kind":"StringValue","value":"Lost A","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"definition"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"contactList"},"value":{"kind":"BooleanValue","value":true}}]}}]},{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"advertiserId"},"value":{"kind":"StringValue","value":"4949","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"name"},"value":{"kind":"StringValue","value":"Lost B","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"definition"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"contactList"},"value":{"kind":"BooleanValue","value":true}}]}}]}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"results"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CriteoProblem"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"index"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}}]}}]}}]}}]}}]} as unknown as DocumentNode<CreateWithLostResponseMutation, CreateWithLostResponseMutationVariables>;