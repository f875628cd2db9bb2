import type { FastifyRequest } from 'fastify';
import type { EnvelopeWriter } from './http.js';
import type { ItemProblemInit, ProblemInit } from './problems.js';

/**
 * What one item of a bulk call comes to: the resource that goes into `data`, or the problems that keep
 * it out (Criteo reports them in `errors` at `@data/<index>`).
 */
export type ItemOutcome<R> = R | ItemProblemInit[];

/** Reports a `deprecation` warning on an item that is written anyway. */
export type Warn = (warning: ItemProblemInit) => void;

/**
 * Criteo's partial success: runs `each` on every item in request order, puts the accepted items in
 * `data` and the others' problems in `errors`, warnings in `warnings`, all tied to `@data/<index>`.
 */
export function answerBulk<T, R>(
  request: FastifyRequest,
  envelope: EnvelopeWriter,
  items: readonly T[],
  each: (item: T, index: number, warn: Warn) => ItemOutcome<R>,
) {
  const problems = new Map<number, ItemProblemInit[]>();
  const warnings: ProblemInit[] = [];
  const data = items.flatMap((item, index) => {
    const outcome = each(item, index, (warning) =>
      warnings.push({ ...warning, type: 'deprecation', instance: `@data/${index}` }),
    );
    if (!isRejected(outcome)) return [outcome];
    problems.set(index, outcome);
    return [];
  });
  return envelope.write(request, { data }, problems, warnings);
}

function isRejected<R>(outcome: ItemOutcome<R>): outcome is ItemProblemInit[] {
  return Array.isArray(outcome);
}
