import type { AudienceSize } from '../contract/audience-segment.js';
import type { Problem } from '../contract/envelope.js';
import { CriteoProblemError, itemIndexOf } from './errors.js';

// Criteo's envelope (`data` / `attributes` / `meta`, `@data/N` problems) is unwrapped here and only
// here: the resource functions answer these models, and nothing above `criteo/` reads the envelope.

interface Resource<A> {
  id?: string | null | undefined;
  attributes?: A | null | undefined;
}

/** Resources -> models (attributes with their id). One without an id cannot be addressed: it is dropped. */
export function toModels<A extends object>(resources: readonly Resource<A>[] | null | undefined) {
  return (resources ?? []).flatMap((resource) => {
    const model = toModel(resource);
    return model === null ? [] : [model];
  });
}

/** One resource -> its model, or null without an id. */
export function toModel<A extends object>(resource: Resource<A>): (Partial<A> & { id: string }) | null {
  if (!resource.id) return null;
  const attributes: Partial<A> = resource.attributes ?? {};
  return { ...attributes, id: resource.id };
}

/** What one search page holds: its models and Criteo's `meta.totalItems` (null when absent). */
export interface SearchPage<M> {
  items: M[];
  total: number | null;
}

/** A problem and the request item it names (`@data/N`), or null when it is the whole call's. */
export interface IndexedProblem {
  item: number | null;
  problem: Problem;
}

/**
 * Reads `@data/N` over a request of `count` items, keeping Criteo's order: the one place that maps a
 * problem to its item (N out of range counts as the call's).
 */
export function indexProblems(
  problems: readonly Problem[] | null | undefined,
  count: number,
): IndexedProblem[] {
  return (problems ?? []).map((problem) => {
    const index = itemIndexOf(problem);
    return { item: index !== null && index < count ? index : null, problem };
  });
}

/** Problems of one call, sorted by the request item they name, the rest for the call. */
export interface ProblemsByItem {
  /** `items[i]`: the problems of request item i, in Criteo's order. */
  items: Problem[][];
  /** Problems without an item of this request. */
  call: Problem[];
}

export function byItem(problems: readonly Problem[] | null | undefined, count: number): ProblemsByItem {
  const items = Array.from({ length: count }, (): Problem[] => []);
  const call: Problem[] = [];
  for (const { item, problem } of indexProblems(problems, count)) {
    if (item === null) call.push(problem);
    else items[item]?.push(problem);
  }
  return { items, call };
}

/** The answer of one bulk write (create, update, delete), as models and problems by item. */
export interface BulkAnswer<M> {
  /** What Criteo wrote: the successes only, NOT index-aligned with the request (contract §5.2). */
  written: M[];
  errors: ProblemsByItem;
  /** In Criteo's order (a client reads them as a list). */
  warnings: IndexedProblem[];
}

interface BulkEnvelope<R> {
  data?: readonly R[] | null | undefined;
  errors?: readonly Problem[] | null | undefined;
  warnings?: readonly Problem[] | null | undefined;
}

/** A bulk response over `count` request items: its resources as models, its problems by item. */
export function toBulkAnswer<A extends object>(
  response: BulkEnvelope<Resource<A>>,
  count: number,
): BulkAnswer<Partial<A> & { id: string }> {
  return bulkAnswer(toModels(response.data), response, count);
}

export function bulkAnswer<M>(
  written: M[],
  problems: Omit<BulkEnvelope<unknown>, 'data'>,
  count: number,
): BulkAnswer<M> {
  return {
    written,
    errors: byItem(problems.errors, count),
    warnings: indexProblems(problems.warnings, count),
  };
}

/**
 * A compute-sizes answer in request order: a size by id (never by position), else the item's
 * `@data/N` problem, else a problem of its own (Criteo answered neither).
 */
export function sizesInOrder(
  ids: readonly string[],
  response: BulkEnvelope<Resource<{ size?: number | null | undefined }>>,
): (AudienceSize | CriteoProblemError)[] {
  const sizes = new Map<string, number>();
  for (const item of response.data ?? []) {
    const size = item.attributes?.size;
    if (item.id && size != null) sizes.set(item.id, size);
  }
  const problems = byItem(response.errors, ids.length).items;
  return ids.map((id, index) => {
    const [problem] = problems[index] ?? [];
    if (problem) return new CriteoProblemError(problem);
    const value = sizes.get(id);
    return value === undefined
      ? new CriteoProblemError({
          code: 'size-missing',
          title: 'Size missing',
          detail: `Criteo returned no size and no problem for ${id}`,
        })
      : { value };
  });
}

/** A size estimate: the size, or the problem Criteo reported (a 200 with `errors`, or no size at all). */
export function toEstimate(response: {
  data?: { attributes?: { size?: number | null | undefined } | null | undefined } | null | undefined;
  errors?: readonly Problem[] | null | undefined;
}): AudienceSize | CriteoProblemError {
  const [problem] = response.errors ?? [];
  if (problem) return new CriteoProblemError(problem);
  const value = response.data?.attributes?.size;
  return value == null
    ? new CriteoProblemError({
        code: 'size-missing',
        title: 'Size missing',
        detail: 'Criteo returned no size',
      })
    : { value };
}
