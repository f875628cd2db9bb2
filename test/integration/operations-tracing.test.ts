import { execFile } from 'node:child_process';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type RunningGateway, startGateway } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { type Emulator, startEmulator } from '../../src/emulator/server.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A pass-through proxy in front of the emulator that records the `traceparent` of each request. */
async function startRecordingProxy(target: string) {
  const seen: { path: string; traceparent: string | undefined }[] = [];
  const server: Server = createServer((incoming, outgoing) => {
    const traceparent = incoming.headers.traceparent;
    seen.push({
      path: incoming.url ?? '',
      traceparent: typeof traceparent === 'string' ? traceparent : undefined,
    });
    const forward = request(
      `${target}${incoming.url ?? ''}`,
      { method: incoming.method, headers: incoming.headers },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    incoming.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const ResultSchema = z.object({
  data: z.unknown(),
  errors: z
    .array(z.object({ message: z.string(), extensions: z.record(z.string(), z.unknown()) }))
    .optional(),
});

describe('OpenTelemetry tracing (OTEL_* set)', () => {
  const exporter = new InMemorySpanExporter();
  const lines: string[] = [];
  let emulator: Emulator;
  let proxy: Awaited<ReturnType<typeof startRecordingProxy>>;
  let gateway: RunningGateway;

  async function query(body: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return ResultSchema.parse(await response.json());
  }

  const spans = () => exporter.getFinishedSpans();
  const operationSpan = () => {
    const found = spans().filter((s) => s.kind === SpanKind.SERVER);
    expect(found).toHaveLength(1);
    return found[0] as ReadableSpan;
  };
  const upstreamSpans = () => spans().filter((s) => s.kind === SpanKind.CLIENT);

  beforeAll(async () => {
    emulator = await startEmulator({ rateLimit: false });
    proxy = await startRecordingProxy(emulator.url);
    gateway = await startGateway(
      loadConfig({
        CRITEO_API_URL: proxy.url,
        CRITEO_CLIENT_ID: 'demo-client-id',
        CRITEO_CLIENT_SECRET: 'demo-client-secret',
        PORT: '0',
        LOG_LEVEL: 'debug',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318',
        OTEL_SERVICE_NAME: 'gateway-under-test',
      }),
      {
        host: '127.0.0.1',
        spanProcessor: new SimpleSpanProcessor(exporter),
        logDestination: { write: (line: string) => void lines.push(line) },
      },
    );
  });
  afterAll(async () => {
    await gateway.stop();
    await proxy.close();
    await emulator.close();
  });
  beforeEach(() => {
    exporter.reset();
    proxy.seen.length = 0;
    lines.length = 0;
  });

  it('makes a span per operation, a child span per upstream call, and sends their trace context upstream', async () => {
    const result = await query({
      query: /* GraphQL */ `
        query Segments($ids: [ID!]) {
          audienceSegments(ids: $ids, first: 5) { edges { node { ... on Segment { id size { __typename } } } } }
        }
      `,
      variables: { ids: ['100001', '100002'] },
    });
    expect(result.errors).toBeUndefined();

    const operation = operationSpan();
    expect(operation.name).toBe('query Segments');
    expect(operation.resource.attributes['service.name']).toBe('gateway-under-test');
    expect(operation.attributes).toMatchObject({
      'graphql.operation.name': 'Segments',
      'graphql.operation.type': 'query',
      'gateway.request_id': expect.any(String),
    });
    const traceId = operation.spanContext().traceId;

    const upstream = upstreamSpans();
    expect(upstream.map((s) => s.name).sort()).toEqual([
      'Criteo ComputeAudienceSegmentsSizes',
      'Criteo SearchAudienceSegments',
    ]);
    for (const span of upstream) {
      expect(span.spanContext().traceId).toBe(traceId);
      expect(span.parentSpanContext?.spanId).toBe(operation.spanContext().spanId);
      expect(span.attributes['http.response.status_code']).toBe(200);
    }

    // Criteo received each call's own span as W3C trace context (the token request has none).
    const api = proxy.seen.filter((s) => s.path.includes('/marketing-solutions/'));
    expect(api).toHaveLength(2);
    expect(api.map((s) => s.traceparent).sort()).toEqual(
      upstream.map((s) => `00-${traceId}-${s.spanContext().spanId}-01`).sort(),
    );

    // Nothing of the variables or the ids.
    const recorded = JSON.stringify(spans().map((s) => [s.name, s.attributes, s.events]));
    expect(recorded).not.toContain('100001');
    expect(recorded).not.toContain('100002');

    // Log lines written inside a span carry its trace id.
    const upstreamLines = lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.msg === 'upstream call');
    expect(upstreamLines.length).toBe(2);
    for (const line of upstreamLines) expect(line.trace_id).toBe(traceId);
  });

  it("records Criteo's traceId on the failed call's span, the operation's span and the GraphQL error", async () => {
    const result = await query({
      query: 'query Forbidden { audienceSegments(advertiserIds: ["7070"], first: 1) { totalCount } }',
    });
    const extensions = result.errors?.[0]?.extensions;
    expect(extensions).toMatchObject({ code: 'CRITEO_FORBIDDEN', traceId: expect.any(String) });
    const criteoTraceId = extensions?.traceId;

    const [call] = upstreamSpans();
    expect(call?.status.code).toBe(SpanStatusCode.ERROR);
    expect(call?.attributes).toMatchObject({
      'criteo.trace_id': criteoTraceId,
      'criteo.code': 'advertiser-not-authorized',
      'error.type': 'CRITEO_FORBIDDEN',
      'http.response.status_code': 403,
    });
    const operation = operationSpan();
    expect(operation.status.code).toBe(SpanStatusCode.ERROR);
    expect(operation.attributes).toMatchObject({
      'graphql.error.codes': ['CRITEO_FORBIDDEN'],
      'criteo.trace_ids': [criteoTraceId],
    });
  });

  it("continues the caller's trace", async () => {
    const callerTrace = '0af7651916cd43dd8448eb211c80319c';
    const result = await query(
      { query: '{ me { name } }' },
      { traceparent: `00-${callerTrace}-b7ad6b7169203331-01` },
    );
    expect(result.errors).toBeUndefined();
    const operation = operationSpan();
    expect(operation.spanContext().traceId).toBe(callerTrace);
    expect(operation.parentSpanContext?.spanId).toBe('b7ad6b7169203331');
    expect(proxy.seen.find((s) => s.path.endsWith('/me'))?.traceparent).toMatch(
      new RegExp(`^00-${callerTrace}-`),
    );
  });
});

describe('tracing off (no OTEL_* variables)', () => {
  it('loads no OpenTelemetry SDK', async () => {
    const script = `
      const { startGateway } = await import('./src/app.ts');
      const { loadConfig } = await import('./src/config.ts');
      const { startEmulator } = await import('./src/emulator/server.ts');
      const { createRequire } = await import('node:module');
      const emulator = await startEmulator({ rateLimit: false });
      const gateway = await startGateway(
        loadConfig({ CRITEO_API_URL: emulator.url, CRITEO_CLIENT_ID: 'demo-client-id',
          CRITEO_CLIENT_SECRET: 'demo-client-secret', PORT: '0', LOG_LEVEL: 'silent' }),
        { host: '127.0.0.1' },
      );
      const response = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ me { name } }' }) });
      const loaded = Object.keys(createRequire(import.meta.url).cache)
        .filter((path) => path.includes('@opentelemetry'))
        .map((path) => path.replace(/^.*node_modules\\/(@opentelemetry\\/[^/]+).*$/, '$1'));
      process.stdout.write(JSON.stringify({ status: response.status, loaded: [...new Set(loaded)] }));
      await gateway.stop();
      await emulator.close();
    `;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '--eval', script],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? '' } },
    );
    const outcome = z.object({ status: z.number(), loaded: z.array(z.string()) }).parse(JSON.parse(stdout));
    expect(outcome.status).toBe(200);
    // Only the API facade (a no-op without an SDK) is loaded.
    expect(outcome.loaded.filter((name) => name !== '@opentelemetry/api')).toEqual([]);
  });
});
