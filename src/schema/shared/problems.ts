import { wrapErrorIfMatches } from '@pothos/plugin-errors';
import { CriteoProblemError } from '../../criteo/errors.js';
import { builder } from '../builder.js';
import { BulkItemProblem } from './criteo-problems.js';

/** Everything a client can select on a typed error. */
export const ErrorInterface = builder.interfaceRef<Error>('Error').implement({
  description: 'A typed error returned as data for one item, beside its siblings that succeeded.',
  fields: (t) => ({
    message: t.exposeString('message', { description: 'A human-readable explanation.' }),
  }),
});

export const CriteoProblemSourceRef = builder
  .objectRef<{ field: string; path: string }>('CriteoProblemSource')
  .implement({
    description: 'Which input field a problem concerns, as Criteo names it.',
    fields: (t) => ({
      field: t.exposeString('field', { description: 'The field name, e.g. `name`.' }),
      path: t.exposeString('path', {
        description:
          "JSON path inside the Criteo request, e.g. `data/1/attributes/name` (for the gateway's own checks, the request it would have sent).",
      }),
    }),
  });

builder.objectType(CriteoProblemError, {
  name: 'CriteoProblem',
  description: 'A problem Criteo reported for this item only (e.g. a size that is not available).',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof CriteoProblemError,
  fields: (t) => ({
    code: t.exposeString('criteoCode', {
      description:
        "Criteo's machine-readable code, e.g. `segment-size-not-available`. The gateway's own checks of a bulk item use Criteo's code for the same rule (`non-parsable-id`, `duplicate-id`, …), else `invalid-input`.",
    }),
    title: t.exposeString('title', { nullable: true, description: 'A short summary of the problem type.' }),
    detail: t.exposeString('detail', { nullable: true, description: 'What went wrong for this item.' }),
    type: t.exposeString('type', {
      nullable: true,
      description: 'Criteo category: `validation`, `availability`, …',
    }),
    traceId: t.exposeString('traceId', {
      nullable: true,
      description: 'Criteo correlation id, for support requests.',
    }),
    source: t.field({
      type: [CriteoProblemSourceRef],
      description: 'The request fields the problem points at.',
      resolve: (problem) => Object.entries(problem.source).map(([field, path]) => ({ field, path })),
    }),
  }),
});

builder.objectField(CriteoProblemError, 'index', (t) =>
  t.int({
    nullable: true,
    description:
      "Bulk mutations: the position of the input item this problem concerns (Criteo's `@data/N`, counted across chunks of 50). Null for a problem of a whole call.",
    resolve: (problem) => (problem instanceof BulkItemProblem ? problem.index : null),
  }),
);

/**
 * A problem in a field typed `CriteoProblem` itself (not an error union): graphql-js raises any `Error`
 * a resolver returns, so it goes through the errors plugin's wrapper (`CriteoProblem`'s `isTypeOf`
 * unwraps it). Error unions (`builder.errorUnion`, `errors: {}`) do this on their own.
 */
export function asData<T extends CriteoProblemError>(problem: T): T {
  return wrapErrorIfMatches(problem, [CriteoProblemError]) as T;
}
