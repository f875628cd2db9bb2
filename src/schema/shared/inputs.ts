import { z } from 'zod';

/** Most items one bulk mutation takes: 20 Criteo calls of 50. Larger lists are `BAD_USER_INPUT`. */
export const GATEWAY_MAX_BULK_ITEMS = 1000;

const NUMERIC_ID = /^\d{1,19}$/;

/**
 * Codes of the gateway's own input rules, reported per item by the bulk mutations: Criteo's code
 * where Criteo enforces the same rule (so a client handles both alike), else `invalid-input`.
 */
export const RULE_TITLES = {
  'invalid-input': 'Invalid input',
  'non-parsable-id': 'One or more IDs cannot be parsed',
  'duplicate-id': 'ID cannot be duplicated',
  'poi-coordinates-must-be-valid': 'Points of interest coordinates must be valid',
  'days-must-be-in-range': 'Days must be in range',
  'retargeting-segment-days-since-last-visit-are-not-in-acceptable-range':
    'Retargeting segment MinDaysSinceLastVisit and MaxDaysSinceLastVisit are not in the range of acceptable values',
  'audience-algebra-and-or-nodes-must-include-more-than-one-node':
    'Audience algebra "and" and "or" nodes must include more than one node',
} as const;
export type RuleCode = keyof typeof RULE_TITLES;

/** Issue parameters that carry a rule's code (zod keeps `params` on custom issues). */
export const rule = (code: RuleCode) => ({ code });

/** Criteo ids are strings of digits (int64); `what` names the id in the message. */
export const idSchema = (what: string) =>
  z.string().refine((value) => NUMERIC_ID.test(value), {
    params: rule('non-parsable-id'),
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

/** The list argument of a bulk mutation: at most `GATEWAY_MAX_BULK_ITEMS` items. */
export const bulkListSchema = z.array(z.unknown()).max(GATEWAY_MAX_BULK_ITEMS, {
  error: (issue) => `at most ${GATEWAY_MAX_BULK_ITEMS} items per call (got ${lengthOf(issue.input)})`,
});

function lengthOf(value: unknown): number {
  return Array.isArray(value) ? value.length : 0;
}
