import autocannon from 'autocannon';
import type { Operation } from '../queries/operation.js';

/** One autocannon run: raw numbers, merged across rounds by `summarise`. */
export interface LoadRound {
  /** Queries whose first operation was sent. */
  started: number;
  /** Latency of each completed query (all of its operations, one after the other), ms. */
  latencies: number[];
  /** Queries with a non-200 answer, a GraphQL error, a socket error or a timeout. */
  failed: number;
  /** HTTP requests autocannon completed. */
  httpRequests: number;
  durationS: number;
  /** The first failing answer, to say why. */
  firstFailure: string | null;
}

export interface LoadStats {
  started: number;
  /** Completed queries: every operation answered 200 without a top-level GraphQL error. */
  queries: number;
  queriesPerSecond: number;
  /** Queries per second of each round, to show the noise of a shared machine. */
  roundsPerSecond: number[];
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  maxMs: number;
  failed: number;
  httpRequests: number;
  durationS: number;
  firstFailure: string | null;
}

/** A GraphQL error is a top-level `errors` entry; per-item problems are data and do not count. */
const hasGraphQLError = (body: string) =>
  body.startsWith('{"errors"') || body.includes('"errors":[{"message"');

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * (sorted.length - 1)))] ?? Number.NaN;
}

export function summarise(rounds: LoadRound[]): LoadStats {
  const latencies = rounds.flatMap((r) => r.latencies);
  const sorted = Float64Array.from(latencies).sort();
  const durationS = rounds.reduce((sum, r) => sum + r.durationS, 0);
  return {
    started: rounds.reduce((sum, r) => sum + r.started, 0),
    queries: latencies.length,
    queriesPerSecond: durationS ? latencies.length / durationS : 0,
    roundsPerSecond: rounds.map((r) => (r.durationS ? r.latencies.length / r.durationS : 0)),
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    meanMs: latencies.length ? latencies.reduce((a, b) => a + b, 0) / latencies.length : Number.NaN,
    maxMs: sorted[sorted.length - 1] ?? Number.NaN,
    failed: rounds.reduce((sum, r) => sum + r.failed, 0),
    httpRequests: rounds.reduce((sum, r) => sum + r.httpRequests, 0),
    durationS,
    firstFailure: rounds.find((r) => r.firstFailure)?.firstFailure ?? null,
  };
}

/**
 * Sends the query's operations in order on each of `connections` keep-alive connections for `durationS`
 * seconds (autocannon's `requests` sequence) and times each whole sequence.
 */
export function runLoad(
  url: string,
  operations: Operation[],
  options: { connections: number; durationS: number },
): Promise<LoadRound> {
  const { pathname } = new URL(url);
  const latencies: number[] = [];
  let failed = 0;
  let started = 0;
  let firstFailure: string | null = null;
  const last = operations.length - 1;
  const requests = operations.map((operation, i): autocannon.Request => {
    const request: autocannon.Request = {
      method: 'POST',
      path: pathname,
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: Buffer.from(JSON.stringify(operation)),
      onResponse(status, body, context) {
        if (status !== 200 || hasGraphQLError(body)) {
          if (context.ok) failed++;
          context.ok = false;
          firstFailure ??= `${operation.operationName}: HTTP ${status} ${body.slice(0, 300)}`;
        }
        if (i === last && context.ok && typeof context.start === 'number') {
          latencies.push(performance.now() - context.start);
        }
      },
    };
    // Only the first request stamps the start: autocannon calls setupRequest right before writing it.
    if (i === 0) {
      request.setupRequest = (req, context) => {
        started++;
        context.start = performance.now();
        context.ok = true;
        return req;
      };
    }
    return request;
  });

  const begin = performance.now();
  return new Promise((resolve, reject) => {
    autocannon(
      { url, connections: options.connections, duration: options.durationS, timeout: 30, requests },
      (error, result) => {
        if (error) return reject(error);
        resolve({
          started,
          latencies,
          failed: failed + result.errors + result.timeouts,
          httpRequests: result.requests.total,
          durationS: (performance.now() - begin) / 1000,
          firstFailure: firstFailure ?? (result.errors ? `${result.errors} socket errors` : null),
        });
      },
    );
  });
}
