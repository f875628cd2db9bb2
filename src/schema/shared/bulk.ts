import type { Problem } from '../../contract/envelope.js';
import { CRITEO_MAX_BULK_ITEMS } from '../../contract/limits.js';
import { CriteoError, CriteoProblemError } from '../../criteo/errors.js';
import { type BulkAnswer, byItem } from '../../criteo/models.js';
import { BulkItemProblem, problemOf } from './criteo-problems.js';

export interface BulkOptions<I, M> {
  /** One Criteo call for up to `chunkSize` items. */
  send(chunk: readonly I[]): Promise<BulkAnswer<M>>;
  /** What identifies an item in Criteo's answer: its id (update, delete) or advertiser + name (create). */
  itemKey(item: I): string;
  resultKey(result: M): string | undefined;
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

export interface BulkOutcome<M> {
  /** One per input item, in input order: its object, or its first problem. */
  results: (M | BulkItemProblem)[];
  /** Every item problem, in input order (an item may have several). */
  problems: BulkItemProblem[];
  /** Criteo's warnings: per item (`BulkItemProblem`) or for a whole call (deduplicated across chunks). */
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
 * its own problems and never sent. Criteo's `written` lists only the successes and is not index-aligned
 * with the request (contract §5.2): successes are paired by key, then by order; an item left without
 * either gets a problem. A chunk whose call fails (`CriteoError`) reports every one of its items as failed.
 */
export async function runBulk<I, M>(
  items: readonly (I | RejectedItem)[],
  options: BulkOptions<I, M>,
): Promise<BulkOutcome<M>> {
  const size = options.chunkSize ?? CRITEO_MAX_BULK_ITEMS;
  const results = new Map<number, M | BulkItemProblem>();
  const problems = new Map<number, BulkItemProblem[]>();
  const warnings: CriteoProblemError[] = [];
  const seenWarnings = new Set<string>();
  const fail = (index: number, own: readonly Problem[]) => {
    const rebased = own.map((p) => new BulkItemProblem(index, p));
    problems.set(index, rebased);
    results.set(index, rebased[0] ?? new BulkItemProblem(index, missing()));
  };
  for (const [index, item] of items.entries()) if (item instanceof RejectedItem) fail(index, item.problems);

  for (const entries of chunksOf(items, size, options.groupOf)) {
    const chunk = entries.map((entry) => entry.item);
    const indexAt = (i: number) => entries[i]?.index ?? -1;
    let answer: BulkAnswer<M>;
    try {
      answer = await options.send(chunk);
    } catch (error) {
      if (!(error instanceof CriteoError)) throw error;
      answer = failedChunk(error, chunk.length);
    }
    const paired = pair(chunk, answer, options);
    for (const [i, own] of answer.errors.items.entries()) {
      const result = paired.get(i);
      if (result !== undefined) results.set(indexAt(i), result);
      else fail(indexAt(i), own.length > 0 ? own : [answer.errors.call[0] ?? missing()]);
    }
    for (const { item, problem: warning } of answer.warnings) {
      if (item !== null) {
        warnings.push(new BulkItemProblem(indexAt(item), warning));
        continue;
      }
      const key = `${warning.code}|${warning.detail}`;
      if (!seenWarnings.has(key)) warnings.push(new CriteoProblemError(warning));
      seenWarnings.add(key);
    }
  }
  return {
    results: items.map((_, index) => results.get(index) ?? new BulkItemProblem(index, missing())),
    problems: items.flatMap((_, index) => problems.get(index) ?? []),
    warnings,
  };
}

/** Every item of a failed call gets a problem: its own `@data/N` ones if Criteo sent some, else the call's. */
function failedChunk<M>(error: CriteoError, count: number): BulkAnswer<M> {
  const { items } = byItem(error.problems, count);
  const shared = problemOf(error);
  return {
    written: [],
    errors: { items: items.map((own) => (own.length > 0 ? own : [shared])), call: [] },
    warnings: [],
  };
}

/** Criteo's successes paired with the items that have no problem: by key first, then by order. */
function pair<I, M>(chunk: readonly I[], answer: BulkAnswer<M>, options: BulkOptions<I, M>): Map<number, M> {
  const unused = new Map(answer.written.entries());
  const matched = new Map<number, M>();
  const pending = [...chunk.entries()].filter(([i]) => !answer.errors.items[i]?.length);
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
  return matched;
}

function missing(): Problem {
  return {
    code: 'result-missing',
    title: 'Result missing',
    detail: 'Criteo answered neither a result nor a problem for this item',
  };
}
