import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { currentRequestId, loggedRequest, requestIdOf } from '../observability/logged-request.js';

type Result = Parameters<NonNullable<Plugin['onResultProcess']>>[0]['result'];

/**
 * A request id per HTTP request: the caller's `x-request-id` when it looks like one, else a UUID.
 * It scopes the request (every log line written while serving it carries it), comes back in the
 * `x-request-id` response header, and in `extensions.requestId` of every error, masked ones too, so
 * a client's report leads to the log lines of its request.
 */
export function useRequestId(): Plugin {
  const ids = new WeakMap<Request, string>();
  const idOf = (request: Request) => ids.get(request) ?? currentRequestId();
  return {
    instrumentation: {
      request({ request }, wrapped) {
        const requestId = requestIdOf(request.headers.get('x-request-id'));
        ids.set(request, requestId);
        return loggedRequest.run({ requestId }, wrapped);
      },
    },
    onResultProcess({ request, result, setResult }) {
      const requestId = idOf(request);
      if (requestId) setResult(withRequestId(result, requestId));
    },
    onResponse({ request, response }) {
      const requestId = idOf(request);
      if (requestId) response.headers.set('x-request-id', requestId);
    },
  };
}

function withRequestId(result: Result, requestId: string): Result {
  if (Array.isArray(result)) return result.map((item) => withRequestId(item, requestId)) as Result;
  if (Symbol.asyncIterator in result || !result.errors?.length) return result;
  return {
    ...result,
    errors: result.errors.map(
      (error) =>
        new GraphQLError(error.message, {
          nodes: error.nodes,
          source: error.source,
          positions: error.positions,
          path: error.path,
          originalError: error.originalError,
          extensions: { ...error.extensions, requestId },
        }),
    ),
  };
}
