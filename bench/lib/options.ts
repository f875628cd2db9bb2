import { parseArgs } from 'node:util';
import { TARGET_NAMES, type TargetName } from './targets.js';

export const QUERY_NAMES = ['Q1', 'Q2', 'Q3', 'Q4'] as const;
export type QueryName = (typeof QUERY_NAMES)[number];
/** The queries autocannon drives on the shared emulator; Q4 runs on its own (`bench/lib/quota.ts`). */
export type LoadQueryName = Exclude<QueryName, 'Q4'>;
export const isLoadQuery = (name: QueryName): name is LoadQueryName => name !== 'Q4';

export interface BenchOptions {
  /** Measured seconds per target × query × latency, split into `rounds` interleaved runs. */
  durationS: number;
  rounds: number;
  warmupS: number;
  connections: number;
  latencies: number[];
  targets: TargetName[];
  queries: QueryName[];
  /** Q2 sizes of the scaling table; empty skips it. */
  scalingItems: number[];
  scalingSamples: number;
  upstreamConnections: number;
  profile: TargetName[];
  meshJit: boolean;
  /** Run the targets and the emulator from source through tsx instead of compiling them first. */
  fromSource: boolean;
  /** Report basename under `bench/results/`. */
  out: string;
}

export const HELP = `npm run bench -- [options]

Starts the Criteo emulator, then each target in its own process on the same emulator, and drives Q1
(a page of 50 segments with their settings), Q2 (a page of 50 audiences with algebra -> segments -> size)
and Q3 (_entities for 100 audiences, when the target is a federation subgraph) with autocannon.
Q4, "users on a real quota", then runs gateway and mesh each on a fresh emulator at Criteo's limit
(250 calls a minute): 20 users load a segment page and an audience page in a loop for 60 s, through
2 gateway replicas (src/main.ts, production defaults) on one Redis (redis-server on PATH), or one Hive
Gateway with its defaults; it takes about 2.5 minutes and ignores --duration, --rounds, --connections.
Writes bench/results/<out>.md and .json.

Options:
  --duration <s>            measured seconds per target x query x latency (default 10)
  --rounds <n>              split them into n runs, interleaved across targets (default 4)
  --warmup <s>              warm-up seconds before each measured run (default 3)
  --connections <n>         concurrent connections of the load generator (default 10)
  --latencies <ms,ms>       emulator latency per API call (default 0,20)
  --targets <a,b>           ${TARGET_NAMES.join(', ')} (default all)
  --queries <a,b>           Q1, Q2, Q3, Q4 (default all; Q4 at the highest of --latencies)
  --scaling <n,n>           Q2 sizes of the scaling table (default 10,100,1000; "none" skips it)
  --scaling-samples <n>     sequential queries per scaling point, median reported (default 5)
  --upstream-connections <n> upstream pool of the gateway and the passthrough (default 64)
  --profile <a,b>           run these targets with --cpu-prof (bench/results/profiles/) and summarise
  --mesh-jit                start Hive Gateway with --jit
  --from-source             skip the tsc build (bench/.build): run the gateway, passthrough and emulator via tsx
  --out <name>              report name (default latest; quick with --quick, profile with --profile)
  --quick                   smoke run: 2 s, 1 round, 1 s warm-up, latency 0 only, scaling 10,100, no Q4
  -h, --help                this help`;

function list(name: string, value: string, allowed?: readonly string[]): string[] {
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  const unknown = allowed ? items.filter((item) => !allowed.includes(item)) : [];
  if (unknown.length)
    throw new Error(`--${name}: unknown ${unknown.join(', ')} (allowed: ${allowed?.join(', ')})`);
  return items;
}

function numbers(name: string, value: string, min: number): number[] {
  return list(name, value).map((item) => {
    const n = Number(item);
    if (!Number.isInteger(n) || n < min)
      throw new Error(`--${name}: "${item}" is not a whole number >= ${min}`);
    return n;
  });
}

const one = (name: string, value: string, min: number) => numbers(name, value, min)[0] ?? min;
const isTarget = (name: string): name is TargetName => (TARGET_NAMES as readonly string[]).includes(name);
const isQuery = (name: string): name is QueryName => (QUERY_NAMES as readonly string[]).includes(name);

/** Parses the CLI; `null` when help was asked for. */
export function parseOptions(argv: string[]): BenchOptions | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      duration: { type: 'string' },
      rounds: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      latencies: { type: 'string' },
      targets: { type: 'string' },
      queries: { type: 'string' },
      scaling: { type: 'string' },
      'scaling-samples': { type: 'string' },
      'upstream-connections': { type: 'string' },
      profile: { type: 'string' },
      'mesh-jit': { type: 'boolean' },
      'from-source': { type: 'boolean' },
      out: { type: 'string' },
      quick: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return null;
  const quick = values.quick ?? false;
  const profile = list('profile', values.profile ?? '', TARGET_NAMES).filter(isTarget);
  const scaling = values.scaling ?? (quick ? '10,100' : '10,100,1000');
  return {
    durationS: one('duration', values.duration ?? (quick ? '2' : '10'), 1),
    rounds: one('rounds', values.rounds ?? (quick ? '1' : '4'), 1),
    warmupS: one('warmup', values.warmup ?? (quick ? '1' : '3'), 0),
    connections: one('connections', values.connections ?? '10', 1),
    latencies: numbers('latencies', values.latencies ?? (quick ? '0' : '0,20'), 0),
    targets: list('targets', values.targets ?? TARGET_NAMES.join(','), TARGET_NAMES).filter(isTarget),
    queries: list(
      'queries',
      values.queries ?? (quick ? 'Q1,Q2,Q3' : QUERY_NAMES.join(',')),
      QUERY_NAMES,
    ).filter(isQuery),
    scalingItems: scaling === 'none' ? [] : numbers('scaling', scaling, 1),
    scalingSamples: one('scaling-samples', values['scaling-samples'] ?? (quick ? '2' : '5'), 1),
    upstreamConnections: one('upstream-connections', values['upstream-connections'] ?? '64', 1),
    profile,
    meshJit: values['mesh-jit'] ?? false,
    fromSource: values['from-source'] ?? false,
    out: list('out', values.out ?? (quick ? 'quick' : profile.length ? 'profile' : 'latest'))[0] ?? 'latest',
  };
}
