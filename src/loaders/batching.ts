/** How one request's DataLoaders send their batches. */
export interface Batching {
  /** False: one upstream call per key (the N+1 control of tests and the benchmark); default true. */
  batch: boolean;
  /** Observes each batch sent upstream: the loader's name and how many keys it carries (metrics). */
  onBatch?: ((loader: string, size: number) => void) | undefined;
}

/**
 * Runs a batch function as the request's `Batching` says: the whole batch in one call, or each key in
 * a call of its own (a failed call then fails only its key, as an unbatched DataLoader does).
 */
export async function runBatch<K, V>(
  batching: Batching,
  loader: string,
  keys: readonly K[],
  load: (keys: readonly K[]) => Promise<readonly (V | Error)[]>,
): Promise<readonly (V | Error)[]> {
  if (batching.batch) {
    batching.onBatch?.(loader, keys.length);
    return load(keys);
  }
  const settled = await Promise.allSettled(
    keys.map((key) => {
      batching.onBatch?.(loader, 1);
      return load([key]);
    }),
  );
  return settled.flatMap((result) => {
    if (result.status === 'rejected')
      return [result.reason instanceof Error ? result.reason : new Error(String(result.reason))];
    return result.value.length === 1
      ? result.value
      : [new Error(`${loader}: the batch function answered ${result.value.length} values for one key`)];
  });
}
