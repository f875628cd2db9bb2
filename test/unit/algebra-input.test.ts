import { describe, expect, it } from 'vitest';
import {
  AudienceAlgebraSchema,
  GATEWAY_MAX_ALGEBRA_DEPTH,
  GATEWAY_MAX_ALGEBRA_NODES,
} from '../../src/schema/audience/algebra-input.js';
import { SegmentDefinitionSchema } from '../../src/schema/audience-segment/definition-input.js';
import { formatPath } from '../../src/schema/validation-error.js';

/** The messages a client would read for the `algebra` argument, or the Criteo algebra. */
function check(algebra: unknown) {
  const result = AudienceAlgebraSchema.safeParse(algebra);
  if (result.success) return { ok: result.data };
  return { errors: result.error.issues.map((i) => `${formatPath(['algebra', ...i.path])}: ${i.message}`) };
}

const leaf = (segmentId: string) => ({ segmentId });

function chain(depth: number) {
  let node: Record<string, unknown> = leaf('1');
  for (let i = 1; i < depth; i++) node = { not: node };
  return node;
}

describe('AudienceAlgebraSchema', () => {
  it('maps segmentId to audienceSegmentId and keeps only the operator of each node', () => {
    expect(
      check({
        and: [
          { or: [leaf('1'), leaf('2')], and: null },
          { not: leaf('3'), segmentId: null },
        ],
      }),
    ).toEqual({
      ok: {
        and: [
          { or: [{ audienceSegmentId: '1' }, { audienceSegmentId: '2' }] },
          { not: { audienceSegmentId: '3' } },
        ],
      },
    });
  });

  // Shapes GraphQL's @oneOf refuses, but a router that strips @oneOf would let through.
  it('refuses a node with two keys', () => {
    expect(check({ and: [leaf('1'), leaf('2')], segmentId: '3' })).toEqual({
      errors: ['algebra: a node needs exactly one of and, or, not, segmentId (got and, segmentId)'],
    });
  });

  it('refuses a NOT without a child, explicit null or empty node', () => {
    expect(check({ and: [leaf('1'), leaf('2'), { not: null }] })).toEqual({
      errors: ['algebra.and[2].not: a NOT node needs exactly one child'],
    });
    expect(check({ and: [leaf('1'), leaf('2'), { not: {} }] })).toEqual({
      errors: ['algebra.and[2].not: a NOT node needs exactly one child'],
    });
  });

  it('refuses an empty node and a null AND', () => {
    expect(check({})).toEqual({
      errors: ['algebra: a node needs exactly one of and, or, not, segmentId (got none)'],
    });
    expect(check({ and: null })).toEqual({
      errors: ['algebra.and: an AND node needs at least 2 children (got none)'],
    });
  });

  it(`accepts ${GATEWAY_MAX_ALGEBRA_DEPTH} levels and ${GATEWAY_MAX_ALGEBRA_NODES} nodes, and refuses one more`, () => {
    expect(check(chain(GATEWAY_MAX_ALGEBRA_DEPTH))).toHaveProperty('ok');
    expect(check(chain(GATEWAY_MAX_ALGEBRA_DEPTH + 1))).toHaveProperty('errors');
    const wide = (leaves: number) => ({ or: Array.from({ length: leaves }, (_, i) => leaf(String(i + 1))) });
    expect(check(wide(GATEWAY_MAX_ALGEBRA_NODES - 1))).toHaveProperty('ok');
    expect(check(wide(GATEWAY_MAX_ALGEBRA_NODES))).toEqual({
      errors: [
        `algebra: the algebra has ${GATEWAY_MAX_ALGEBRA_NODES + 1} nodes; at most ${GATEWAY_MAX_ALGEBRA_NODES}`,
      ],
    });
  });

  it('refuses a segment id that is not a number', () => {
    expect(check({ or: [leaf('1'), leaf('-2')] })).toEqual({
      errors: ['algebra.or[1].segmentId: a segment id is numeric, e.g. "100014" (got "-2")'],
    });
  });
});

describe('SegmentDefinitionSchema', () => {
  it('turns contactList: true into the empty object Criteo expects', () => {
    expect(SegmentDefinitionSchema.parse({ contactList: true })).toEqual({ contactList: {} });
  });

  it('refuses two segment types at once (a router stripped @oneOf)', () => {
    const result = SegmentDefinitionSchema.safeParse({
      contactList: true,
      lookalike: { seedSegmentId: '1' },
    });
    expect(result.error?.issues.map((i) => i.message)).toEqual([
      'needs exactly one of inMarket, prospecting, contactList, location, lookalike, retargeting (got contactList, lookalike)',
    ]);
  });
});

describe('formatPath', () => {
  it('writes list indices in brackets and fields with dots', () => {
    expect(formatPath(['input', 3, 'algebra', 'and', 0, { key: 'not' }])).toBe('input[3].algebra.and[0].not');
  });
});
