import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { CRITEO_CALLS_PER_MINUTE } from '../../contract/limits.js';
import type { EmulatorPluginOptions } from '../context.js';
import { type AfterHandlerFault, type Fault, isAfterHandlerFault } from '../faults.js';
import { type ProblemInit, ProblemResponse } from '../problems.js';
import { isRecord } from '../request-log.js';

const afterFaults = new WeakMap<FastifyRequest, AfterHandlerFault>();

/**
 * Injects the faults `context.faults` decides on: latency, then either a failure before the handler
 * (nothing applied, and no token or rate-limit check) or a broken response after it (the write applied).
 * Runs after the request log has recorded the call and before authentication.
 */
export const useFaults = fp<EmulatorPluginOptions>(
  async (app, { context }) => {
    app.addHook('preValidation', async (request, reply) => {
      const entry = request.logEntry;
      const operationId = request.routeOptions.config.operationId;
      if (!entry || !operationId) return;
      const { latencyMs, fault } = context.faults.decide(operationId);
      if (latencyMs > 0) await sleep(latencyMs);
      if (!fault) return;
      entry.fault = fault.kind;
      if (isAfterHandlerFault(fault)) afterFaults.set(request, fault);
      else injectBeforeHandler(fault, request, reply);
    });

    app.addHook('onSend', async (request, reply, payload) => {
      const fault = afterFaults.get(request);
      if (!fault || typeof payload !== 'string') return payload;
      if (fault.kind === 'malformedJson')
        return payload.slice(0, Math.max(1, Math.floor(payload.length / 2)));
      if (fault.kind === 'schemaDrift') return JSON.stringify(drift(JSON.parse(payload)));
      if (fault.kind === 'extraItems') return JSON.stringify(padItems(JSON.parse(payload), fault.count));
      // lostResponse: the write is applied, then the connection drops in the middle of the body.
      reply.header('content-length', String(Buffer.byteLength(payload)));
      return brokenStream(payload);
    });
  },
  { name: 'emulator-faults' },
);

/** Throws the injected problem, or drops the connection (the hijacked reply ends the hook chain). */
function injectBeforeHandler(
  fault: Exclude<Fault, AfterHandlerFault>,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  switch (fault.kind) {
    case 'status':
      throw new ProblemResponse(fault.status, [
        { ...injectedProblem(fault.status), detail: `Injected fault: HTTP ${fault.status}` },
      ]);
    case 'rateLimit':
      throw new ProblemResponse(
        429,
        [{ type: 'quota', code: 'rate-limit-exceeded', detail: 'Injected fault: rate limit' }],
        {
          'x-ratelimit-limit': String(CRITEO_CALLS_PER_MINUTE),
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 1),
        },
      );
    case 'connectionReset':
      reply.hijack();
      request.raw.socket.destroy();
  }
}

/** The problem Criteo would send with an injected status. */
function injectedProblem(status: number): Omit<ProblemInit, 'detail'> {
  if (status === 401) return { type: 'authentication', code: 'authorization-token-invalid' };
  if (status === 403) return { type: 'authorization', code: 'advertiser-not-authorized' };
  if (status === 429) return { type: 'quota', code: 'rate-limit-exceeded' };
  if (status === 500) return { type: 'availability', code: 'internal-error' };
  if (status >= 500) return { type: 'availability', code: 'service-unavailable' };
  return { type: 'validation', code: 'invalid-request-body' };
}

/** A body that stops half-way with an error: the client sees the connection close mid-body. */
function brokenStream(payload: string): Readable {
  const half = payload.slice(0, Math.max(1, Math.floor(payload.length / 2)));
  let sent = false;
  return new Readable({
    read() {
      if (!sent) {
        sent = true;
        this.push(half);
        setImmediate(() => this.destroy(new Error('injected fault: connection lost mid-body')));
      }
    },
  });
}

/** A contract drift: the body parses as JSON but no longer matches the spec (an id becomes a number). */
function drift(body: unknown): unknown {
  if (!isRecord(body)) return { data: 'drifted' };
  const data = body.data;
  if (Array.isArray(data) && isRecord(data[0]))
    return { ...body, data: [{ ...data[0], id: Number(data[0].id) || 1 }, ...data.slice(1)] };
  if (isRecord(data)) return { ...body, data: { ...data, attributes: 'drifted' } };
  return { ...body, data: 'drifted' };
}

/** `data` grown to `count` items, copies of the real ones with ids of their own. */
function padItems(body: unknown, count: number): unknown {
  if (!isRecord(body) || !Array.isArray(body.data) || body.data.length === 0) return body;
  const items: unknown[] = body.data;
  const padded = Array.from({ length: count }, (_, index) => {
    const item = items[index % items.length];
    return index < items.length || !isRecord(item) ? item : { ...item, id: String(900_000_000 + index) };
  });
  return { ...body, data: padded };
}
