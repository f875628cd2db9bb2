import type { Problem } from '../../contract/envelope.js';
import { CriteoError, CriteoProblemError, itemIndexOf } from '../../criteo/errors.js';

/**
 * A problem of one input item of a bulk mutation. `index` is the item's position in the mutation's
 * input list, across chunks; `instance` (`@data/N`) and `source` paths are rebased onto it too.
 */
export class BulkItemProblem extends CriteoProblemError {
  constructor(
    readonly index: number,
    problem: Problem,
  ) {
    super({
      ...problem,
      instance: `@data/${index}`,
      source: Object.fromEntries(
        Object.entries(problem.source ?? {}).map(([field, path]) => [
          field,
          typeof path === 'string' ? path.replace(/^data\/\d+/, `data/${index}`) : path,
        ]),
      ),
    });
  }
}

/** The problem a whole failed call stands for: Criteo's problem for the call, else the stable code. */
export function problemOf(error: CriteoError): Problem {
  // A problem naming one item (`@data/N`) is that item's, not the call's.
  const general = error.problems.find((p) => itemIndexOf(p) === null);
  return {
    ...general,
    code: general?.code ?? error.code,
    title: general?.title ?? (error.code === 'CRITEO_NOT_SENT' ? 'Not sent' : `${error.operation} failed`),
    detail: general?.detail ?? error.message,
    traceId: general?.traceId ?? general?.traceIdentifier ?? error.traceId,
    type: general?.type ?? (error.status !== undefined && error.status >= 500 ? 'availability' : null),
    instance: null,
  };
}

/** Single-subject calls: Criteo refusing the input (4xx but 401 / 429) is typed data; the rest throws. */
export function toTypedProblem(error: unknown): CriteoProblemError {
  if (error instanceof CriteoProblemError) return error;
  const refused =
    error instanceof CriteoError &&
    error.status !== undefined &&
    error.status >= 400 &&
    error.status < 500 &&
    ![401, 429].includes(error.status);
  if (!refused) throw error;
  return new CriteoProblemError(problemOf(error));
}
