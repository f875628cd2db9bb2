import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import { callerOf } from './use-caller-auth.js';

interface RequestLog {
  started: number;
  operationName?: string;
  operationType?: string;
}

/** Endpoints probed every few seconds: logged at debug level only. */
const PROBES = new Set(['/health', '/ready', '/metrics']);

/**
 * One line per HTTP request (method, path, status, duration, GraphQL operation name and type), or
 * `client disconnected` for a client gone before its answer. The
 * query string, the document and the variables are never logged: they may hold identifiers. At
 * debug level the request headers are logged too, redacted (authorization, cookies). With caller
 * authentication, the line names the caller (`sub`).
 */
export function useAccessLog(logger: Logger): Plugin {
  const requests = new WeakMap<Request, RequestLog>();
  return {
    onRequest({ request, url }) {
      requests.set(request, { started: performance.now() });
      if (logger.isLevelEnabled('debug') && !PROBES.has(url.pathname)) {
        logger.debug(
          { method: request.method, path: url.pathname, headers: Object.fromEntries(request.headers) },
          'request',
        );
      }
    },
    onExecute({ args }) {
      const log = requests.get(args.contextValue.request);
      const operation = getOperationAST(args.document, args.operationName);
      if (!log || !operation) return;
      log.operationType = operation.operation;
      log.operationName = operation.name?.value ?? 'anonymous';
    },
    onResponse({ request, response }) {
      const log = requests.get(request);
      const path = new URL(request.url).pathname;
      const line = {
        method: request.method,
        path,
        status: response.status,
        durationMs: log ? Math.round((performance.now() - log.started) * 10) / 10 : undefined,
        operationName: log?.operationName,
        operationType: log?.operationType,
        // Who acted (the token's `sub`), for the audit trail; never the token.
        caller: callerOf(request)?.subject,
      };
      // The client closed the connection before the answer: its pending upstream calls were cancelled.
      if (request.signal.aborted) logger.info({ ...line, disconnected: true }, 'client disconnected');
      else if (PROBES.has(path)) logger.debug(line, 'request served');
      else logger.info(line, 'request served');
    },
  };
}
