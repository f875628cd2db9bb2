import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gatewayQueries } from '../queries/gateway.js';
import { meshQueries } from '../queries/mesh.js';
import type { QuerySet } from '../queries/operation.js';
import { passthroughQueries } from '../queries/passthrough.js';
import { DEMO_CLIENT, type EmulatorProcess } from './emulator.js';
import { type Child, freePort, nodeEntry, ROOT, runNode, spawnNode, waitForGraphQL } from './processes.js';

export const TARGET_NAMES = ['gateway', 'gateway-nobatch', 'passthrough', 'mesh'] as const;
export type TargetName = (typeof TARGET_NAMES)[number];

export interface StartContext {
  emulator: EmulatorProcess;
  /** A day-long token of the demo application, for targets that cannot fetch one (Mesh). */
  token: string;
  upstreamConnections: number;
  /** Write a V8 CPU profile of the target process here (`--cpu-prof`). */
  profileDir?: string;
  meshJit: boolean;
  /** Run the compiled targets of `bench/.build` (else the sources through tsx). */
  compiled: boolean;
}

export interface RunningTarget {
  url: string;
  pid: number;
  /** How the process runs, for the report. */
  runtime: string;
  child: Child;
}

export interface TargetSpec {
  name: TargetName;
  label: string;
  queries: QuerySet;
  start(context: StartContext): Promise<RunningTarget>;
}

export const PROFILE_DIR = join(ROOT, 'bench', 'results', 'profiles');

/** One directory per target: `--cpu-prof` writes a profile per thread (tsx's loader has its own). */
function profileArgs(name: string, context: StartContext): string[] {
  if (!context.profileDir) return [];
  const dir = join(context.profileDir, name);
  mkdirSync(dir, { recursive: true });
  return ['--cpu-prof', `--cpu-prof-dir=${dir}`];
}

function binOf(pkg: string): string {
  const manifest: unknown = JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8'));
  const bin = typeof manifest === 'object' && manifest && 'bin' in manifest ? manifest.bin : null;
  const path = typeof bin === 'string' ? bin : typeof bin === 'object' && bin ? Object.values(bin)[0] : null;
  if (typeof path !== 'string') throw new Error(`${pkg} has no bin`);
  return join('node_modules', pkg, path);
}

async function listen(name: TargetName, args: string[], env: Record<string, string>, runtime: string) {
  const port = await freePort();
  const child = spawnNode(name, args, { PORT: String(port), ...env });
  const url = `http://127.0.0.1:${port}/graphql`;
  await waitForGraphQL(url, child);
  return { url, pid: child.pid, runtime, child };
}

const upstreamEnv = (context: StartContext) => ({
  CRITEO_API_URL: context.emulator.url,
  CRITEO_CLIENT_ID: DEMO_CLIENT.id,
  CRITEO_CLIENT_SECRET: DEMO_CLIENT.secret,
  CRITEO_MAX_CONNECTIONS: String(context.upstreamConnections),
  CRITEO_RATE_LIMIT_PER_MINUTE: '0',
});

const runtime = (context: StartContext) =>
  context.compiled ? 'node, tsc-compiled JS (bench/.build)' : 'node --import tsx (from source)';

function gatewayTarget(name: TargetName, label: string, batch: boolean): TargetSpec {
  return {
    name,
    label,
    queries: gatewayQueries,
    start: (context) =>
      listen(
        name,
        [
          ...profileArgs(name, context),
          ...nodeEntry('bench/targets/gateway.ts', context.compiled),
          ...(batch ? [] : ['--no-batch']),
        ],
        upstreamEnv(context),
        runtime(context),
      ),
  };
}

export interface MeshSetup {
  /** File name under `bench/.mesh/`: a run of its own composes against its own emulator. */
  supergraph: string;
  /** Hive Gateway config file; absent, the CLI's defaults (no `gateway.config.*` in the root). */
  config?: string;
}

/** Composes the Mesh supergraph against the context's emulator, then serves it with one Hive Gateway process. */
export async function startMesh(context: StartContext, setup: MeshSetup): Promise<RunningTarget> {
  const supergraph = join('bench', '.mesh', setup.supergraph);
  mkdirSync(join(ROOT, 'bench', '.mesh'), { recursive: true });
  await runNode(
    'mesh-compose',
    [
      '--import',
      'tsx',
      binOf('@graphql-mesh/compose-cli'),
      '-c',
      'bench/targets/mesh.config.ts',
      '-o',
      supergraph,
    ],
    { CRITEO_API_URL: context.emulator.url },
  );
  const port = await freePort();
  const args = [
    ...profileArgs('mesh', context),
    binOf('@graphql-hive/gateway'),
    ...['supergraph', supergraph, ...(setup.config ? ['-c', setup.config] : [])],
    ...['--host', '127.0.0.1', '--port', String(port), '--fork', '1'],
    ...(context.meshJit ? ['--jit'] : []),
  ];
  const child = spawnNode('mesh', args, { CRITEO_TOKEN: context.token });
  const url = `http://127.0.0.1:${port}/graphql`;
  await waitForGraphQL(url, child);
  const settings = setup.config ? '' : ', its default settings';
  return {
    url,
    pid: child.pid,
    runtime: `hive-gateway CLI, 1 process${context.meshJit ? ', --jit' : ''}${settings}`,
    child,
  };
}

export const TARGETS: Record<TargetName, TargetSpec> = {
  gateway: gatewayTarget('gateway', 'this gateway', true),
  'gateway-nobatch': gatewayTarget('gateway-nobatch', 'this gateway, batching off (N+1 control)', false),
  passthrough: {
    name: 'passthrough',
    label: 'bare graphql-yoga + undici passthrough',
    queries: passthroughQueries,
    start: (context) =>
      listen(
        'passthrough',
        [
          ...profileArgs('passthrough', context),
          ...nodeEntry('bench/targets/passthrough.ts', context.compiled),
        ],
        upstreamEnv(context),
        runtime(context),
      ),
  },
  mesh: {
    name: 'mesh',
    label: `GraphQL Mesh v1 + Hive Gateway`,
    queries: meshQueries,
    start: (context) =>
      startMesh(context, {
        supergraph: 'supergraph.graphql',
        config: 'bench/targets/mesh-gateway.config.ts',
      }),
  },
};
