import { countItems, type GraphQLResult, isRecord, type Operation } from '../queries/operation.js';
import { type CallCounts, type EmulatorProcess, totalCalls } from './emulator.js';
import { type LoadRound, type LoadStats, runLoad, summarise } from './load.js';
import { cpuMs, sampleRss, settleCpu } from './processes.js';

export async function send(url: string, operation: Operation): Promise<GraphQLResult> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify(operation),
  });
  const body: unknown = await response.json();
  if (!isRecord(body)) throw new Error(`${operation.operationName}: HTTP ${response.status}, not JSON`);
  return body;
}

/** Runs a query's operations one after the other; fails on any GraphQL error or a wrong item count. */
export async function runOnce(url: string, operations: Operation[], expectedItems: number) {
  const started = performance.now();
  const results: GraphQLResult[] = [];
  for (const operation of operations) {
    const result = await send(url, operation);
    if (result.errors?.length) {
      throw new Error(`${operation.operationName}: ${result.errors.map((e) => e.message).join('; ')}`);
    }
    results.push(result);
  }
  const ms = performance.now() - started;
  const items = countItems(results);
  if (items !== expectedItems) throw new Error(`expected ${expectedItems} distinct items, got ${items}`);
  return { results, ms };
}

/** Upstream calls of one query run alone (in-flight calls of earlier runs drained, the log cleared). */
export async function callsOfOneQuery(
  emulator: EmulatorProcess,
  url: string,
  operations: Operation[],
  expectedItems: number,
): Promise<CallCounts> {
  await emulator.settle();
  await emulator.clearCalls();
  await runOnce(url, operations, expectedItems);
  return emulator.calls();
}

export interface MeasuredRound {
  round: LoadRound;
  peakRssMb: number | null;
  /** CPU time the target used for the round, its tail of cut-off queries included (null off Linux). */
  cpuMs: number | null;
  /** Every upstream call the round caused, including those of queries cut off at its end. */
  upstreamCalls: number;
}

/** One measured autocannon run with the target's RSS sampled every 100 ms. */
export async function measureRound(
  emulator: EmulatorProcess,
  target: { url: string; pid: number },
  operations: Operation[],
  options: { connections: number; durationS: number },
): Promise<MeasuredRound> {
  await emulator.settle();
  await emulator.clearCalls();
  const rss = sampleRss(target.pid);
  const cpuBefore = cpuMs(target.pid);
  const round = await runLoad(target.url, operations, options);
  const peakRssMb = rss.stop();
  await Promise.all([emulator.settle(), settleCpu(target.pid)]);
  const cpuAfter = cpuMs(target.pid);
  const cpu = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;
  return { round, peakRssMb, cpuMs: cpu, upstreamCalls: totalCalls(await emulator.calls()) };
}

export interface QueryMeasurement {
  load: LoadStats;
  /** Upstream calls of one query run alone, by Criteo operation. */
  calls: CallCounts;
  upstreamCallsPerQuery: number;
  /** Upstream calls of the measured rounds ÷ queries started (in-flight deduplication would show here). */
  upstreamCallsPerQueryUnderLoad: number;
  peakRssMb: number | null;
  /**
   * The target's CPU time ÷ queries it answered: steadier than queries/s on a shared machine, as
   * other processes' load lengthens the run but not the CPU the target itself spends.
   */
  cpuMsPerQuery: number | null;
}

export function combine(calls: CallCounts, rounds: MeasuredRound[]): QueryMeasurement {
  const load = summarise(rounds.map((r) => r.round));
  const peaks = rounds.flatMap((r) => (r.peakRssMb === null ? [] : [r.peakRssMb]));
  const upstream = rounds.reduce((sum, r) => sum + r.upstreamCalls, 0);
  return {
    load,
    calls,
    upstreamCallsPerQuery: totalCalls(calls),
    upstreamCallsPerQueryUnderLoad: load.started ? upstream / load.started : Number.NaN,
    peakRssMb: peaks.length ? Math.max(...peaks) : null,
    cpuMsPerQuery: cpuPerQuery(rounds, load.queries),
  };
}

function cpuPerQuery(rounds: MeasuredRound[], queries: number): number | null {
  if (queries === 0 || rounds.some((r) => r.cpuMs === null)) return null;
  return rounds.reduce((sum, r) => sum + (r.cpuMs ?? 0), 0) / queries;
}

export interface ScalingPoint {
  calls: CallCounts;
  upstreamCalls: number;
  /** The fewest calls Criteo's batch limits allow for the same ids (see `EmulatorProcess.minimumCalls`). */
  minimumCalls: number;
  /** Median latency of `samples` queries sent one at a time (no concurrent load), ms. */
  medianMs: number;
  samplesMs: number[];
}

export function scalingPoint(calls: CallCounts, minimumCalls: number, samplesMs: number[]): ScalingPoint {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  return {
    calls,
    upstreamCalls: totalCalls(calls),
    minimumCalls,
    medianMs: sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN,
    samplesMs,
  };
}
