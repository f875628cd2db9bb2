import type { Operation } from '../queries/operation.js';
import type { EmulatorProcess } from './emulator.js';
import { runLoad } from './load.js';
import {
  callsOfOneQuery,
  combine,
  type MeasuredRound,
  measureRound,
  runOnce,
  scalingPoint,
  send,
} from './measure.js';
import type { BenchOptions, LoadQueryName } from './options.js';
import { settleCpu } from './processes.js';
import type { BenchReport } from './results.js';
import type { RunningTarget, TargetSpec } from './targets.js';

/** A target whose process is up for the whole run. */
export interface LiveTarget {
  spec: TargetSpec;
  target: RunningTarget;
  /** Answers `{ _service { sdl } }`: a federation subgraph, so Q3 applies. */
  subgraph: boolean;
}

export interface PhaseContext {
  emulator: EmulatorProcess;
  options: BenchOptions;
  report: BenchReport;
  /** The audiences Q3 asks `_entities` for. */
  q3Ids: string[];
  log(line: string): void;
}

/** Q2 of the main table: the first 50 audiences of both demo advertisers. */
const Q2_ADVERTISERS = ['4949', '5050'];
/** The scaling table pages through advertiser 4949, grown to the largest size asked for. */
export const SCALING_ADVERTISERS = ['4949'];

const message = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';

/** A target with its operations prepared and the calls of one query counted; `error` once a run failed. */
interface ReadyTarget {
  live: LiveTarget;
  operations: Operation[];
  calls: Record<string, number>;
  error?: string;
}

/**
 * `passes` passes over `entries`, one `run` each per pass (A B C A B C), so that whatever else the
 * shared machine does falls on every target alike. An entry whose run fails keeps the error and
 * sits out the later passes.
 */
async function interleave<E extends ReadyTarget>(
  entries: E[],
  passes: number,
  run: (entry: E) => Promise<void>,
) {
  for (let pass = 0; pass < passes; pass++) {
    for (const entry of entries) {
      if (entry.error) continue;
      try {
        await run(entry);
      } catch (error) {
        entry.error = message(error);
      }
    }
  }
}

async function prepare(live: LiveTarget, query: LoadQueryName, q3Ids: string[]) {
  const { queries, name } = live.spec;
  const sendTo = (operation: Operation) => send(live.target.url, operation);
  if (query === 'Q1') return { operations: queries.segmentsPage(50), items: 50 };
  if (query === 'Q2')
    return { operations: await queries.audiencesDeep(50, Q2_ADVERTISERS, sendTo), items: 50 };
  if (!queries.entities)
    return `no equivalent (${name === 'mesh' ? 'Mesh serves no _entities' : 'not a subgraph'})`;
  if (!live.subgraph) return 'n/a (no federation yet: no answer to `_service { sdl }`)';
  return { operations: queries.entities(q3Ids), items: q3Ids.length };
}

/**
 * One query at one latency on every target: check and count each target's calls, warm each up, then
 * `rounds` measured runs per target, interleaved (A B C D A B C D) so that whatever else the shared
 * machine does falls on every target alike.
 */
export async function queryPhase(
  live: LiveTarget[],
  query: LoadQueryName,
  latencyMs: number,
  context: PhaseContext,
) {
  const { emulator, options, report, log } = context;
  const ready: (ReadyTarget & { rounds: MeasuredRound[] })[] = [];
  for (const entry of live) {
    const base = { target: entry.spec.name, query, latencyMs };
    try {
      const prepared = await prepare(entry, query, context.q3Ids);
      if (typeof prepared === 'string') {
        report.runs.push({ ...base, status: 'n/a', reason: prepared, operations: 0 });
        continue;
      }
      const sent = report.sent[entry.spec.name] ?? {};
      sent[query] = prepared.operations;
      report.sent[entry.spec.name] = sent;
      const calls = await callsOfOneQuery(emulator, entry.target.url, prepared.operations, prepared.items);
      if (options.warmupS > 0) {
        await runLoad(entry.target.url, prepared.operations, { ...options, durationS: options.warmupS });
        await settleCpu(entry.target.pid);
      }
      ready.push({ live: entry, operations: prepared.operations, calls, rounds: [] });
    } catch (error) {
      report.runs.push({ ...base, status: 'failed', reason: message(error), operations: 0 });
      log(`  ${entry.spec.name} ${query} @ ${latencyMs} ms: FAILED ${message(error)}`);
    }
  }
  const durationS = options.durationS / options.rounds;
  await interleave(ready, options.rounds, async (entry) => {
    entry.rounds.push(
      await measureRound(emulator, entry.live.target, entry.operations, { ...options, durationS }),
    );
  });
  for (const entry of ready) {
    const base = { target: entry.live.spec.name, query, latencyMs, operations: entry.operations.length };
    if (entry.error) {
      report.runs.push({ ...base, status: 'failed', reason: entry.error });
      continue;
    }
    const measurement = combine(entry.calls, entry.rounds);
    report.runs.push({ ...base, status: 'ok', measurement });
    const { load } = measurement;
    log(
      `  ${entry.live.spec.name.padEnd(16)} ${query} @ ${latencyMs} ms: ${load.queriesPerSecond.toFixed(0)} q/s ` +
        `(rounds ${load.roundsPerSecond.map((r) => r.toFixed(0)).join('/')}), p50 ${load.p50Ms.toFixed(1)} ms, ` +
        `p99 ${load.p99Ms.toFixed(1)} ms, ${measurement.upstreamCallsPerQuery} calls/query ` +
        `(${measurement.upstreamCallsPerQueryUnderLoad.toFixed(2)} under load), ${measurement.peakRssMb?.toFixed(0)} MB` +
        `${load.failed ? `, ${load.failed} failed (${load.firstFailure})` : ''}`,
    );
  }
}

/** Q2 at `items` on every target, one query at a time: calls of one query, then interleaved samples. */
export async function scalingPhase(
  live: LiveTarget[],
  items: number,
  latencyMs: number,
  context: PhaseContext,
) {
  const { emulator, options, report, log } = context;
  const ready: (ReadyTarget & { minimum: number; samples: number[] })[] = [];
  for (const entry of live) {
    try {
      const sendTo = (operation: Operation) => send(entry.target.url, operation);
      const operations = await entry.spec.queries.audiencesDeep(items, SCALING_ADVERTISERS, sendTo);
      const calls = await callsOfOneQuery(emulator, entry.target.url, operations, items);
      ready.push({ live: entry, operations, calls, minimum: await emulator.minimumCalls(), samples: [] });
    } catch (error) {
      report.scaling.push({
        target: entry.spec.name,
        items,
        latencyMs,
        status: 'failed',
        reason: message(error),
        operations: 0,
      });
    }
  }
  await interleave(ready, options.scalingSamples, async (entry) => {
    entry.samples.push((await runOnce(entry.live.target.url, entry.operations, items)).ms);
  });
  for (const entry of ready) {
    const base = { target: entry.live.spec.name, items, latencyMs, operations: entry.operations.length };
    if (entry.error) {
      report.scaling.push({ ...base, status: 'failed', reason: entry.error });
      continue;
    }
    const point = scalingPoint(entry.calls, entry.minimum, entry.samples);
    report.scaling.push({ ...base, status: 'ok', point });
    log(
      `  ${entry.live.spec.name.padEnd(16)} Q2 × ${items} @ ${latencyMs} ms: ${point.upstreamCalls} calls ` +
        `(minimum ${point.minimumCalls}), median ${point.medianMs.toFixed(1)} ms`,
    );
  }
}
