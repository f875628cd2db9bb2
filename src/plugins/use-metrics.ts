import { usePrometheus } from '@graphql-yoga/plugin-prometheus';
import type { Plugin } from 'graphql-yoga';
import type { Registry } from 'prom-client';

export interface MetricsOptions {
  /** The gateway's own registry (with the upstream metrics of `createMetrics`). */
  registry: Registry;
  /** Default `/metrics`. */
  endpoint?: string;
}

/**
 * Prometheus metrics at `/metrics`: GraphQL requests, their duration and errors by operation name
 * and type, HTTP durations, and whatever else the registry holds (upstream calls, retries, rate
 * budget queue, token refreshes, DataLoader batch sizes, process metrics).
 */
export function useMetrics(options: MetricsOptions): Plugin {
  return usePrometheus({
    registry: options.registry,
    endpoint: options.endpoint ?? '/metrics',
    skipIntrospection: true,
    metrics: {
      graphql_envelop_request: true,
      graphql_envelop_request_duration: true,
      // The histogram above already gives quantiles; a summary per operation would double the series.
      graphql_envelop_request_time_summary: false,
      graphql_envelop_error_result: true,
      graphql_envelop_phase_parse: true,
      graphql_envelop_phase_validate: true,
      graphql_envelop_phase_execute: true,
      graphql_envelop_deprecated_field: true,
      graphql_yoga_http_duration: true,
    },
    // Field paths and URLs would make a series per query shape: unbounded cardinality.
    labels: {
      operationName: true,
      operationType: true,
      phase: true,
      path: false,
      fieldName: false,
      typeName: false,
      url: false,
      method: true,
      statusCode: true,
    },
  });
}
