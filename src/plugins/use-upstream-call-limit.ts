import { type ExecutionResult, GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GatewayContext } from '../context.js';
import { CRITEO_CALLS_PER_MINUTE } from '../contract/limits.js';
import { estimateUpstreamCalls, type UpstreamCallEstimate } from '../cost/upstream-calls.js';

/**
 * Default of `MAX_UPSTREAM_CALLS_PER_OPERATION`: Criteo's 250 calls a minute, so no operation can need
 * more than a whole minute of the application's budget. The estimate is a worst case (each audience
 * with 100 distinct segments): a page of 50 audiences with their segments' sizes, the audience
 * editor's everyday read, may cost 201 and is admitted; the same page of 100 (402) is not. The
 * heaviest example, a page of 100 segments with seeds, sizes and statistics, may cost 104.
 */
export const DEFAULT_MAX_UPSTREAM_CALLS = CRITEO_CALLS_PER_MINUTE;

export interface UpstreamCallLimitOptions {
  /** Most upstream calls one operation may cause; null: none refused (the estimate is still reported). */
  max: number | null;
  /** MAX_UPLOAD_BYTES: bounds a streamed CSV (with the request's Content-Length). */
  maxUploadBytes: number;
}

/** What `extensions.criteo` of every response holds. */
export interface CriteoExtensions {
  /** The most upstream calls the operation could cause, computed before it ran. */
  estimatedCalls: number;
  /** Upstream calls it made: the estimate's unit (a call re-sent with a fresh token counts again). */
  calls: number;
  /** Further attempts of those calls (retries after 429, 502-504, resets): they spend rate budget too. */
  retries: number;
  /** Reads answered without a call: from the read cache, or shared with an identical read in flight. */
  cached: number;
  /**
   * Calls the application's budget (`CRITEO_RATE_LIMIT_PER_MINUTE`, shared by the replicas on Redis)
   * can still start in the current window, once this response was made; null when the budget is off.
   */
  budgetRemaining: number | null;
}

/**
 * Counts, before an operation runs, the most Criteo calls it can cause (src/cost) from its document
 * and variables, and refuses it above `max` with `OPERATION_TOO_EXPENSIVE`, before any call. Every
 * response carries `extensions.criteo { estimatedCalls, calls, retries, cached, budgetRemaining }`.
 */
export function useUpstreamCallLimit(options: UpstreamCallLimitOptions): Plugin<GatewayContext> {
  return {
    async onExecute({ args, setResultAndStopExecution }) {
      const context = args.contextValue;
      const estimate = estimateUpstreamCalls(
        args.schema,
        args.document,
        args.operationName,
        args.variableValues,
        { uploadBytes: uploadBytes(context.request, options.maxUploadBytes) },
      );
      if (options.max !== null && estimate.calls > options.max) {
        const criteo: CriteoExtensions = {
          estimatedCalls: estimate.calls,
          calls: 0,
          retries: 0,
          cached: 0,
          budgetRemaining: await budgetRemaining(context),
        };
        setResultAndStopExecution({ errors: [tooExpensive(estimate, options.max)], extensions: { criteo } });
        return;
      }
      const withCounts = async (result: ExecutionResult): Promise<ExecutionResult> => {
        const remaining = await budgetRemaining(context);
        const { calls, retries, cached } = context.upstream;
        const criteo: CriteoExtensions = {
          estimatedCalls: estimate.calls,
          calls,
          retries,
          cached,
          budgetRemaining: remaining,
        };
        return { ...result, extensions: { ...result.extensions, criteo } };
      };
      return {
        onExecuteDone: async ({ result, setResult }) => {
          if (!(Symbol.asyncIterator in result)) {
            setResult(await withCounts(result));
            return;
          }
          // @defer / @stream: each part says the calls made so far.
          return { onNext: async ({ result: part, setResult: setPart }) => setPart(await withCounts(part)) };
        },
      };
    },
  };
}

/** The budget left now; a shared budget that cannot answer (Redis down) has already fallen back. */
function budgetRemaining(context: GatewayContext): Promise<number | null> {
  return context.budgetRemaining().catch(() => null);
}

/** Bytes the request's files can hold: its Content-Length when it has one, and at most MAX_UPLOAD_BYTES. */
function uploadBytes(request: Request | undefined, maxUploadBytes: number): number {
  const length = Number(request?.headers.get('content-length') ?? Number.NaN);
  return Number.isSafeInteger(length) && length >= 0 ? Math.min(length, maxUploadBytes) : maxUploadBytes;
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
