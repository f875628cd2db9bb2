import type { UnionRef } from '@pothos/core';
import { wrapErrorIfMatches } from '@pothos/plugin-errors';
import { CriteoProblemError } from '../criteo/errors.js';
import { builder } from './builder.js';
import { type BulkOutcome, ItemProblem } from './bulk.js';

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

builder.objectField(CriteoProblemError, 'index', (t) =>
  t.int({
    nullable: true,
    description:
      "Bulk mutations: the position of the input item this problem concerns (Criteo's `@data/N`, counted across chunks of 50). Null for a problem of a whole call.",
    resolve: (problem) => (problem instanceof ItemProblem ? problem.index : null),
  }),
);

/** `{ results, problems, warnings }` of one bulk mutation; `result` is the union of one item's outcome. */
export function bulkPayload<T>(
  name: string,
  description: string,
  result: UnionRef<Types, T | CriteoProblemError>,
) {
  return builder.objectRef<BulkOutcome<T>>(name).implement({
    description,
    fields: (t) => ({
      results: t.field({
        type: [result],
        description:
          'One result per input item, in input order: the object Criteo wrote, or the first problem of the item.',
        resolve: (outcome) => outcome.results.map((result) => (isProblem(result) ? asData(result) : result)),
      }),
      problems: t.field({
        type: [CriteoProblemError],
        description: 'Every problem of every failed item, in input order, each with its `index`.',
        resolve: (outcome) => outcome.problems.map(asData),
      }),
      warnings: t.field({
        type: [CriteoProblemError],
        description: "Criteo's warnings: with an `index` for one item, without for a whole call.",
        resolve: (outcome) => outcome.warnings.map(asData),
      }),
    }),
  });
}

/**
 * graphql-js raises any `Error` a resolver returns; a problem shown as data goes through the errors
 * plugin's wrapper, as the results of `errors: {…}` fields do (its `isTypeOf` unwraps it).
 */
export function asData<T extends CriteoProblemError>(problem: T): T {
  return wrapErrorIfMatches(problem, [CriteoProblemError]) as T;
}

/** Before the wrapper: a problem, by class. (Behind it, `instanceof` is hidden: unions test `'criteoCode' in value`.) */
export const isProblem = (value: unknown): value is CriteoProblemError => value instanceof CriteoProblemError;
