import type { AlgebraNode } from '../../contract/audience.js';
import { type ItemProblemInit, itemProblem } from '../problems.js';
import type { EmulatorStore, SegmentRecord } from '../store.js';

/** The emulator refuses algebras deeper than this (Criteo documents no limit; it keeps recursion bounded). */
export const EMULATOR_MAX_ALGEBRA_DEPTH = 32;

interface Leaf {
  segment: SegmentRecord;
  negated: boolean;
}

/**
 * Audience algebra rules from the docs: one operator per node, `and`/`or` with more than one node,
 * only existing segments of the audience's advertiser, an included segment (or only excluded contact
 * lists), and a retargeting segment alone in its audience.
 */
export function checkAlgebra(
  algebra: AlgebraNode | undefined,
  advertiserId: string,
  store: EmulatorStore,
  path: string,
): ItemProblemInit[] {
  if (!algebra) return [itemProblem('algebra-must-be-defined', 'algebra is required', 'algebra', path)];
  const problems: ItemProblemInit[] = [];
  const leaves: Leaf[] = [];
  walk(algebra, path, false, 0);
  if (problems.length > 0) return problems;

  const included = leaves.filter((l) => !l.negated);
  if (included.length === 0 && leaves.some((l) => l.segment.attributes.type !== 'ContactList')) {
    problems.push(
      itemProblem(
        'audience-must-contain-included-segment-or-only-excluded-contact-list',
        'The algebra only excludes segments; it must include one, or exclude nothing but contact lists',
        'algebra',
        path,
      ),
    );
  }
  const distinct = new Set(leaves.map((l) => l.segment.id));
  // Every occurrence counts: `and(R, not(R))` negates R even though its first occurrence is included.
  const retargeting = leaves.filter((l) => l.segment.attributes.type === 'Retargeting');
  const [first] = retargeting;
  if (first && (distinct.size > 1 || retargeting.some((l) => l.negated))) {
    problems.push(
      itemProblem(
        'audience-with-retargeting-segment-must-be-correctly-specified',
        `Retargeting segment ${first.segment.id} must be the only segment of its audience, included`,
        'algebra',
        path,
      ),
    );
  }
  return problems;

  function walk(node: AlgebraNode, at: string, negated: boolean, depth: number): void {
    if (depth > EMULATOR_MAX_ALGEBRA_DEPTH) {
      problems.push(
        itemProblem(
          'audience-algebra-node-must-have-exactly-one-operator',
          `The algebra is deeper than ${EMULATOR_MAX_ALGEBRA_DEPTH} levels`,
          'algebra',
          at,
        ),
      );
      return;
    }
    const operators = (['and', 'or', 'not', 'audienceSegmentId'] as const).filter((k) => node[k] != null);
    if (operators.length !== 1) {
      const detail =
        operators.length === 0
          ? 'An algebra node is empty'
          : `An algebra node has ${operators.join(' and ')}`;
      problems.push(
        itemProblem(
          'audience-algebra-node-must-have-exactly-one-operator',
          `${detail}; it needs exactly one of and, or, not, audienceSegmentId`,
          'algebra',
          at,
        ),
      );
      return;
    }
    const children = node.and ?? node.or;
    if (children) {
      const key = node.and ? 'and' : 'or';
      if (children.length < 2) {
        problems.push(
          itemProblem(
            'audience-algebra-and-or-nodes-must-include-more-than-one-node',
            `"${key}" has ${children.length} node(s); it needs at least 2`,
            'algebra',
            `${at}/${key}`,
          ),
        );
      }
      for (const [i, child] of children.entries()) walk(child, `${at}/${key}/${i}`, negated, depth + 1);
      return;
    }
    if (node.not) {
      walk(node.not, `${at}/not`, !negated, depth + 1);
      return;
    }
    const id = node.audienceSegmentId ?? '';
    const segment = store.segments.get(id);
    if (!segment || segment.attributes.advertiserId !== advertiserId) {
      problems.push(
        itemProblem(
          'audience-must-contain-only-existing-segments',
          `Segment ${id} does not exist for advertiser ${advertiserId}`,
          'audienceSegmentId',
          `${at}/audienceSegmentId`,
        ),
      );
      return;
    }
    leaves.push({ segment, negated });
  }
}
