/** One GraphQL request as sent over HTTP. */
export interface Operation {
  operationName: string;
  query: string;
  variables?: Record<string, unknown>;
}

export interface GraphQLResult {
  data?: Record<string, unknown> | null;
  errors?: { message: string }[];
}

/** Sends one operation to the target under test. */
export type Send = (operation: Operation) => Promise<GraphQLResult>;

/**
 * How one target spells the benchmark's queries. Q1 and Q2 mean the same data everywhere; each target
 * gets them in its own schema (see `bench/results/latest.md` for the exact documents).
 */
export interface QuerySet {
  /** Q1: one page of `size` segments of advertiser 4949 with their type-specific settings. */
  segmentsPage(size: number): Operation[];
  /**
   * Q2: `items` audiences of `advertiserIds` (pages of at most 100) with their algebra tree, its segments,
   * the segments' sizes and the audiences' sizes: the operations one client sends, in order. `send` lets a
   * target whose schema cannot follow the algebra build its later operations from the first answer.
   */
  audiencesDeep(items: number, advertiserIds: string[], send: Send): Promise<Operation[]>;
  /** Q3: one `_entities` request for these audiences; absent when the target has no equivalent. */
  entities?(ids: string[]): Operation[];
  /** Q4: the two pages a user of the list views loads; absent when the target is not part of Q4. */
  userPages?: UserPages;
}

/**
 * Q4's pages as the target's client loads them: each sends its operations through `send` in order, a
 * later one built from the answer to an earlier one, as a real client must. `send` rejects on a
 * GraphQL error, which ends the page (the user sees an error).
 */
export interface UserPages {
  /** 50 segments of advertiser 4949 with what a segment list shows (name, type, description, last change) and their sizes. */
  segmentPage(send: Send): Promise<void>;
  /** 50 audiences of both demo advertisers with their sizes and the segments (name, type) of their algebra. */
  audiencePage(send: Send): Promise<void>;
}

/** Q4's advertisers: the audience page lists both demo advertisers', the segment page 4949's. */
export const Q4_ADVERTISERS = ['4949', '5050'];

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Pages of at most 100 items covering `items`: `{ offset, size }` each. */
export function pages(items: number, pageSize = 100): { offset: number; size: number }[] {
  return Array.from({ length: Math.ceil(items / pageSize) }, (_, p) => ({
    offset: p * pageSize,
    size: Math.min(pageSize, items - p * pageSize),
  }));
}

export function chunks<T>(list: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(list.length / size) }, (_, i) =>
    list.slice(i * size, (i + 1) * size),
  );
}

/**
 * A selection of an algebra tree `depth` levels deep (the demo data nests AND > NOT > OR > leaf).
 * `leaf` selects a segment leaf, `branch(op, inner)` a child list or node.
 */
export function algebraSelection(depth: number, leaf: string, branch: (op: string, inner: string) => string) {
  const level = (d: number): string =>
    d <= 1 ? leaf : [leaf, ...['and', 'or', 'not'].map((op) => branch(op, level(d - 1)))].join(' ');
  return level(depth);
}

export const ALGEBRA_DEPTH = 4;

/** The top-level items of the first answer (connection edges, `items`, Criteo `data` or `_entities`). */
export function topLevelItems(results: readonly GraphQLResult[]): unknown[] {
  const data = results[0]?.data ?? {};
  return Object.values(data).flatMap((value): unknown[] => {
    if (Array.isArray(value)) return value;
    if (!isRecord(value)) return [];
    if (Array.isArray(value.edges)) return value.edges.map((edge) => (isRecord(edge) ? edge.node : null));
    if (Array.isArray(value.items)) return value.items;
    if (Array.isArray(value.data)) return value.data;
    return [];
  });
}

/** Distinct ids among the top-level items: what the answers are checked against. */
export function countItems(results: readonly GraphQLResult[]): number {
  return new Set(
    topLevelItems(results)
      .map((item) => (isRecord(item) ? item.id : undefined))
      .filter(Boolean),
  ).size;
}
