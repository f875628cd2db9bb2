import type { Problem } from '../contract/envelope.js';
import { CRITEO_MAX_BULK_ITEMS } from '../contract/limits.js';
import { CriteoError, CriteoProblemError, itemIndexOf } from '../criteo/errors.js';

/**
 * A problem of one input item of a bulk mutation. `index` is the item's position in the mutation's
 * input list, across chunks; `instance` (`@data/N`) and `source` paths are rebased onto it too.
 */
export class ItemProblem extends CriteoProblemError {
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
  const refused =
    error instanceof CriteoError &&
    error.status !== undefined &&
    error.status >= 400 &&
    error.status < 500 &&
    ![401, 429].includes(error.status);
  if (!refused) throw error;
  return new CriteoProblemError(problemOf(error));
}

export interface BulkResponse<R> {
  data?: readonly R[] | null | undefined;
  errors?: readonly Problem[] | null | undefined;
  warnings?: readonly Problem[] | null | undefined;
}

export interface BulkOptions<I, R, T> {
  /** One Criteo call for up to `chunkSize` items. */
  send(chunk: readonly I[]): Promise<BulkResponse<R>>;
  /** What identifies an item in Criteo's answer: its id (update, delete) or advertiser + name (create). */
  itemKey(item: I): string;
  resultKey(result: R): string | undefined;
  /** The object a success shows; null when Criteo's resource is unusable (no id). */
  toResult(result: R): T | null;
  /**
   * Items of different groups never share a call. Creates group by advertiser: Criteo refuses a whole
   * call (403) when one of its advertisers is not the application's, which must fail only that one's items.
   */
  groupOf?(item: I): string;
  /** Criteo's cap, 50 by default. */
  chunkSize?: number;
}

/** An input item the gateway refused itself (its own checks): never sent, reported at its index. */
export class RejectedItem {
  constructor(readonly problems: readonly Problem[]) {}
}

export interface BulkOutcome<T> {
  /** One per input item, in input order: its object, or its first problem. */
  results: (T | ItemProblem)[];
  /** Every item problem, in input order (an item may have several). */
  problems: ItemProblem[];
  /** Criteo's warnings: per item (`ItemProblem`) or for a whole call (deduplicated across chunks). */
  warnings: CriteoProblemError[];
}

interface Entry<I> {
  /** Position in the mutation's input list. */
  index: number;
  item: I;
}

/** The calls to make, in order: items of one group (first-seen order) in chunks of `size`, in input order. */
function chunksOf<I>(items: readonly (I | RejectedItem)[], size: number, groupOf?: (item: I) => string) {
  const groups = new Map<string, Entry<I>[]>();
  for (const [index, item] of items.entries()) {
    if (item instanceof RejectedItem) continue;
    const key = groupOf ? groupOf(item) : '';
    const group = groups.get(key) ?? [];
    group.push({ index, item });
    groups.set(key, group);
  }
  return [...groups.values()].flatMap((group) =>
    Array.from({ length: Math.ceil(group.length / size) }, (_, n) => group.slice(n * size, (n + 1) * size)),
  );
}

/**
 * Sends the accepted `items` in chunks of 50 (per group, see `groupOf`), one call after the other,
 * and assembles one result per input item, at its input index; a `RejectedItem` is reported with
 * its own problems and never sent. Criteo's `data` lists only the successes and is not index-aligned
 * with the request (contract §5.2): successes are paired by key, then by order; an item left without
 * either gets a problem. A chunk whose call fails (`CriteoError`) reports every one of its items as failed.
 */
export async function runBulk<I, R, T>(
  items: readonly (I | RejectedItem)[],
  options: BulkOptions<I, R, T>,
): Promise<BulkOutcome<T>> {
  const size = options.chunkSize ?? CRITEO_MAX_BULK_ITEMS;
  const results = new Map<number, T | ItemProblem>();
  const problems = new Map<number, ItemProblem[]>();
  const warnings: CriteoProblemError[] = [];
  const seenWarnings = new Set<string>();
  const fail = (index: number, own: readonly Problem[]) => {
    const rebased = own.map((p) => new ItemProblem(index, p));
    problems.set(index, rebased);
    results.set(index, rebased[0] ?? new ItemProblem(index, missing()));
  };
  for (const [index, item] of items.entries()) if (item instanceof RejectedItem) fail(index, item.problems);

  for (const entries of chunksOf(items, size, options.groupOf)) {
    const chunk = entries.map((entry) => entry.item);
    const indexAt = (i: number) => entries[i]?.index ?? -1;
    let response: BulkResponse<R>;
    try {
      response = await options.send(chunk);
    } catch (error) {
      if (!(error instanceof CriteoError)) throw error;
      response = { errors: failedChunkProblems(error, chunk.length) };
    }
    const byItem = chunk.map((): Problem[] => []);
    const general: Problem[] = [];
    for (const problem of response.errors ?? []) {
      const i = itemIndexOf(problem);
      const list = i === null ? undefined : byItem[i];
      if (list) list.push(problem);
      else general.push(problem);
    }
    const paired = pair(chunk, response.data ?? [], byItem, options);
    for (const [i, own] of byItem.entries()) {
      const result = paired.get(i);
      if (result !== undefined) results.set(indexAt(i), result);
      else fail(indexAt(i), own.length > 0 ? own : [general[0] ?? missing()]);
    }
    for (const warning of response.warnings ?? []) {
      const i = itemIndexOf(warning);
      if (i !== null && i < chunk.length) {
        warnings.push(new ItemProblem(indexAt(i), warning));
        continue;
      }
      const key = `${warning.code}|${warning.detail}`;
      if (!seenWarnings.has(key)) warnings.push(new CriteoProblemError(warning));
      seenWarnings.add(key);
    }
  }
  return {
    results: items.map((_, index) => results.get(index) ?? new ItemProblem(index, missing())),
    problems: items.flatMap((_, index) => problems.get(index) ?? []),
    warnings,
  };
}

/** Every item of a failed call gets a problem: its own `@data/N` ones if Criteo sent some, else the call's. */
function failedChunkProblems(error: CriteoError, count: number): Problem[] {
  const own = error.problems.filter((p) => itemIndexOf(p) !== null);
  const covered = new Set(own.map(itemIndexOf));
  const shared = problemOf(error);
  const rest = Array.from({ length: count }, (_, i) => i)
    .filter((i) => !covered.has(i))
    .map((i) => ({ ...shared, instance: `@data/${i}` }));
  return [...own, ...rest];
}

function pair<I, R, T>(
  chunk: readonly I[],
  data: readonly R[],
  byItem: readonly Problem[][],
  options: BulkOptions<I, R, T>,
): Map<number, T> {
  const unused = new Map(data.entries());
  const matched = new Map<number, R>();
  const pending = [...chunk.entries()].filter(([i]) => !byItem[i]?.length);
  for (const [i, item] of pending) {
    const key = options.itemKey(item);
    const hit = [...unused].find(([, result]) => options.resultKey(result) === key);
    if (!hit) continue;
    matched.set(i, hit[1]);
    unused.delete(hit[0]);
  }
  const byOrder = [...unused.values()];
  for (const [i] of pending) {
    const next = matched.has(i) ? undefined : byOrder.shift();
    if (next !== undefined) matched.set(i, next);
  }
  const results = new Map<number, T>();
  for (const [i, result] of matched) {
    const value = options.toResult(result);
    if (value !== null) results.set(i, value);
  }
  return results;
}

function missing(): Problem {
  return {
    code: 'result-missing',
    title: 'Result missing',
    detail: 'Criteo answered neither a result nor a problem for this item',
  };
}
