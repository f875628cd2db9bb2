import type { SpanProcessor } from '@opentelemetry/sdk-trace-node';
import type { DestinationStream, Logger } from 'pino';
import type { Config } from '../config.js';
import type { CriteoClientOptions } from '../criteo/client.js';
import type { UpstreamResponseEvent } from '../criteo/http.js';
import { createLogger } from './logger.js';
import { createMetrics, type Metrics } from './metrics.js';
import type { Tracing } from './tracing.js';

export interface ObservabilitySetupOptions {
  /** Where log lines go (default stdout; tests capture them). */
  logDestination?: DestinationStream;
  /** Replaces the configured span exporter (tests: an in-memory one). Only used when tracing is on. */
  spanProcessor?: SpanProcessor;
}

export interface Observability {
  logger: Logger;
  /** Null with `METRICS=false`. */
  metrics: Metrics | null;
  /** Null unless the `OTEL_*` variables turn tracing on. */
  tracing: Tracing | null;
  /** The Criteo client's hooks: metrics, a span and a debug log line per upstream call. */
  clientHooks: Pick<CriteoClientOptions, 'onAttempt' | 'onResponse' | 'wrapCall' | 'headers'>;
}

/** The logger, the metrics and the optional tracing the configuration asks for, and the client hooks that feed them. */
export async function createObservability(
  config: Config,
  options: ObservabilitySetupOptions = {},
): Promise<Observability> {
  const { credentials } = config;
  // Loaded only when configured: without OTEL_* variables no OpenTelemetry SDK is imported.
  const tracing: Tracing | null = config.tracing
    ? (await import('./tracing.js')).startTracing(config.tracing, { spanProcessor: options.spanProcessor })
    : null;
  const logger = createLogger({
    level: config.logLevel,
    destination: options.logDestination,
    secrets: credentials ? [credentials.clientSecret] : [],
    // The scrubber only spots tokens that look like one (Bearer …, a JWT); this header is a token whatever it holds.
    secretHeaders: config.authMode === 'passthrough' ? [config.tokenHeader] : [],
    mixin: tracing?.logFields,
  });
  const metrics = config.metrics ? createMetrics() : null;
  const logUpstream = (event: UpstreamResponseEvent) =>
    logger.debug(
      {
        operation: event.operation,
        method: event.method,
        status: event.status,
        durationMs: Math.round(event.durationMs * 10) / 10,
        ...(event.error ? { code: event.error.code, traceId: event.error.traceId } : {}),
      },
      'upstream call',
    );
  return {
    logger,
    metrics,
    tracing,
    clientHooks: {
      onAttempt: metrics?.onAttempt,
      onResponse: (event) => {
        metrics?.onResponse(event);
        tracing?.upstream.onResponse(event);
        logUpstream(event);
      },
      wrapCall: tracing?.upstream.wrapCall,
      headers: tracing?.upstream.headers,
    },
  };
}
