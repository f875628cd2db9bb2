import { GraphQLError } from 'graphql';
import {
  handleStreamOrSingleExecutionResult,
  type Plugin,
  type YogaServerOptions,
  maskError as yogaMaskError,
} from 'graphql-yoga';
import { CriteoError, toErrorExtensions } from '../criteo/errors.js';

type MaskError = NonNullable<
  Exclude<YogaServerOptions<object, object>['maskedErrors'], boolean | undefined>['maskError']
>;

/**
 * Request-level Criteo failures become client-visible errors with a stable `extensions.code`
 * (`CRITEO_UNAUTHENTICATED`, `CRITEO_FORBIDDEN`, …, documented in the README) and Criteo's
 * `traceId`; every other unexpected error is masked by Yoga as "Unexpected error.".
 */
export const maskError: MaskError = (error, message, isDev) => {
  const original = error instanceof GraphQLError ? error.originalError : error;
  if (original instanceof CriteoError) {
    return new GraphQLError(original.message, {
      nodes: error instanceof GraphQLError ? error.nodes : undefined,
      path: error instanceof GraphQLError ? error.path : undefined,
      extensions: { ...toErrorExtensions(original) },
    });
  }
  return yogaMaskError(error, message, isDev);
};

interface IncrementalPart {
  errors?: readonly GraphQLError[];
}
interface IncrementalResult {
  incremental?: readonly IncrementalPart[];
}

/**
 * Yoga masks the top-level `errors` of every result, not the errors inside the later parts of an
 * incremental answer (`@defer` / `@stream`): without this, a deferred field's failure would reach
 * the client unmasked, without its `extensions.code` or request id.
 */
export function useIncrementalErrorMasking(): Plugin {
  return {
    onExecute({ args }) {
      const context = args.contextValue as { requestId?: unknown };
      const requestId = typeof context.requestId === 'string' && context.requestId ? context.requestId : null;
      const masked = (error: GraphQLError) => {
        const result = maskError(error, 'Unexpected error.', false);
        const graphQLError = result instanceof GraphQLError ? result : new GraphQLError('Unexpected error.');
        if (!requestId) return graphQLError;
        return new GraphQLError(graphQLError.message, {
          nodes: graphQLError.nodes,
          path: graphQLError.path,
          originalError: graphQLError.originalError,
          extensions: { ...graphQLError.extensions, requestId },
        });
      };
      return {
        onExecuteDone(payload) {
          return handleStreamOrSingleExecutionResult(payload, ({ result, setResult }) => {
            const parts = (result as IncrementalResult).incremental;
            if (!parts?.some((part) => part.errors?.length)) return;
            setResult({
              ...result,
              incremental: parts.map((part) =>
                part.errors?.length ? { ...part, errors: part.errors.map(masked) } : part,
              ),
            } as typeof result);
          });
        },
      };
    },
  };
}
