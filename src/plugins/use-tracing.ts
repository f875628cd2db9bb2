import {
  context,
  propagation,
  type Span,
  SpanKind,
  SpanStatusCode,
  type TextMapGetter,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import { type ExecutionResult, getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { CriteoError } from '../criteo/errors.js';
import { currentRequestId } from '../observability/logged-request.js';

const headerGetter: TextMapGetter<Headers> = {
  keys: (headers) => [...headers.keys()],
  get: (headers, key) => headers.get(key) ?? undefined,
};

/**
 * A span per GraphQL operation, continuing the caller's W3C trace context, active while the
 * operation runs so upstream calls become its children. It records the operation's name and type,
 * the request id, and the error codes and Criteo `traceId`s of its errors; never variables, the
 * document or any identifier.
 */
export function useTracing(tracer: Tracer): Plugin {
  const spans = new WeakMap<Request, Span>();
  return {
    instrumentation: {
      operation({ request }, wrapped) {
        const parent = propagation.extract(context.active(), request.headers, headerGetter);
        const span = tracer.startSpan('GraphQL operation', { kind: SpanKind.SERVER }, parent);
        const requestId = currentRequestId();
        if (requestId) span.setAttribute('gateway.request_id', requestId);
        spans.set(request, span);
        const end = () => span.end();
        let result: ReturnType<typeof wrapped>;
        try {
          result = context.with(trace.setSpan(parent, span), wrapped);
        } catch (error) {
          end();
          throw error;
        }
        if (result instanceof Promise) {
          return result.then(end, (error: unknown) => {
            span.setStatus({ code: SpanStatusCode.ERROR });
            end();
            throw error;
          });
        }
        end();
        return result;
      },
    },
    onExecute({ args }) {
      const span = spans.get(args.contextValue.request);
      if (!span) return;
      const operation = getOperationAST(args.document, args.operationName);
      const type = operation?.operation ?? 'query';
      const name = operation?.name?.value;
      span.updateName(name ? `${type} ${name}` : `${type} (anonymous)`);
      span.setAttribute('graphql.operation.type', type);
      if (name) span.setAttribute('graphql.operation.name', name);
      return {
        onExecuteDone({ result }) {
          if (Symbol.asyncIterator in result) return;
          recordErrors(span, result);
        },
      };
    },
  };
}

function recordErrors(span: Span, result: ExecutionResult) {
  if (!result.errors?.length) return;
  const codes = new Set<string>();
  const traceIds = new Set<string>();
  for (const error of result.errors) {
    // Before or after masking: the Criteo failure itself, or the extensions it became.
    const original = error.originalError;
    const code = original instanceof CriteoError ? original.code : error.extensions?.code;
    const traceId = original instanceof CriteoError ? original.traceId : error.extensions?.traceId;
    codes.add(typeof code === 'string' ? code : 'UNEXPECTED');
    if (typeof traceId === 'string') traceIds.add(traceId);
  }
  span.setAttribute('graphql.error.count', result.errors.length);
  span.setAttribute('graphql.error.codes', [...codes]);
  if (traceIds.size) span.setAttribute('criteo.trace_ids', [...traceIds]);
  span.setStatus({ code: SpanStatusCode.ERROR, message: [...codes].join(', ') });
}
