import type { UnionRef } from '@pothos/core';
import type { z } from 'zod';
import type { GatewayContext } from '../../context.js';
import { CriteoProblemError } from '../../criteo/errors.js';
import type { BulkAnswer } from '../../criteo/models.js';
import { builder } from '../builder.js';
import { type BulkOptions, type BulkOutcome, runBulk } from './bulk.js';
import { checkItems, type ItemChecks } from './bulk-checks.js';
import { GATEWAY_MAX_BULK_ITEMS } from './inputs.js';
import { asData } from './problems.js';
import { type Reference, rejectOutsideScope } from './scope-checks.js';

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

/** How every bulk mutation treats its items (the end of its description). */
export const BULK = `Each item is checked on its own: one that breaks a rule fails alone (a \`CriteoProblem\` at its \`index\`, code \`invalid-input\` or Criteo's code for the same rule) and the others are still sent. Criteo takes 50 items per call: larger lists go in chunks of 50, in order (at most ${GATEWAY_MAX_BULK_ITEMS} items). One result per item, in input order.`;
/** Why creates group by advertiser (see `runBulk`'s `groupOf`). */
export const PER_ADVERTISER =
  "Each advertiser's items go in calls of their own, so an advertiser the application cannot access fails only its items.";

/** `{ results, problems, warnings }` of one bulk mutation; `result` is the error union of one item's outcome. */
export function bulkPayload<T>(
  name: string,
  description: string,
  result: UnionRef<Types, T | CriteoProblemError>,
) {
  return builder.objectRef<BulkOutcome<T>>(name).implement({
    description,
    fields: (t) => ({
      results: t.field({
        type: [result],
        description:
          'One result per input item, in input order: the object Criteo wrote, or the first problem of the item.',
        resolve: (outcome) => outcome.results,
      }),
      problems: t.field({
        type: [CriteoProblemError],
        description: 'Every problem of every failed item, in input order, each with its `index`.',
        resolve: (outcome) => outcome.problems.map(asData),
      }),
      warnings: t.field({
        type: [CriteoProblemError],
        description: "Criteo's warnings: with an `index` for one item, without for a whole call.",
        resolve: (outcome) => outcome.warnings.map(asData),
      }),
    }),
  });
}

/**
 * The three payloads of a type's bulk mutations (`Create…Payload`, `Update…Payload`, `Delete…Payload`):
 * creates and updates answer `written`, the type's write-result union; deletes answer the deleted id
 * (`Deleted…`) or the item's problem (`…DeleteResult`).
 */
export function bulkPayloads<T>(
  type: 'AudienceSegment' | 'Audience',
  noun: string,
  written: UnionRef<Types, T | CriteoProblemError>,
) {
  const article = /^[aeiou]/.test(noun) ? 'an' : 'a';
  const Deleted = builder.objectRef<{ id: string }>(`Deleted${type}`).implement({
    description: `${article === 'an' ? 'An' : 'A'} ${noun} Criteo deleted.`,
    fields: (t) => ({ id: t.exposeID('id', { description: `Criteo id of the deleted ${noun}.` }) }),
  });
  const deleted = builder.errorUnion(`${type}DeleteResult`, {
    description: `One item of ${article} ${noun} delete: the deleted id, or its problem.`,
    types: [Deleted, CriteoProblemError],
    // Problems are typed by the errors plugin before this runs.
    resolveType: () => Deleted.name,
  });
  const payload = <R>(verb: string, result: UnionRef<Types, R | CriteoProblemError>) =>
    bulkPayload(
      `${verb}${type}sPayload`,
      `The outcome of \`${verb.toLowerCase()}${type}s\`, item by item.`,
      result,
    );
  return {
    create: payload('Create', written),
    update: payload('Update', written),
    delete: payload('Delete', deleted),
  };
}

/** One bulk mutation, from its raw list argument to its outcome. */
export interface BulkWrite<Raw, Item, M> extends Omit<BulkOptions<Item, M>, 'send'> {
  /** The item schema: GraphQL input -> Criteo's item (a bad item becomes a problem at its index). */
  schema: z.ZodType<Item>;
  checks: ItemChecks<Raw>;
  /** What each item names that must be the caller's. */
  references(item: Item): Reference[];
  send(ctx: GatewayContext, chunk: readonly Item[]): Promise<BulkAnswer<M>>;
  /** Tells the request's loaders about each success, so later fields of the operation see it. */
  written(ctx: GatewayContext, result: M): void;
}

/** Checks the items one by one, refuses those outside the caller's scope, sends the rest in chunks. */
export async function runBulkWrite<Raw, Item, M>(
  ctx: GatewayContext,
  raw: readonly Raw[],
  write: BulkWrite<Raw, Item, M>,
): Promise<BulkOutcome<M>> {
  const { checks } = write;
  const items = await rejectOutsideScope(
    ctx,
    checkItems(raw, write.schema, checks),
    checks.argument,
    (item) => write.references(item),
  );
  const outcome = await runBulk(items, { ...write, send: (chunk) => write.send(ctx, chunk) });
  for (const result of outcome.results)
    if (!(result instanceof CriteoProblemError)) write.written(ctx, result);
  return outcome;
}

/** Creates pair Criteo's answer by advertiser and name (Criteo's uniqueness rule). */
export const nameKey = (advertiserId: string | null | undefined, name: string | null | undefined) =>
  `${advertiserId ?? ''}/${(name ?? '').trim().toLowerCase()}`;
