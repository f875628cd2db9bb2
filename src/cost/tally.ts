/** The running count of one operation's estimate: calls made at once, and loader keys that share batches. */

/**
 * Objects at one place of the response. `count`: most of them. `wave`: objects of one wave are
 * resolved in the same pass (fields without upstream calls resolve synchronously), so their loader
 * keys share batches. `arrivals`: most distinct times the wave's objects can arrive (one per search,
 * one per loader batch), each adding at most one partial batch. `items`: entries of the list fields
 * right below (a connection's page, a bulk payload's results). `nodeCap`: inside audiences'
 * algebras, most nodes of all of them. `leaves`: the segment ids of those audiences' algebras, shared
 * by `segments`, `algebraNodes` and `algebra` (the same ids, so the same keys).
 */
export interface Position {
  wave: string;
  count: number;
  arrivals: () => number;
  items: number;
  nodeCap: number | null;
  leaves: LeafPool | null;
}

/** At most `cap` distinct segment ids, whichever fields of the audiences ask for them. */
export interface LeafPool {
  cap: number;
  used: number;
}

export type CallKind = 'searches' | 'lookups' | 'compute-sizes' | 'statistics' | 'writes' | 'other';

export interface Demand {
  kind: CallKind;
  size: number;
  /** Calls per batch (result pages read for it). */
  pages: number;
  keys: number;
  /** Arrival counts of the positions that want these keys. */
  arrivals: (() => number)[];
  calls?: number;
}

export interface Tally {
  direct: Map<CallKind, number>;
  /** Loader keys wanted per (wave, loader). */
  demands: Map<string, Demand>;
  nextWave: number;
}

export interface CostContext {
  tally: Tally;
  /** Most bytes of the request's files: its Content-Length, else MAX_UPLOAD_BYTES. */
  uploadBytes: number;
}

export interface FieldCall {
  parent: string;
  field: string;
  args: Record<string, unknown>;
  /** The field's type is a list (of any nullability). */
  isList: boolean;
}

/** Calls a loader makes for `keys` keys that arrive at up to `arrivals` different times. */
export function batches(keys: number, arrivals: number, size: number): number {
  if (keys <= 0) return 0;
  return Math.min(keys, Math.ceil(keys / size) + Math.max(0, arrivals - 1));
}

/** The calls of one demand (memoized: positions below it read it for their arrivals). */
export function callsOf(demand: Demand): number {
  demand.calls ??=
    batches(demand.keys, Math.max(1, ...demand.arrivals.map((a) => a())), demand.size) * demand.pages;
  return demand.calls;
}
