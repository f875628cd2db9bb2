import { z } from 'zod';

/** Criteo's problem categories (`CommonProblem.type`); `AudienceError` uses the same list without `unknown`. */
export const ProblemTypeSchema = z.enum([
  'unknown',
  'access-control',
  'authentication',
  'authorization',
  'availability',
  'deprecation',
  'quota',
  'validation',
]);
export type ProblemType = z.infer<typeof ProblemTypeSchema>;

/**
 * One problem as it appears in `errors` or `warnings`. Parsed leniently: it covers both
 * `CommonProblem` (stackTrace a string) and `AudienceError`/`AudienceWarning` (stackTrace a string array),
 * and tolerates an unknown `type` so a new category is not a contract failure.
 */
export const ProblemSchema = z.object({
  traceId: z.string().nullish(),
  traceIdentifier: z.string().nullish(),
  type: z.string().nullish(),
  code: z.string().nullish(),
  instance: z.string().nullish(),
  title: z.string().nullish(),
  detail: z.string().nullish(),
  source: z.record(z.string(), z.unknown()).nullish(),
  stackTrace: z.union([z.string(), z.array(z.string())]).nullish(),
});
export type Problem = z.infer<typeof ProblemSchema>;

/** `errors`/`warnings` may be absent, null or an array (docs say omitted, spec examples show `[]`). */
export const ProblemListSchema = z.array(ProblemSchema).nullish();

/** A response resource: `{ id, type, attributes }`, every part nullable in the spec. */
export function resourceSchema<T extends z.ZodType>(attributes: T) {
  return z.object({
    id: z.string().nullish(),
    type: z.string().nullish(),
    attributes: attributes.nullish(),
  });
}

/** `…ListResponse`: `data` is an array of resources. */
export function listResponseSchema<T extends z.ZodType>(resource: T) {
  return z.object({
    data: z.array(resource).nullish(),
    errors: ProblemListSchema,
    warnings: ProblemListSchema,
  });
}

/** `…Response`: `data` is one resource. */
export function singleResponseSchema<T extends z.ZodType>(resource: T) {
  return z.object({
    data: resource.nullish(),
    errors: ProblemListSchema,
    warnings: ProblemListSchema,
  });
}

/** `meta` of the two search responses. */
export const SearchMetaSchema = z.object({
  totalItems: z.number().int().nullish(),
  limit: z.number().int().nullish(),
  offset: z.number().int().nullish(),
});
export type SearchMeta = z.infer<typeof SearchMetaSchema>;

export function searchResponseSchema<T extends z.ZodType>(resource: T) {
  return listResponseSchema(resource).extend({ meta: SearchMetaSchema.nullish() });
}

/** Bulk request envelope: `{ data: [ item, … ] }`. */
export function bulkRequestSchema<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item) });
}

/** Single-resource request envelope: `{ data: item }`. */
export function singleRequestSchema<T extends z.ZodType>(item: T) {
  return z.object({ data: item });
}

/** Request resources; request properties are all optional in the spec but `id` on id-based items. */
export const IdResourceSchema = z.object({
  id: z.string().optional(),
  type: z.string().optional(),
  attributes: z.object({}).optional(),
});
export type IdResource = z.infer<typeof IdResourceSchema>;

/** `{ id, type, attributes: {} }` items of the id-only responses (delete). */
export const IdListResponseSchema = listResponseSchema(resourceSchema(z.object({})));

/** Criteo's wrapper for a field where `null` is a business value: absent = unchanged, `{}`/`{value:null}` = clear. */
export function nillableSchema<T extends z.ZodType>(value: T) {
  return z.object({ value: value.nullish() });
}
