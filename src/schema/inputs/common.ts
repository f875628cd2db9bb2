import { z } from 'zod';

/** Most items one bulk mutation takes: 20 Criteo calls of 50. Larger lists are `BAD_USER_INPUT`. */
export const MAX_BULK_ITEMS = 1000;

const NUMERIC_ID = /^\d{1,19}$/;

/** Criteo ids are strings of digits (int64); `what` names the id in the message. */
export const idSchema = (what: string) =>
  z.string().regex(NUMERIC_ID, {
    error: (issue) => `${what} is numeric, e.g. "100014" (got ${JSON.stringify(issue.input)})`,
  });

/** A write enum: the GraphQL enum carries Criteo's read-only `Unknown`, which cannot be written. */
export function writableEnum<T extends z.core.util.EnumLike>(schema: z.ZodEnum<T>) {
  return z.enum(schema.enum, {
    error: (issue) =>
      issue.input === 'Unknown'
        ? 'UNKNOWN only reads values Criteo does not name; it cannot be written'
        : `must be one of ${schema.options.join(', ')}`,
  });
}

/** An update field Criteo cannot clear: absent leaves it unchanged, null is bad input. */
export function keepIfAbsent<T extends z.ZodType>(schema: T) {
  return schema
    .nullish()
    .refine((value) => value !== null, { message: 'cannot be null (omit it to leave it unchanged)' })
    .transform((value): z.output<T> | undefined => value ?? undefined);
}

/** An update field Criteo wraps (`{ "value": … }`): absent = unchanged, null clears it, a value sets it. */
export function nillable<T extends z.ZodType>(schema: T) {
  return schema
    .nullish()
    .transform((value): { value: z.output<T> | null } | undefined =>
      value === undefined ? undefined : { value },
    );
}

/** Optional on create: GraphQL null and absent both mean "not sent". */
export function optional<T extends z.ZodType>(schema: T) {
  return schema.nullish().transform((value): z.output<T> | undefined => value ?? undefined);
}

/** The list argument of a bulk mutation: at most `MAX_BULK_ITEMS` items. */
export const bulkListSchema = z.array(z.unknown()).max(MAX_BULK_ITEMS, {
  error: (issue) => `at most ${MAX_BULK_ITEMS} items per call (got ${lengthOf(issue.input)})`,
});

// Update and delete lists name each id once: items in different chunks of 50 would otherwise both apply.
function reportDuplicates(
  ids: readonly string[],
  ctx: z.RefinementCtx,
  path: (index: number) => PropertyKey[],
) {
  const seen = new Map<string, number>();
  for (const [index, id] of ids.entries()) {
    if (id === '') continue;
    const first = seen.get(id);
    if (first === undefined) seen.set(id, index);
    else
      ctx.addIssue({
        code: 'custom',
        path: path(index),
        message: `${id} appears more than once (first at [${first}])`,
      });
  }
}

/** Items `{ id, … }` with distinct ids (items that failed their own schema arrive as null: skipped). */
export const uniqueIdsSchema = z.array(z.unknown()).superRefine((items, ctx) =>
  reportDuplicates(
    items.map((item) =>
      typeof item === 'object' && item !== null && 'id' in item && typeof item.id === 'string' ? item.id : '',
    ),
    ctx,
    (index) => [index, 'id'],
  ),
);

/** A list of distinct ids. */
export const uniqueStringsSchema = z
  .array(z.string())
  .superRefine((ids, ctx) => reportDuplicates(ids, ctx, (index) => [index]));

function lengthOf(value: unknown): number {
  return Array.isArray(value) ? value.length : 0;
}
