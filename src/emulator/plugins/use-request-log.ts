import { randomUUID } from 'node:crypto';
import fp from 'fastify-plugin';
import type { EmulatorPluginOptions } from '../context.js';
import { collectIds, isRecord, type RequestLogEntry } from '../request-log.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** This call's entry in the request log; null on routes without an operationId (control API, 404). */
    logEntry: RequestLogEntry | null;
  }
}

/**
 * Gives every request its Criteo `traceId` and logs every call of an operation: what it asked (query,
 * body, ids) as soon as the body is parsed, how it ended (status, duration) once answered. Runs first,
 * so that a faulted or rejected call is logged too.
 */
export const useRequestLog = fp<EmulatorPluginOptions>(
  async (app, { context }) => {
    app.decorateRequest('traceId', '');
    app.decorateRequest('logEntry', null);

    app.addHook('onRequest', async (request) => {
      request.traceId = randomUUID();
      const operationId = request.routeOptions.config.operationId;
      if (!operationId) return;
      request.logEntry = context.requests.start({
        method: request.method,
        path: request.url.split('?')[0] ?? request.url,
        operationId,
        query: toStringRecord(request.query),
        body: null,
        ids: [],
      });
    });

    app.addHook('preValidation', async (request) => {
      const entry = request.logEntry;
      if (!entry) return;
      entry.body = redactForm(request.body);
      entry.ids = collectIds(request.body, toStringRecord(request.params));
    });

    app.addHook('onResponse', async (request, reply) => {
      const entry = request.logEntry;
      if (!entry) return;
      context.requests.finish(entry, reply.statusCode, Math.round(reply.elapsedTime));
    });
  },
  { name: 'emulator-request-log' },
);

function toStringRecord(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]));
}

/** The token call's form carries the client secret: never keep it in the log. */
function redactForm(body: unknown): unknown {
  if (!isRecord(body) || !('client_secret' in body)) return body ?? null;
  return { ...body, client_secret: '[redacted]' };
}
