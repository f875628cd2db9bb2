import type { AlgebraNode } from '../../contract/audience.js';
import { AudienceSegmentUnion, segmentLoader } from '../audience-segment/segment.js';
import { builder } from '../builder.js';

// An audience's definition as GraphQL reads it: a recursive union, and the same tree flattened.

type AlgebraKind = 'AlgebraAnd' | 'AlgebraOr' | 'AlgebraNot' | 'AlgebraSegment';

/** Which operator a Criteo algebra node carries (Criteo sends exactly one). */
export function algebraKind(node: AlgebraNode): AlgebraKind {
  if (node.and) return 'AlgebraAnd';
  if (node.or) return 'AlgebraOr';
  if (node.not) return 'AlgebraNot';
  if (node.audienceSegmentId) return 'AlgebraSegment';
  throw new Error('Criteo returned an algebra node with no operator');
}

/** `(A OR B) AND NOT C` with segment ids: a one-line view of the tree at any depth. */
export function algebraExpression(node: AlgebraNode): string {
  const inner = (child: AlgebraNode) => {
    const text = algebraExpression(child);
    return child.and || child.or ? `(${text})` : text;
  };
  if (node.and) return node.and.map(inner).join(' AND ');
  if (node.or) return node.or.map(inner).join(' OR ');
  if (node.not) return `NOT ${inner(node.not)}`;
  return node.audienceSegmentId ?? '?';
}

/** One node of an algebra in pre-order, with its parent: the tree as a list a fixed selection reads. */
export interface FlatAlgebraNode {
  id: string;
  parentId: string | null;
  operator: 'AND' | 'OR' | 'NOT' | 'SEGMENT';
  segmentId: string | null;
}

/**
 * The tree in pre-order (a parent before its children, children in their order); ids are the
 * pre-order positions, unique within the audience. Walked with a stack: the depth comes from Criteo.
 */
export function flattenAlgebra(root: AlgebraNode | null | undefined): FlatAlgebraNode[] {
  if (!root) return [];
  const nodes: FlatAlgebraNode[] = [];
  const stack: { node: AlgebraNode; parentId: string | null }[] = [{ node: root, parentId: null }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { node, parentId } = item;
    const id = String(nodes.length);
    const kind = algebraKind(node);
    nodes.push({
      id,
      parentId,
      operator: OPERATOR_OF_KIND[kind],
      segmentId: kind === 'AlgebraSegment' ? (node.audienceSegmentId ?? null) : null,
    });
    const children = node.and ?? node.or ?? (node.not ? [node.not] : []);
    // Pushed last to first, so the first child is popped (and numbered) first.
    for (let i = children.length - 1; i >= 0; i -= 1) {
      const child = children[i];
      if (child) stack.push({ node: child, parentId: id });
    }
  }
  return nodes;
}

const OPERATOR_OF_KIND = {
  AlgebraAnd: 'AND',
  AlgebraOr: 'OR',
  AlgebraNot: 'NOT',
  AlgebraSegment: 'SEGMENT',
} as const satisfies Record<AlgebraKind, FlatAlgebraNode['operator']>;

const AlgebraOperatorEnum = builder.enumType('AlgebraOperator', {
  description: 'What one node of an audience definition does.',
  values: {
    AND: { description: 'People in every one of its children.' },
    OR: { description: 'People in at least one of its children.' },
    NOT: { description: 'People not in its one child.' },
    SEGMENT: { description: 'A leaf: the people of one segment.' },
  } as const,
});

export const AlgebraNodeRef = builder.objectRef<FlatAlgebraNode>('AlgebraNode').implement({
  description:
    'One node of an audience definition, flattened: `parentId` links it to its parent, so a fixed selection reads a tree of any depth.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Unique within the audience (its position in pre-order).' }),
    parentId: t.exposeID('parentId', {
      nullable: true,
      description: 'The parent node; null for the root.',
    }),
    operator: t.field({
      type: AlgebraOperatorEnum,
      resolve: (n) => n.operator,
      description: 'AND, OR, NOT, or SEGMENT for a leaf.',
    }),
    segmentId: t.exposeID('segmentId', {
      nullable: true,
      description: 'Leaves: Criteo id of the segment; null for operators.',
    }),
    segment: t.field({
      type: AudienceSegmentUnion,
      nullable: true,
      description: 'Leaves: the segment itself (batched); null for operators or if Criteo no longer has it.',
      // At once when the page loaded it ahead.
      resolve: (n, _args, ctx) => (n.segmentId ? segmentLoader(ctx).load(n.segmentId) : null),
    }),
  }),
});

// Refs first: the union and its members refer to each other.
const AlgebraAnd = builder.objectRef<AlgebraNode>('AlgebraAnd');
const AlgebraOr = builder.objectRef<AlgebraNode>('AlgebraOr');
const AlgebraNot = builder.objectRef<AlgebraNode>('AlgebraNot');
const AlgebraSegment = builder.objectRef<AlgebraNode>('AlgebraSegment');

export const AlgebraRef = builder.unionType('AudienceAlgebra', {
  description:
    'A node of an audience definition: AND, OR or NOT of nodes, or a segment leaf. Criteo allows any depth.',
  types: [AlgebraAnd, AlgebraOr, AlgebraNot, AlgebraSegment],
  resolveType: algebraKind,
});

AlgebraAnd.implement({
  description: 'People in every one of the nodes.',
  fields: (t) => ({
    and: t.field({
      type: [AlgebraRef],
      resolve: (n) => n.and ?? [],
      description: 'The nodes, all required (at least 2).',
    }),
  }),
});

AlgebraOr.implement({
  description: 'People in at least one of the nodes.',
  fields: (t) => ({
    or: t.field({
      type: [AlgebraRef],
      resolve: (n) => n.or ?? [],
      description: 'The nodes, any one suffices (at least 2).',
    }),
  }),
});

AlgebraNot.implement({
  description: 'People not in the node.',
  fields: (t) => ({
    not: t.field({
      type: AlgebraRef,
      resolve: (n) => n.not ?? {},
      description: 'The excluded node.',
    }),
  }),
});

AlgebraSegment.implement({
  description: 'A leaf: the people of one segment.',
  fields: (t) => ({
    segmentId: t.id({ resolve: (n) => n.audienceSegmentId ?? '', description: 'Criteo id of the segment.' }),
    segment: t.field({
      type: AudienceSegmentUnion,
      nullable: true,
      description: 'The segment itself (batched); null if Criteo no longer has it.',
      // At once when the page loaded it ahead.
      resolve: (n, _args, ctx) => (n.audienceSegmentId ? segmentLoader(ctx).load(n.audienceSegmentId) : null),
    }),
  }),
});
