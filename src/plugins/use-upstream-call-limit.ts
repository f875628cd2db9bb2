import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GatewayContext } from '../context.js';
import { estimateUpstreamCalls, type UpstreamCallEstimate } from '../cost/upstream-calls.js';
import type { Upload } from '../schema/builder.js';
import { isUpload } from '../schema/upload.js';

/**
 * Default of `MAX_UPSTREAM_CALLS_PER_OPERATION`: half of Criteo's 250 calls a minute, so one operation
 * never takes the whole minute from the other callers. A page of 100 segments with their seeds,
 * sizes and contact-list statistics (the heaviest example) may cost 104.
 */
export const DEFAULT_MAX_UPSTREAM_CALLS = 125;

export interface UpstreamCallLimitOptions {
  /** Most upstream calls one operation may cause; null: none refused (the estimate is still reported). */
  max: number | null;
  /** MAX_UPLOAD_BYTES, for a CSV whose rows could not be counted. */
  maxUploadBytes?: number;
}

/** What `extensions.criteo` of every response holds. */
export interface CriteoExtensions {
  /** The most upstream calls the operation could cause, computed before it ran. */
  estimatedCalls: number;
  /** Upstream calls it made: the estimate's unit (a call re-sent with a fresh token counts again). */
  calls: number;
  /** Further attempts of those calls (retries after 429, 502-504, resets): they spend rate budget too. */
  retries: number;
}

/**
 * Counts, before an operation runs, the most Criteo calls it can cause (src/cost) from its document
 * and variables, and refuses it above `max` with `OPERATION_TOO_EXPENSIVE`, before any call. Every
 * response carries `extensions.criteo { estimatedCalls, calls, retries }`.
 */
export function useUpstreamCallLimit(options: UpstreamCallLimitOptions): Plugin<GatewayContext> {
  return {
    async onExecute({ args, setResultAndStopExecution }) {
      const rows = await countUploadRows(args.variableValues);
      const estimate = estimateUpstreamCalls(
        args.schema,
        args.document,
        args.operationName,
        args.variableValues,
        {
          maxUploadBytes: options.maxUploadBytes,
          uploadRows: (file) => (isUpload(file) ? rows.get(file) : undefined),
        },
      );
      if (options.max !== null && estimate.calls > options.max) {
        setResultAndStopExecution({
          errors: [tooExpensive(estimate, options.max)],
          extensions: {
            criteo: { estimatedCalls: estimate.calls, calls: 0, retries: 0 } satisfies CriteoExtensions,
          },
        });
        return;
      }
      const context = args.contextValue;
      return {
        onExecuteDone({ result, setResult }) {
          // Incremental delivery is not used by this schema; a stream is left as it is.
          if (Symbol.asyncIterator in result) return;
          const { calls, retries } = context.upstream;
          const criteo: CriteoExtensions = { estimatedCalls: estimate.calls, calls, retries };
          setResult({ ...result, extensions: { ...result.extensions, criteo } });
        },
      };
    },
  };
}

function tooExpensive(estimate: UpstreamCallEstimate, max: number): GraphQLError {
  const parts = Object.entries(estimate.byKind)
    .filter(([, calls]) => calls > 0)
    .map(([kind, calls]) => `${kind} ${calls}`)
    .join(', ');
  return new GraphQLError(
    `This operation may cost up to ${estimate.calls} Criteo calls (${parts}); the limit is ${max} (MAX_UPSTREAM_CALLS_PER_OPERATION). Ask for smaller pages or fewer fields that call Criteo.`,
    {
      extensions: {
        code: 'OPERATION_TOO_EXPENSIVE',
        estimatedCalls: estimate.calls,
        limit: max,
        byKind: estimate.byKind,
      },
    },
  );
}

/**
 * Rows of each uploaded file, counted before it is parsed: a CSV holds at most one identifier per line
 * break (LF or, for old files, CR) plus one. The file is in memory already (the multipart parser).
 */
async function countUploadRows(
  variables: Record<string, unknown> | null | undefined,
): Promise<Map<Upload, number>> {
  const rows = new Map<Upload, number>();
  for (const file of uploadsIn(variables, 0)) {
    let lf = 0;
    let cr = 0;
    const reader = file.stream().getReader();
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      const bytes = next.value;
      for (let at = bytes.indexOf(10); at !== -1; at = bytes.indexOf(10, at + 1)) lf += 1;
      for (let at = bytes.indexOf(13); at !== -1; at = bytes.indexOf(13, at + 1)) cr += 1;
    }
    rows.set(file, Math.max(lf, cr) + 1);
  }
  return rows;
}

function* uploadsIn(value: unknown, depth: number): Generator<Upload> {
  if (isUpload(value)) yield value;
  else if (value && typeof value === 'object' && depth < 8)
    for (const item of Object.values(value)) yield* uploadsIn(item, depth + 1);
}
