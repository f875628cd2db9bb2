import { type ExecutionResult, GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

// graphql-js words them "Did you mean "x"?", "Did you mean the enum value "X"?", "Did you mean "a", "b", or "c"?".
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

function withoutSuggestion(error: GraphQLError): GraphQLError {
  if (!SUGGESTION.test(error.message)) return error;
  SUGGESTION.lastIndex = 0;
  return new GraphQLError(error.message.replace(SUGGESTION, '').trim(), {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: error.extensions,
  });
}

function scrub(result: ExecutionResult): ExecutionResult {
  if (!result.errors?.length) return result;
  return { ...result, errors: result.errors.map(withoutSuggestion) };
}

/**
 * Removes graphql-js's "Did you mean …?" hints from every error of every answer: validation, and the
 * coercion of variables (enum values, input fields), which graphql-armor's filter does not see. With
 * introspection off they would spell the schema out to anyone who guesses.
 */
export function useNoSuggestions(): Plugin {
  return {
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result)) setResult(result.map(scrub));
      else if (!(Symbol.asyncIterator in result)) setResult(scrub(result));
    },
  };
}
