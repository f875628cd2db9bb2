import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CRITEO_MAX_BULK_ITEMS } from '../contract/limits.js';
import type { EmulatorApplication } from './auth.js';
import { fail, type ItemProblemInit, type ProblemInit, ProblemResponse, toProblemBody } from './problems.js';
import { isRecord } from './request-log.js';

export type EmptyProblemLists = 'array' | 'omit' | 'null';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The spec's operationId, used by the request log, faults and rate limiting. */
    operationId?: string;
    /** `false` for the token endpoint and the control API. */
    auth?: boolean;
    /** Contact-list endpoints answer with `AudienceError` problems instead of `CommonProblem`. */
    problemFlavor?: 'common' | 'audience';
  }
  interface FastifyRequest {
    traceId: string;
    /** The authenticated application; set by the auth hook on every API route. */
    application: EmulatorApplication | null;
  }
}

export function applicationOf(request: FastifyRequest): EmulatorApplication {
  if (!request.application) throw new Error('route reached without authentication');
  return request.application;
}

/** Turns zod issues into one 400 `invalid-request-body` problem per issue, with the JSON path. */
export function deserializationFailure(
  issues: z.core.$ZodIssue[],
  prefix: (string | number)[] = [],
): ProblemResponse {
  return new ProblemResponse(
    400,
    issues.slice(0, 20).map((issue): ProblemInit => {
      const path = [...prefix, ...issue.path].map(String).join('/');
      const field = String(issue.path.at(-1) ?? prefix.at(-1) ?? 'body');
      return {
        code: 'invalid-request-body',
        detail: `${path || 'body'}: ${issue.message}`,
        source: { [field]: path || 'body' },
      };
    }),
  );
}

export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  if (body === undefined || body === null) fail(400, 'empty-data-object', 'The request has no body');
  const result = schema.safeParse(body);
  if (!result.success) throw deserializationFailure(result.error.issues);
  return result.data;
}

/** Reads `{ data: [...] }`: 400 when empty, over 50 items, or when any item does not deserialize. */
export function parseBulk<T>(itemSchema: z.ZodType<T>, body: unknown): T[] {
  if (!isRecord(body) || body.data === undefined || body.data === null) {
    fail(400, 'empty-data-object', 'The request must carry a `data` array');
  }
  const data = body.data;
  if (!Array.isArray(data))
    fail(400, 'invalid-request-body', 'data: expected an array', { source: { data: 'data' } });
  if (data.length === 0) fail(400, 'empty-data-object', 'The `data` array is empty');
  if (data.length > CRITEO_MAX_BULK_ITEMS) {
    fail(
      400,
      'payload-too-big',
      `Cannot process more than ${CRITEO_MAX_BULK_ITEMS} items at a time (got ${data.length})`,
    );
  }
  const items: T[] = [];
  const issues: z.core.$ZodIssue[] = [];
  data.forEach((raw: unknown, index) => {
    const result = itemSchema.safeParse(raw);
    if (result.success) items.push(result.data);
    else
      for (const issue of result.error.issues)
        issues.push({ ...issue, path: ['data', index, ...issue.path] });
  });
  if (issues.length > 0) throw deserializationFailure(issues);
  return items;
}

/** Builds `errors`/`warnings` the way the emulator is configured to (`[]`, omitted or `null` when empty). */
export class EnvelopeWriter {
  constructor(private readonly emptyLists: EmptyProblemLists) {}

  problems(traceId: string, problems: ProblemInit[], flavor: 'common' | 'audience', instance: string) {
    return problems.map((p) => toProblemBody(p, traceId, flavor, instance));
  }

  /** `data` plus the problem lists; `errors` for per-item failures (instance `@data/<index>`). */
  write<T extends object>(
    request: FastifyRequest,
    body: T,
    itemProblems: Map<number, ItemProblemInit[]> = new Map(),
    warnings: ProblemInit[] = [],
  ) {
    const errors = [...itemProblems.entries()]
      .sort(([a], [b]) => a - b)
      .flatMap(([index, list]) => list.map((p): ProblemInit => ({ ...p, instance: `@data/${index}` })));
    return {
      ...body,
      ...this.list('errors', this.problems(request.traceId, errors, 'common', request.url)),
      ...this.list('warnings', this.problems(request.traceId, warnings, 'common', request.url)),
    };
  }

  private list<K extends string>(key: K, items: unknown[]): Partial<Record<K, unknown[] | null>> {
    if (items.length > 0 || this.emptyLists === 'array') return { [key]: items } as Record<K, unknown[]>;
    return this.emptyLists === 'null' ? ({ [key]: null } as Record<K, null>) : {};
  }
}

const PageQuerySchema = z.object({ limit: z.string().optional(), offset: z.string().optional() });

/** `limit` (default 50, at most 100: `pagination-limit-too-big`) and `offset` (default 0) of the searches. */
export function parsePage(query: unknown): { limit: number; offset: number } {
  const parsed = PageQuerySchema.safeParse(query);
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? 'limit');
    fail(400, 'invalid-query-parameter', `${field} must be given once, as an integer`, {
      source: { [field]: field },
    });
  }
  const raw = parsed.data;
  // Both are int32 query parameters in the spec: plain digits only, no sign, exponent or fraction.
  const int32 = (value: string | undefined) =>
    value !== undefined && /^\d{1,10}$/.test(value) && Number(value) <= 2_147_483_647 ? Number(value) : null;
  const limit = raw.limit === undefined ? 50 : int32(raw.limit);
  const offset = raw.offset === undefined ? 0 : int32(raw.offset);
  if (limit === null) {
    fail(400, 'invalid-query-parameter', `limit must be an integer between 0 and 100 (got "${raw.limit}")`, {
      source: { limit: 'limit' },
    });
  }
  if (limit > 100)
    fail(400, 'pagination-limit-too-big', `limit must be at most 100 (got ${limit})`, {
      source: { limit: 'limit' },
    });
  if (offset === null) {
    fail(
      400,
      'invalid-query-parameter',
      `offset must be an integer between 0 and 2147483647 (got "${raw.offset}")`,
      {
        source: { offset: 'offset' },
      },
    );
  }
  return { limit, offset };
}

/** One page of a search: the records from `offset`, at most `limit`, and Criteo's page `meta`. */
export function toPage<R, T>(
  found: readonly R[],
  { limit, offset }: { limit: number; offset: number },
  toResource: (record: R) => T,
) {
  return {
    data: found.slice(offset, offset + limit).map(toResource),
    meta: { totalItems: found.length, limit, offset },
  };
}
