import { context, propagation, SpanKind, SpanStatusCode, type Tracer, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  ConsoleSpanExporter,
  NodeTracerProvider,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import type { TracingConfig } from '../config.js';
import type { CriteoClientOptions } from '../criteo/client.js';
import type { UpstreamResponseEvent } from '../criteo/http.js';

/**
 * OpenTelemetry tracing. This module is imported only when tracing is configured (`app.ts` loads it
 * dynamically), so without `OTEL_*` variables no OpenTelemetry SDK is loaded at all.
 */
export interface Tracing {
  tracer: Tracer;
  /** Client hooks: a span per upstream call, its status and Criteo's `traceId`, `traceparent` upstream. */
  upstream: Required<Pick<CriteoClientOptions, 'wrapCall' | 'headers' | 'onResponse'>>;
  /** The active trace and span ids, for log lines. */
  logFields(): Record<string, string>;
  /** Flushes the spans not exported yet and unregisters the global provider. */
  shutdown(): Promise<void>;
}

export interface TracingOptions {
  /** Replaces the exporter of the configuration (tests: an in-memory exporter). */
  spanProcessor?: SpanProcessor;
}

export function startTracing(config: TracingConfig, options: TracingOptions = {}): Tracing {
  const exporter =
    config.exporter === 'console'
      ? new ConsoleSpanExporter()
      : new OTLPTraceExporter({ url: config.url, headers: config.headers });
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({
      [ATTR_SERVICE_NAME]: config.serviceName,
      [ATTR_SERVICE_VERSION]: '0.1.0',
    }),
    spanProcessors: [options.spanProcessor ?? new BatchSpanProcessor(exporter)],
  });
  // Async-hooks context manager and the W3C trace-context propagator, for the whole process.
  provider.register();
  const tracer = trace.getTracer('criteo-audience-gateway');

  return {
    tracer,
    upstream: {
      wrapCall: (call, run) =>
        tracer.startActiveSpan(
          `Criteo ${call.operation}`,
          {
            kind: SpanKind.CLIENT,
            attributes: { 'http.request.method': call.method, 'criteo.operation': call.operation },
          },
          async (span) => {
            try {
              return await run();
            } finally {
              span.end();
            }
          },
        ),
      // Runs inside `wrapCall`: the active span is the call's own.
      onResponse: (event: UpstreamResponseEvent) => {
        const span = trace.getActiveSpan();
        if (!span) return;
        if (event.status !== undefined) span.setAttribute('http.response.status_code', event.status);
        if (event.ok) return;
        const error = event.error;
        if (error?.traceId) span.setAttribute('criteo.trace_id', error.traceId);
        if (error?.criteoCode) span.setAttribute('criteo.code', error.criteoCode);
        span.setAttribute('error.type', error?.code ?? 'error');
        span.setStatus({ code: SpanStatusCode.ERROR, message: error?.code ?? 'error' });
      },
      headers: () => {
        const carrier: Record<string, string> = {};
        propagation.inject(context.active(), carrier);
        return carrier;
      },
    },
    logFields(): Record<string, string> {
      const spanContext = trace.getActiveSpan()?.spanContext();
      return spanContext ? { trace_id: spanContext.traceId, span_id: spanContext.spanId } : {};
    },
    async shutdown() {
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}
