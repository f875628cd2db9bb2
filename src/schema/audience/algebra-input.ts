import { z } from 'zod';
import type { AlgebraNode } from '../../contract/audience.js';
import { builder } from '../builder.js';
import { idSchema, rule } from '../shared/inputs.js';

/** Longest path from the root to a leaf the gateway accepts (Criteo documents no limit). */
export const GATEWAY_MAX_ALGEBRA_DEPTH = 10;
/** Most nodes (operators and leaves) one algebra may hold. */
export const GATEWAY_MAX_ALGEBRA_NODES = 100;

/** What GraphQL hands the resolver: one node, `@oneOf` (unless a router stripped it). */
export interface AlgebraInputShape {
  and?: AlgebraInputShape[] | null;
  or?: AlgebraInputShape[] | null;
  not?: AlgebraInputShape | null;
  segmentId?: string | null;
}

export const AudienceAlgebraInput = builder.inputRef<AlgebraInputShape>('AudienceAlgebraInput');

AudienceAlgebraInput.implement({
  description: `One node of an audience definition: exactly one of \`and\`, \`or\`, \`not\`, \`segmentId\`. At most ${GATEWAY_MAX_ALGEBRA_DEPTH} levels deep and ${GATEWAY_MAX_ALGEBRA_NODES} nodes in all; checked before any Criteo call.`,
  isOneOf: true,
  fields: (t) => ({
    and: t.field({
      type: [AudienceAlgebraInput],
      description: 'People in every one of these nodes (at least 2).',
    }),
    or: t.field({
      type: [AudienceAlgebraInput],
      description: 'People in at least one of these nodes (at least 2).',
    }),
    not: t.field({ type: AudienceAlgebraInput, description: 'People not in this node.' }),
    segmentId: t.id({ description: 'A leaf: the people of this segment (numeric Criteo id).' }),
  }),
});

const OPERATORS = ['and', 'or', 'not', 'segmentId'] as const;
const NAMES = { and: 'an AND', or: 'an OR' } as const;
type Parent = 'root' | 'and' | 'or' | 'not';

interface ParsedNode {
  and?: AlgebraNode[] | null | undefined;
  or?: AlgebraNode[] | null | undefined;
  not?: AlgebraNode | null | undefined;
  segmentId?: string | null | undefined;
}

/** The node rules: one operator, 2+ children for AND / OR, one child for NOT. */
function checkNode(node: ParsedNode, parent: Parent, ctx: z.RefinementCtx): void {
  const present = OPERATORS.filter((key) => node[key] != null);
  if (present.length > 1) {
    ctx.addIssue({
      code: 'custom',
      message: `a node needs exactly one of and, or, not, segmentId (got ${present.join(', ')})`,
    });
    return;
  }
  if (present.length === 0) {
    const nulled = OPERATORS.find((key) => node[key] === null);
    if (nulled === 'not' || (nulled === undefined && parent === 'not')) {
      ctx.addIssue({
        code: 'custom',
        path: nulled ? ['not'] : [],
        message: 'a NOT node needs exactly one child',
      });
    } else if (nulled === 'and' || nulled === 'or') {
      ctx.addIssue({
        code: 'custom',
        params: rule('audience-algebra-and-or-nodes-must-include-more-than-one-node'),
        path: [nulled],
        message: `${NAMES[nulled]} node needs at least 2 children (got none)`,
      });
    } else {
      ctx.addIssue({
        code: 'custom',
        message: 'a node needs exactly one of and, or, not, segmentId (got none)',
      });
    }
    return;
  }
  for (const key of ['and', 'or'] as const) {
    const children = node[key];
    if (children && children.length < 2)
      ctx.addIssue({
        code: 'custom',
        params: rule('audience-algebra-and-or-nodes-must-include-more-than-one-node'),
        path: [key],
        message: `${NAMES[key]} node needs at least 2 children (got ${children.length})`,
      });
  }
}

/** GraphQL's `segmentId` is Criteo's `audienceSegmentId`; only the one operator goes upstream. */
function toCriteoNode(node: ParsedNode): AlgebraNode {
  if (node.and) return { and: node.and };
  if (node.or) return { or: node.or };
  if (node.not) return { not: node.not };
  return { audienceSegmentId: node.segmentId ?? '' };
}

const TOO_DEEP = z.custom<AlgebraNode>(() => false, {
  message: `the algebra is deeper than ${GATEWAY_MAX_ALGEBRA_DEPTH} levels`,
});

const schemas = new Map<string, z.ZodType<AlgebraNode>>();

/** The schema of a node at `depth` (1 = root): past the cap, any node is an issue. */
function nodeSchema(depth: number, parent: Parent): z.ZodType<AlgebraNode> {
  if (depth > GATEWAY_MAX_ALGEBRA_DEPTH) return TOO_DEEP;
  const key = `${depth}/${parent}`;
  const cached = schemas.get(key);
  if (cached) return cached;
  const child = (kind: Parent) => z.lazy(() => nodeSchema(depth + 1, kind));
  const schema = z
    .object({
      and: z.array(child('and')).nullish(),
      or: z.array(child('or')).nullish(),
      not: child('not').nullish(),
      segmentId: idSchema('a segment id').nullish(),
    })
    .superRefine((node, ctx) => checkNode(node, parent, ctx))
    .transform(toCriteoNode);
  schemas.set(key, schema);
  return schema;
}

function countNodes(node: AlgebraNode): number {
  const children = [...(node.and ?? []), ...(node.or ?? []), ...(node.not ? [node.not] : [])];
  return children.reduce((sum, child) => sum + countNodes(child), 1);
}

/**
 * `AudienceAlgebraInput` -> Criteo's `AlgebraNodeV1`, or issues naming the path and the rule
 * (`and[2].not: a NOT node needs exactly one child`). Exactly-one-key is checked here too, so a
 * two-key node is refused even when a router in front strips `@oneOf`.
 */
export const AudienceAlgebraSchema = nodeSchema(1, 'root').superRefine((root, ctx) => {
  const nodes = countNodes(root);
  if (nodes > GATEWAY_MAX_ALGEBRA_NODES)
    ctx.addIssue({
      code: 'custom',
      message: `the algebra has ${nodes} nodes; at most ${GATEWAY_MAX_ALGEBRA_NODES}`,
    });
});
