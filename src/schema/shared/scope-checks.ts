import type { GatewayContext } from '../../context.js';
import type { Problem } from '../../contract/envelope.js';
import { CriteoProblemError } from '../../criteo/errors.js';
import { ForbiddenError, forbiddenProblem, mayReach, NOT_IN_TOKEN } from '../../scope.js';
// The owners are read through the request's by-id loaders, which belong to the two domain types.
import { AudienceRef } from '../audience/audience.js';
import { AudienceSegmentUnion } from '../audience-segment/segment.js';
import { formatPath } from '../validation-error.js';
import { RejectedItem } from './bulk.js';

/** Something a write names that must be the caller's: an advertiser, or a segment or audience by id. */
export interface Reference {
  kind: 'advertiser' | 'segment' | 'audience';
  id: string;
  /** Where the item names it (`['advertiserId']`, `['algebra']`; `[]` when the item is the id). */
  path: readonly (string | number)[];
}

/**
 * Which of `refs` lie outside the caller's advertisers: advertisers by the token's list, segments and
 * audiences by their owner, read through the request's by-id loaders (one batched search per kind,
 * shared with every other lookup of the request). An id that does not exist is left to Criteo.
 */
async function outside(ctx: GatewayContext, refs: readonly Reference[]): Promise<Set<Reference>> {
  const ids = (kind: Reference['kind']) => [...new Set(refs.filter((r) => r.kind === kind).map((r) => r.id))];
  const [segments, audiences] = await Promise.all([
    AudienceSegmentUnion.getDataloader(ctx).loadMany(ids('segment')),
    AudienceRef.getDataloader(ctx).loadMany(ids('audience')),
  ]);
  const refused = new Set<string>();
  for (const [kind, keys, values] of [
    ['segment', ids('segment'), segments],
    ['audience', ids('audience'), audiences],
  ] as const) {
    for (const [i, value] of values.entries()) {
      if (value instanceof ForbiddenError) refused.add(`${kind}:${keys[i]}`);
      // The owner could not be read: nothing may be sent unchecked.
      else if (value instanceof Error) throw value;
    }
  }
  return new Set(
    refs.filter((ref) =>
      ref.kind === 'advertiser' ? !mayReach(ctx.caller, ref.id) : refused.has(`${ref.kind}:${ref.id}`),
    ),
  );
}

const describe = (ref: Reference) =>
  ref.kind === 'advertiser'
    ? `${ref.id} ${NOT_IN_TOKEN}`
    : `${ref.kind === 'segment' ? 'audience segment' : 'audience'} ${ref.id} belongs to an advertiser your token does not cover`;

/**
 * With caller authentication, each item of a bulk write that names another advertiser, or a segment or
 * audience of one, becomes a `RejectedItem` (code `FORBIDDEN`): it fails alone and is never sent.
 * Without it, the items come back as they are and nothing is looked up.
 */
export async function rejectOutsideScope<I>(
  ctx: GatewayContext,
  items: readonly (I | RejectedItem)[],
  argument: string,
  referencesOf: (item: I) => Reference[],
): Promise<(I | RejectedItem)[]> {
  if (!ctx.caller) return [...items];
  const refs = items.map((item) => (item instanceof RejectedItem ? [] : referencesOf(item)));
  const refused = await outside(ctx, refs.flat());
  return items.map((item, index) => {
    const own = (refs[index] ?? []).filter((ref) => refused.has(ref));
    if (item instanceof RejectedItem || own.length === 0) return item;
    return new RejectedItem(
      own.map(
        (ref): Problem =>
          forbiddenProblem(
            `${formatPath([argument, index, ...ref.path])}: ${describe(ref)}`,
            `@data/${index}`,
          ),
      ),
    );
  });
}

/** The single-subject form: the typed `FORBIDDEN` problem of the first reference outside the scope. */
export async function scopeProblem(
  ctx: GatewayContext,
  refs: readonly Reference[],
): Promise<CriteoProblemError | null> {
  if (!ctx.caller) return null;
  const [first] = await outside(ctx, refs);
  return first
    ? new CriteoProblemError(forbiddenProblem(`${formatPath([...first.path])}: ${describe(first)}`))
    : null;
}

/** Throws `scopeProblem`'s answer (for fields whose error union types it). */
export async function assertInScope(ctx: GatewayContext, refs: readonly Reference[]): Promise<void> {
  const problem = await scopeProblem(ctx, refs);
  if (problem) throw problem;
}

export const segmentRefs = (ids: readonly string[], path: readonly (string | number)[]): Reference[] =>
  ids.map((id) => ({ kind: 'segment', id, path }));
