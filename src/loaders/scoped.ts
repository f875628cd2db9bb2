import { type Caller, ForbiddenError, mayReach } from '../scope.js';

/**
 * By-id results in key order: a model found and the caller's, a `ForbiddenError` when it belongs to
 * another advertiser (never the object itself), null when Criteo does not have it. Every by-id lookup
 * goes through here, so a foreign object is replaced before any cache holds it.
 */
export function scopedInKeyOrder<M extends { id: string; advertiserId?: string | null | undefined }>(
  ids: readonly string[],
  found: readonly M[],
  caller: Caller | null,
  what: string,
): (M | Error | null)[] {
  const byId = new Map(found.map((model) => [model.id, model]));
  return ids.map((id) => {
    const model = byId.get(id);
    if (model === undefined) return null;
    return mayReach(caller, model.advertiserId)
      ? model
      : new ForbiddenError(`${what} ${model.id} belongs to an advertiser your token does not cover`);
  });
}
