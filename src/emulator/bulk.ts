import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { assertOwnsExisting } from './access.js';
import type { EmulatorApplication } from './auth.js';
import { applicationOf, type EnvelopeWriter, parseBulk } from './http.js';
import type { ItemProblemInit, ProblemInit } from './problems.js';
import type { ItemBatch } from './rules/item-batch.js';

/**
 * What one item of a bulk call comes to: the resource that goes into `data`, or the problems that keep
 * it out (Criteo reports them in `errors` at `@data/<index>`).
 */
export type ItemOutcome<R> = R | ItemProblemInit[];

/** Reports a `deprecation` warning on an item that is written anyway. */
export type Warn = (warning: ItemProblemInit) => void;

/**
 * Criteo's partial success: runs `each` on every item in request order, puts the accepted items in
 * `data` and the others' problems in `errors`, warnings in `warnings`, all tied to `@data/<index>`.
 */
export function answerBulk<T, R>(
  request: FastifyRequest,
  envelope: EnvelopeWriter,
  items: readonly T[],
  each: (item: T, index: number, warn: Warn) => ItemOutcome<R>,
) {
  const problems = new Map<number, ItemProblemInit[]>();
  const warnings: ProblemInit[] = [];
  const data = items.flatMap((item, index) => {
    const outcome = each(item, index, (warning) =>
      warnings.push({ ...warning, type: 'deprecation', instance: `@data/${index}` }),
    );
    if (!isRejected(outcome)) return [outcome];
    problems.set(index, outcome);
    return [];
  });
  return envelope.write(request, { data }, problems, warnings);
}

function isRejected<R>(outcome: ItemOutcome<R>): outcome is ItemProblemInit[] {
  return Array.isArray(outcome);
}

/**
 * The items of a bulk call on existing records (update, delete, compute-sizes) and the batch that
 * resolves them. An id of another application's advertiser makes the whole call a 403, before any item.
 */
export function parseExisting<
  T extends { id?: string | undefined },
  B extends Pick<ItemBatch<never>, 'advertiserOf'>,
>(
  schema: z.ZodType<T>,
  request: FastifyRequest,
  batchFor: (application: EmulatorApplication) => B,
): { items: T[]; batch: B } {
  const application = applicationOf(request);
  const items = parseBulk(schema, request.body);
  const batch = batchFor(application);
  assertOwnsExisting(
    application,
    items.map((i) => i.id),
    (id) => batch.advertiserOf(id),
  );
  return { items, batch };
}
