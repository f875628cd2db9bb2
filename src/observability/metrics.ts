import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { ClientCredentialsTokenSource, type TokenSource } from '../criteo/auth.js';
import type { UpstreamResponseEvent } from '../criteo/http.js';
import type { RateBudget } from '../criteo/rate-budget.js';
import type { ReadCache } from '../criteo/read-cache.js';

/** Upstream latency buckets (seconds): Criteo answers searches in tens of ms, compute-sizes in seconds. */
const LATENCY_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20];
/** DataLoader batch sizes: up to 100 ids per search, 50 per compute-sizes. */
const BATCH_BUCKETS = [1, 2, 5, 10, 20, 50, 100];

/**
 * The gateway's own Prometheus registry (never prom-client's global one) with the upstream metrics.
 * `src/criteo` knows nothing of Prometheus: these functions subscribe to the client's hooks.
 */
export function createMetrics() {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry });

  const calls = new Counter({
    name: 'criteo_upstream_calls_total',
    help: 'Criteo API calls by operation and final status (HTTP status, or the error code when no response came), retries included in one call.',
    labelNames: ['operation', 'status'] as const,
    registers,
  });
  const duration = new Histogram({
    name: 'criteo_upstream_duration_seconds',
    help: 'Duration of Criteo API calls, retries and rate-budget waits included.',
    labelNames: ['operation'] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const retries = new Counter({
    name: 'criteo_upstream_retries_total',
    help: 'Criteo API requests sent again (429, 502-504, connection resets, bodies cut mid-way).',
    labelNames: ['operation'] as const,
    registers,
  });
  const batchSizes = new Histogram({
    name: 'gateway_dataloader_batch_size',
    help: 'Keys per DataLoader batch (one upstream call each, or one per key for unbatched loaders).',
    labelNames: ['loader'] as const,
    buckets: BATCH_BUCKETS,
    registers,
  });

  return {
    registry,
    /** Client hook: counts retries. */
    onAttempt(event: { operation: string; retry: boolean }) {
      if (event.retry) retries.inc({ operation: event.operation });
    },
    /** Client hook: one finished call. */
    onResponse(event: UpstreamResponseEvent) {
      const status = event.status === undefined ? (event.error?.code ?? 'error') : String(event.status);
      calls.inc({ operation: event.operation, status });
      duration.observe({ operation: event.operation }, event.durationMs / 1000);
    },
    /** Loader hook: one dispatched batch. */
    onBatch(loader: string, size: number) {
      batchSizes.observe({ loader }, size);
    },
    /** The state shared with the other replicas (`REDIS_URL`): 1 while Redis answers, 0 while each replica is on its own. */
    observeSharedState(status: () => { up: boolean }) {
      new Gauge({
        name: 'gateway_shared_state_up',
        help: 'Whether Redis, where the replicas share the rate budget and the token, answers (1) or not (0: each replica counts its own share and fetches its own token).',
        registers,
        collect() {
          this.set(status().up ? 1 : 0);
        },
      });
    },
    /** Gauges read from the client when Prometheus scrapes: the rate-budget queue and token requests. */
    observeClient(client: { budget: RateBudget | null; tokens: TokenSource; cache: ReadCache | null }) {
      new Gauge({
        name: 'criteo_rate_budget_queue_length',
        help: 'Upstream calls waiting for the client-side rate budget now.',
        registers,
        collect() {
          this.set(client.budget?.queued ?? 0);
        },
      });
      const { cache } = client;
      if (cache) {
        const counted = { hit: 0, shared: 0, miss: 0 };
        new Counter({
          name: 'criteo_read_cache_total',
          help: 'Upstream reads by how they were answered: hit (the read cache), shared (an identical read in flight), miss (a call).',
          labelNames: ['result'],
          registers,
          collect() {
            for (const result of ['hit', 'shared', 'miss'] as const) {
              this.inc({ result }, cache.counts[result] - counted[result]);
              counted[result] = cache.counts[result];
            }
          },
        });
      }
      const { tokens } = client;
      if (!(tokens instanceof ClientCredentialsTokenSource)) return;
      let counted = 0;
      new Counter({
        name: 'criteo_token_refreshes_total',
        help: 'OAuth2 token requests to Criteo (the first one, then each refresh before expiry or after a 401).',
        registers,
        collect() {
          if (tokens.requests > counted) this.inc(tokens.requests - counted);
          counted = tokens.requests;
        },
      });
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
