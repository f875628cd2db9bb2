import {
  type GraphQLNamedType,
  getNamedType,
  getNullableType,
  isInterfaceType,
  isLeafType,
  isListType,
  isObjectType,
  isUnionType,
  parse,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { LIST_FIELDS } from '../../src/cost/field-costs.js';
import { estimateUpstreamCalls } from '../../src/cost/upstream-calls.js';
import { schema } from '../../src/schema/index.js';

const estimate = (query: string, variables: Record<string, unknown> = {}, operationName?: string) =>
  estimateUpstreamCalls(schema, parse(query), operationName, variables);

const SIZED_PAGE = `query ($f: Int) { audienceSegments(first: $f) { edges { node {
  ... on Segment { size { __typename } }
  ... on ContactListSegment { statistics { __typename } }
} } } }`;

describe('estimateUpstreamCalls', () => {
  it('reads the page size from a variable, a literal, or the default of 50', () => {
    expect(estimate(SIZED_PAGE, { f: 100 })).toEqual({
      calls: 103,
      byKind: { searches: 1, 'compute-sizes': 2, statistics: 100 },
    });
    expect(estimate(SIZED_PAGE, { f: 1 }).calls).toBe(3);
    expect(estimate(SIZED_PAGE).calls).toBe(1 + 1 + 50);
    expect(estimate(SIZED_PAGE.replace('first: $f', 'first: 7')).calls).toBe(1 + 1 + 7);
  });

  it('applies a variable default, and bounds the page by the ids filter', () => {
    const query = `query ($f: Int = 20, $ids: [ID!]) { audienceSegments(first: $f, ids: $ids) {
      edges { node { ... on ContactListSegment { statistics { __typename } } } } } }`;
    expect(estimate(query).calls).toBe(21);
    expect(estimate(query, { f: 100, ids: ['1', '2', '3'] }).calls).toBe(4);
  });

  it('counts every alias, and fragments and inline fragments where they are spread', () => {
    const query = `query ($f: Int) { a: audienceSegments(first: $f) { ...Page } b: audienceSegments(first: $f) { ...Page } }
      fragment Page on AudienceSegmentConnection { edges { node { ...Sized } } }
      fragment Sized on Segment { size { __typename } }`;
    expect(estimate(query, { f: 100 })).toEqual({ calls: 6, byKind: { searches: 2, 'compute-sizes': 4 } });
  });

  it('batches root lookups together: 150 aliased segments by id are 2 searches', () => {
    const aliases = Array.from(
      { length: 150 },
      (_, i) => `s${i}: audienceSegment(id: "${i}") { __typename }`,
    );
    expect(estimate(`{ ${aliases.join(' ')} }`)).toEqual({ calls: 2, byKind: { lookups: 2 } });
  });

  it('counts an audience’s segments, algebraNodes and algebra leaves as the same 100 ids', () => {
    const leaf = '... on AlgebraSegment { segment { __typename } }';
    const query = `{ audience(id: "1") {
      segments { __typename } algebraNodes { segment { __typename } }
      algebra { ${leaf} ... on AlgebraAnd { and { ${leaf} ... on AlgebraOr { or { ${leaf} } } } } }
    } }`;
    expect(estimate(query)).toEqual({ calls: 2, byKind: { lookups: 2 } });
  });

  it('multiplies by the pages above: sizes of a page of 10 audiences’ segments', () => {
    const query = `{ audiences(first: 10) { edges { node { segments { ... on Segment { size { __typename } } } } } } }`;
    // 10 audiences × 100 leaves: 10 lookups, then 1,000 sizes in 20 calls, plus one per extra batch.
    expect(estimate(query)).toEqual({
      calls: 1 + 10 + 29,
      byKind: { searches: 1, lookups: 10, 'compute-sizes': 29 },
    });
  });

  it('bounds Segment.audiences by 10 result pages per batch of 100 segments', () => {
    const query = `{ audienceSegments(first: 100) { edges { node { ... on Segment { audiences { size { __typename } } } } } } }`;
    expect(estimate(query)).toEqual({ calls: 1 + 10 + 20, byKind: { searches: 11, 'compute-sizes': 20 } });
  });

  it('counts federation lookups per type of representation', () => {
    const representations = [
      ...Array.from({ length: 250 }, (_, i) => ({ __typename: 'Audience', id: String(i) })),
      ...Array.from({ length: 50 }, (_, i) => ({ __typename: 'ContactListSegment', id: String(i) })),
      { __typename: 'Advertiser', id: '1' },
    ];
    const query = 'query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }';
    expect(estimate(query, { r: representations })).toEqual({ calls: 4, byKind: { lookups: 4 } });
  });

  it('counts writes per chunk of 50, creates per advertiser, identifiers per 50,000', () => {
    const items = (n: number, advertiser: (i: number) => string) =>
      Array.from({ length: n }, (_, i) => ({
        advertiserId: advertiser(i),
        name: `s${i}`,
        definition: { contactList: true },
      }));
    const create = `mutation ($input: [AudienceSegmentCreateInput!]!) { createAudienceSegments(input: $input) {
      results { ... on Segment { size { __typename } } } } }`;
    expect(estimate(create, { input: items(120, () => '1') })).toEqual({
      calls: 3 + 3,
      byKind: { writes: 3, 'compute-sizes': 3 },
    });
    // Two advertisers of 60: 2 + 2 calls, never mixed.
    expect(estimate(create, { input: items(120, (i) => String(i % 2)) }).byKind.writes).toBe(4);
    const remove = 'mutation ($ids: [ID!]!) { deleteAudiences(ids: $ids) { results { __typename } } }';
    expect(estimate(remove, { ids: Array.from({ length: 101 }, (_, i) => String(i)) }).calls).toBe(3);
    const add = `mutation ($ids: [String!]!) { addContactListIdentifiers(input: { segmentId: "1", identifierType: MADID, identifiers: $ids }) {
      ... on ContactListIdentifiersPayload { segment { __typename } } } }`;
    expect(estimate(add, { ids: Array.from({ length: 100_001 }, String) })).toEqual({
      calls: 4,
      byKind: { writes: 3, lookups: 1 },
    });
  });

  it('bounds a streamed CSV by the request bytes, at most 100 calls', () => {
    const file = { name: 'list.csv', stream: () => new ReadableStream() };
    const query = `mutation ($file: File!) { addContactListIdentifiers(input: { segmentId: "1", identifierType: EMAIL, csv: { file: $file } }) { __typename } }`;
    const bytes = (uploadBytes: number) =>
      estimateUpstreamCalls(schema, parse(query), undefined, { file }, { uploadBytes }).calls;
    // One identifier per 2 bytes ("x\n"), 50,000 a call.
    expect(bytes(1_000_000)).toBe(10);
    expect(bytes(100_000)).toBe(1);
    expect(bytes(100 * 1024 * 1024)).toBe(100);
  });

  it('estimates an operation whose variables do not coerce at 0: it fails before any call', () => {
    expect(estimate(SIZED_PAGE, { f: 'many' })).toEqual({ calls: 0, byKind: {} });
  });

  it('names every list field that can reach an upstream call', () => {
    // A list below which some field calls Criteo must have its bound in LIST_FIELDS.
    const calling = new Set([
      'size',
      'statistics',
      'seedSegment',
      'audiences',
      'segments',
      'segment',
      'audience',
    ]);
    const reaches = (type: GraphQLNamedType, seen: Set<string>): boolean => {
      if (seen.has(type.name)) return false;
      seen.add(type.name);
      if (isUnionType(type)) return type.getTypes().some((t) => reaches(t, seen));
      if (!isObjectType(type) && !isInterfaceType(type)) return false;
      return Object.values(type.getFields()).some(
        (f) =>
          (calling.has(f.name) && !isLeafType(getNamedType(f.type))) || reaches(getNamedType(f.type), seen),
      );
    };
    const unnamed: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || (!isObjectType(type) && !isInterfaceType(type))) continue;
      for (const field of Object.values(type.getFields())) {
        const key = `${type.name}.${field.name}`;
        if (!isListType(getNullableType(field.type)) || LIST_FIELDS.has(key)) continue;
        if (reaches(getNamedType(field.type), new Set())) unnamed.push(key);
      }
    }
    expect(unnamed).toEqual([]);
  });

  it('walks a document once per variables: the same document and variables answer the same estimate', () => {
    const document = parse(SIZED_PAGE);
    const first = estimateUpstreamCalls(schema, document, undefined, { f: 100 });
    expect(estimateUpstreamCalls(schema, document, undefined, { f: 100 })).toBe(first);
    expect(estimateUpstreamCalls(schema, document, undefined, { f: 1 }).calls).toBe(3);
    expect(estimateUpstreamCalls(schema, document, undefined, { f: 100 }, { uploadBytes: 10 })).not.toBe(
      first,
    );
    expect(Object.isFrozen(first)).toBe(true);
  });
});
