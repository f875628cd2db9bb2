import type { z } from 'zod';
import {
  AudienceSegmentSizeListResponseSchema,
  type AudienceSize,
  SizeEstimationResponseSchema,
} from '../contract/audience-segment.js';
import { IdListResponseSchema, type Problem } from '../contract/envelope.js';
import type { CriteoProblemError } from './errors.js';
import type { CriteoHttp } from './http.js';
import {
  type BulkAnswer,
  type SearchPage,
  sizesInOrder,
  toBulkAnswer,
  toEstimate,
  toModels,
} from './models.js';
import type { ResourceKind } from './read-cache.js';

// The kinds of call segments and audiences share (search, compute-sizes, estimate, bulk write,
// delete): each resource function names its Criteo operation, path and type, and these send it.

/** Which Criteo operation a call is, and the type of the resources it sends. */
export interface Operation {
  operation: string;
  path: string;
  type: ResourceKind;
}

/**
 * What a cached read depends on: its own kind, and for an audience's size the segments it is built
 * of too (a contact list that grows changes the audiences using it). A segment cannot be deleted
 * while an audience uses it, so an audience search depends on audiences only.
 */
const sizeReads = (type: ResourceKind): ResourceKind[] =>
  type === 'Audience' ? ['Audience', 'AudienceSegment'] : [type];

export interface Page {
  /** At most 100 (Criteo's cap). */
  limit: number;
  offset: number;
}

interface Envelope<A> {
  data?: readonly { id?: string | null | undefined; attributes?: A | null | undefined }[] | null | undefined;
  errors?: readonly Problem[] | null | undefined;
  warnings?: readonly Problem[] | null | undefined;
  meta?: { totalItems?: number | null | undefined } | null | undefined;
}

/** An empty filter list is no filter (Criteo would match nothing). */
export const nonEmpty = <T>(list: T[] | undefined) => (list && list.length > 0 ? list : undefined);

export async function search<A extends object>(
  http: CriteoHttp,
  call: Operation & { schema: z.ZodType<Envelope<A>> },
  filters: Record<string, unknown[] | undefined>,
  page: Page,
): Promise<SearchPage<Partial<A> & { id: string }>> {
  const response = await http.call({
    operation: call.operation,
    method: 'POST',
    path: call.path,
    query: { limit: page.limit, offset: page.offset },
    maxItems: page.limit,
    body: { data: { type: call.type, attributes: filters } },
    schema: call.schema,
    idempotent: true,
    reads: [call.type],
  });
  return { items: toModels(response.data), total: response.meta?.totalItems ?? null };
}

/** Sizes in the order of `ids`: each a size or that item's own problem. */
export async function computeSizes(
  http: CriteoHttp,
  call: Operation,
  ids: readonly string[],
): Promise<(AudienceSize | CriteoProblemError)[]> {
  const response = await http.call({
    operation: call.operation,
    method: 'POST',
    path: call.path,
    body: { data: ids.map((id) => ({ id, type: call.type, attributes: {} })) },
    maxItems: ids.length,
    schema: AudienceSegmentSizeListResponseSchema,
    idempotent: true,
    reads: sizeReads(call.type),
  });
  return sizesInOrder(ids, response);
}

export async function estimateSize(
  http: CriteoHttp,
  call: Operation,
  attributes: object,
): Promise<AudienceSize | CriteoProblemError> {
  const response = await http.call({
    operation: call.operation,
    method: 'POST',
    path: call.path,
    body: { data: { type: call.type, attributes } },
    schema: SizeEstimationResponseSchema,
    idempotent: true,
  });
  return toEstimate(response);
}

/** A create (items without id) or an update (with): never retried, it may have been applied. */
export async function writeBulk<A extends object>(
  http: CriteoHttp,
  call: Operation & { method: 'POST' | 'PATCH'; schema: z.ZodType<Envelope<A>> },
  items: readonly { id?: string; attributes: object }[],
): Promise<BulkAnswer<Partial<A> & { id: string }>> {
  const response = await http.call({
    operation: call.operation,
    method: call.method,
    path: call.path,
    body: {
      data: items.map(({ id, attributes }) =>
        id === undefined ? { type: call.type, attributes } : { id, type: call.type, attributes },
      ),
    },
    maxItems: items.length,
    schema: call.schema,
    invalidates: [call.type],
  });
  return toBulkAnswer(response, items.length);
}

/** The deleted ids as `{ id }` models. `emptyMeansAll`: a 204 without body says every id was deleted. */
export async function deleteBulk(
  http: CriteoHttp,
  call: Operation & { emptyMeansAll?: boolean },
  ids: readonly string[],
): Promise<BulkAnswer<{ id: string }>> {
  const request = {
    operation: call.operation,
    method: 'POST',
    path: call.path,
    body: { data: ids.map((id) => ({ id, type: call.type, attributes: {} })) },
    maxItems: ids.length,
    invalidates: [call.type],
  } as const;
  if (!call.emptyMeansAll)
    return toBulkAnswer(await http.call({ ...request, schema: IdListResponseSchema }), ids.length);
  const body = await http.call({ ...request, schema: IdListResponseSchema.optional(), expect: [200, 204] });
  return toBulkAnswer(body ?? { data: ids.map((id) => ({ id, attributes: {} })) }, ids.length);
}
