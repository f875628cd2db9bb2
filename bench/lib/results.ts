import type { Operation } from '../queries/operation.js';
import type { Environment } from './environment.js';
import type { QueryMeasurement, ScalingPoint } from './measure.js';
import type { BenchOptions, QueryName } from './options.js';
import type { ProfileSummary } from './profile.js';
import type { QuotaRun } from './quota.js';
import type { TargetName } from './targets.js';

/** What one run measured (written as JSON beside the Markdown), and the goals computed from it. */

export interface QueryRun {
  target: TargetName;
  query: QueryName;
  latencyMs: number;
  status: 'ok' | 'n/a' | 'failed';
  reason?: string;
  /** GraphQL operations (HTTP requests) one query takes on this target. */
  operations: number;
  measurement?: QueryMeasurement;
}

export interface ScalingRun {
  target: TargetName;
  items: number;
  latencyMs: number;
  status: 'ok' | 'failed';
  reason?: string;
  operations: number;
  point?: ScalingPoint;
}

export interface BenchReport {
  date: string;
  elapsedS: number;
  environment: Environment;
  options: BenchOptions;
  labels: Partial<Record<TargetName, string>>;
  runtimes: Record<string, string>;
  runs: QueryRun[];
  scaling: ScalingRun[];
  /** Q4, users on a real quota: one run per target, each on its own emulator. */
  quota: QuotaRun[];
  goals: Goal[];
  profiles: ProfileSummary[];
  /** Exactly what each target received, per query. */
  sent: Partial<Record<TargetName, Partial<Record<string, Operation[]>>>>;
}

export interface Goal {
  goal: string;
  measured: string;
  met: boolean | null;
}

export const fixed = (n: number | null | undefined, digits = 1) =>
  n === null || n === undefined || Number.isNaN(n)
    ? '–'
    : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
export const whole = (n: number | null | undefined) => fixed(n, 0);

export interface Ratio {
  /** Median of the per-round ratios (round i of one target beside round i of the other). */
  median: number;
  min: number;
  max: number;
}

/**
 * Throughput of `ours` over `theirs`, round by round: rounds of the same index ran seconds apart, so
 * whatever else the shared machine did then weighs on both; the median resists one disturbed round.
 */
export function pairedRatio(ours: QueryRun | undefined, theirs: QueryRun | undefined): Ratio | undefined {
  const a = ours?.status === 'ok' ? ours.measurement?.load.roundsPerSecond : undefined;
  const b = theirs?.status === 'ok' ? theirs.measurement?.load.roundsPerSecond : undefined;
  if (!a || !b || a.length === 0 || a.length !== b.length) return undefined;
  const ratios = a.map((x, i) => x / (b[i] || Number.NaN)).filter((r) => Number.isFinite(r));
  if (ratios.length === 0) return undefined;
  ratios.sort((x, y) => x - y);
  const mid = ratios.length / 2;
  const median =
    ratios.length % 2 ? (ratios[Math.floor(mid)] ?? 0) : ((ratios[mid - 1] ?? 0) + (ratios[mid] ?? 0)) / 2;
  return { median, min: ratios[0] ?? median, max: ratios[ratios.length - 1] ?? median };
}

export const showRatio = (r: Ratio | undefined) =>
  r ? `${fixed(r.median, 2)}× (${fixed(r.min, 2)}–${fixed(r.max, 2)})` : '–';

/** The goals, from this run's numbers only. */
export function evaluateGoals(runs: QueryRun[], scaling: ScalingRun[], latencies: number[]): Goal[] {
  const find = (target: TargetName, query: QueryName, latencyMs: number) =>
    runs.find((r) => r.target === target && r.query === query && r.latencyMs === latencyMs);
  const ratioGoal = (query: QueryName, peer: TargetName, min: number, label: string): Goal => {
    const ratios = latencies.map((latency) => ({
      latency,
      ratio: pairedRatio(find('gateway', query, latency), find(peer, query, latency)),
    }));
    const known = ratios.flatMap((r) => (r.ratio ? [r.ratio] : []));
    return {
      goal: label,
      measured: ratios.map((r) => `${showRatio(r.ratio)} at ${r.latency} ms`).join(', '),
      met: known.length ? known.every((r) => r.median >= min) : null,
    };
  };
  const pointAt = (items: number) =>
    scaling.find((s) => s.target === 'gateway' && s.items === items && s.status === 'ok')?.point;
  const [at10, at100] = [pointAt(10), pointAt(100)];
  const describe = (p: ScalingPoint | undefined, items: number) =>
    p
      ? `${p.upstreamCalls} calls at ${items} items (Criteo's minimum ${p.minimumCalls})`
      : `– at ${items} items`;
  // Peak RSS of the gateway over the passthrough's, the highest of every query and latency measured.
  const peak = (target: TargetName) =>
    Math.max(0, ...runs.filter((r) => r.target === target).map((r) => r.measurement?.peakRssMb ?? 0));
  const [gatewayRss, passthroughRss] = [peak('gateway'), peak('passthrough')];
  return [
    ratioGoal('Q1', 'mesh', 3, 'Q1 throughput ≥ 3× Mesh + Hive Gateway'),
    ratioGoal('Q2', 'mesh', 3, 'Q2 throughput ≥ 3× Mesh + Hive Gateway'),
    ratioGoal('Q1', 'passthrough', 0.95, 'Q1 throughput ≥ 0.95× the bare passthrough'),
    ratioGoal('Q2', 'passthrough', 0.8, 'Q2 throughput ≥ 0.8× the bare passthrough'),
    {
      goal: 'Peak RSS under load ≤ 1.25× the bare passthrough',
      measured:
        gatewayRss && passthroughRss
          ? `${gatewayRss.toFixed(0)} ÷ ${passthroughRss.toFixed(0)} MB = ${fixed(gatewayRss / passthroughRss, 2)}×`
          : '–',
      met: gatewayRss && passthroughRss ? gatewayRss / passthroughRss <= 1.25 : null,
    },
    {
      goal: 'Q2 upstream calls constant up to 100 items (no call per item: only full batches)',
      measured:
        `${describe(at10, 10)}, ${describe(at100, 100)}` +
        (at10 && at100 && at10.upstreamCalls !== at100.upstreamCalls
          ? '; not strictly equal: the extra calls are batches Criteo caps (100 ids per search, 50 per compute-sizes)'
          : ''),
      met:
        at10 && at100
          ? at10.upstreamCalls === at10.minimumCalls && at100.upstreamCalls === at100.minimumCalls
          : null,
    },
  ];
}
