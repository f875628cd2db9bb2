import { type GraphQLResult, isRecord, type Operation, type UserPages } from '../queries/operation.js';

/**
 * Q4's simulated users: each loads the segment page, then the audience page, in a loop, with no pause
 * (a failed page is loaded again at once), until the run's end; pages still loading then are cut off.
 */

/** Why a page failed, from the GraphQL errors it got. */
export type FailureCause = 'upstream429' | 'rateBudget' | 'other';
export const FAILURE_CAUSES: readonly FailureCause[] = ['upstream429', 'rateBudget', 'other'];

export interface UsersOutcome {
  users: number;
  durationS: number;
  /** Pages whose first operation was sent. */
  started: number;
  /** Pages whose every operation was answered without a GraphQL error. */
  answered: number;
  answeredPerMinute: number;
  failed: Record<FailureCause, number>;
  /** Pages still loading when the run ended: neither answered nor failed. */
  cutOff: number;
  /** Answered pages in each 10 s of the run: how the answers spread over the quota's minute. */
  answeredPer10s: number[];
  /** Latency of answered pages (all of their operations), ms. */
  p50Ms: number;
  p99Ms: number;
  /** The first failure of each cause, as the user got it. */
  examples: Partial<Record<FailureCause, string>>;
}

class PageFailure extends Error {
  constructor(
    readonly reason: FailureCause,
    readonly detail: string,
  ) {
    super(detail);
  }
}

/**
 * This gateway's codes (README: error codes): Criteo's status 429 on CRITEO_RATE_LIMITED is a 429 that
 * reached the user; CRITEO_RATE_LIMITED without it (a full queue) or CRITEO_TIMEOUT is a call held for
 * the rate budget past the operation's deadline (the emulator answers in milliseconds: nothing else
 * times out). Mesh passes Criteo's answer on in `extensions.response.status`.
 */
function causeOf(error: unknown): FailureCause {
  const extensions = isRecord(error) && isRecord(error.extensions) ? error.extensions : {};
  const response = isRecord(extensions.response) ? extensions.response : {};
  if (extensions.status === 429 || response.status === 429) return 'upstream429';
  if (extensions.code === 'CRITEO_RATE_LIMITED' || extensions.code === 'CRITEO_TIMEOUT') return 'rateBudget';
  return 'other';
}

/** A page's cause: a 429 anywhere in its errors wins, then the rate budget; the detail quotes that error. */
function failureOf(operationName: string, errors: unknown[]): PageFailure {
  const causes = errors.map(causeOf);
  const cause = FAILURE_CAUSES.find((c) => causes.includes(c)) ?? 'other';
  const error = errors[causes.indexOf(cause)];
  const extensions = isRecord(error) && isRecord(error.extensions) ? error.extensions : {};
  const text = isRecord(error) && typeof error.message === 'string' ? error.message : 'no data, no error';
  const code = typeof extensions.code === 'string' ? `${extensions.code} ` : '';
  return new PageFailure(cause, `${operationName}: ${code}${text.slice(0, 200)}`);
}

async function post(url: string, operation: Operation, signal: AbortSignal): Promise<GraphQLResult> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify(operation),
    signal,
  });
  const text = await response.text();
  const body: unknown = (() => {
    try {
      return JSON.parse(text);
    } catch {
      return null;
    }
  })();
  if (!isRecord(body))
    throw new PageFailure(
      'other',
      `${operation.operationName}: HTTP ${response.status} ${text.slice(0, 200)}`,
    );
  const errors = Array.isArray(body.errors) ? body.errors : [];
  if (errors.length || !isRecord(body.data)) throw failureOf(operation.operationName, errors);
  return { data: body.data };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * (sorted.length - 1)))] ?? Number.NaN;
}

/** `users` users for `durationS` seconds, user i on `urls[i % urls.length]`. */
export async function runUsers(
  urls: string[],
  pages: UserPages,
  options: { users: number; durationS: number },
): Promise<UsersOutcome> {
  const failed: Record<FailureCause, number> = { upstream429: 0, rateBudget: 0, other: 0 };
  const examples: Partial<Record<FailureCause, string>> = {};
  const answeredPer10s = Array.from({ length: Math.ceil(options.durationS / 10) }, () => 0);
  const latencies: number[] = [];
  let started = 0;
  let cutOff = 0;
  // One controller per request, not one signal for all: fetch leaves its listener on a signal it was given.
  const inFlight = new Set<AbortController>();
  let ended = false;
  const began = performance.now();
  const deadline = began + options.durationS * 1_000;
  const timer = setTimeout(() => {
    ended = true;
    for (const controller of inFlight) controller.abort();
  }, options.durationS * 1_000);

  async function user(url: string) {
    const send = async (operation: Operation) => {
      // A page's later operation after the end: the page is cut off, like one in flight.
      if (ended) throw new Error('the run ended');
      const controller = new AbortController();
      inFlight.add(controller);
      try {
        return await post(url, operation, controller.signal);
      } finally {
        inFlight.delete(controller);
      }
    };
    while (performance.now() < deadline) {
      for (const page of [pages.segmentPage, pages.audiencePage]) {
        if (performance.now() >= deadline) return;
        started++;
        const start = performance.now();
        try {
          await page(send);
          const now = performance.now();
          latencies.push(now - start);
          const bucket = Math.min(answeredPer10s.length - 1, Math.floor((now - began) / 10_000));
          answeredPer10s[bucket] = (answeredPer10s[bucket] ?? 0) + 1;
        } catch (error) {
          if (ended) {
            cutOff++;
            continue;
          }
          const failure =
            error instanceof PageFailure ? error : new PageFailure('other', String(error).slice(0, 300));
          failed[failure.reason]++;
          examples[failure.reason] ??= failure.detail;
        }
      }
    }
  }

  try {
    await Promise.all(Array.from({ length: options.users }, (_, i) => user(urls[i % urls.length] ?? '')));
  } finally {
    clearTimeout(timer);
  }
  latencies.sort((a, b) => a - b);
  return {
    users: options.users,
    durationS: options.durationS,
    started,
    answered: latencies.length,
    answeredPerMinute: latencies.length / (options.durationS / 60),
    failed,
    cutOff,
    answeredPer10s,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    examples,
  };
}
