import { CRITEO_CALLS_PER_MINUTE } from '../../src/contract/limits.js';
import { hasRedisServer, startRedis } from '../../test/support/redis.js';
import { type CallCounts, DEMO_CLIENT, type EmulatorProcess, startEmulator, totalCalls } from './emulator.js';
import type { BenchOptions } from './options.js';
import { type Child, freePort, nodeEntry, spawnNode, waitForGraphQL } from './processes.js';
import type { Goal } from './results.js';
import { fixed, whole } from './results.js';
import { startMesh, TARGETS } from './targets.js';
import { runUsers, type UsersOutcome } from './users.js';

/**
 * Q4, "users on a real quota" (issue 16): each target faces Criteo's own limit on a fresh emulator (so
 * both start on a fresh window of 250 calls), with the same users for the same minute. This gateway
 * runs as production does: replicas of `src/main.ts` with production defaults, sharing one Redis.
 */
export const QUOTA = { users: 20, durationS: 60, limitPerMinute: CRITEO_CALLS_PER_MINUTE, replicas: 2 };

export const QUOTA_TARGETS = ['gateway', 'mesh'] as const;
export type QuotaTarget = (typeof QUOTA_TARGETS)[number];

export interface QuotaRun {
  target: QuotaTarget;
  status: 'ok' | 'failed';
  reason?: string;
  /** The processes and their settings. */
  setup: string;
  latencyMs: number;
  outcome?: UsersOutcome;
  /** What the emulator saw: calls by operation (the token's aside) and the 429s it answered. */
  upstream?: { calls: CallCounts; total: number; tooMany: number };
}

interface Deployment {
  urls: string[];
  setup: string;
  stop(): Promise<void>;
}

async function deployGateway(emulator: EmulatorProcess, compiled: boolean): Promise<Deployment> {
  if (!hasRedisServer())
    throw new Error('redis-server is not on PATH (Debian: apt-get install redis-server)');
  const redis = await startRedis();
  const replicas: Child[] = [];
  const stop = async () => {
    await Promise.all(replicas.map((child) => child.stop()));
    await redis.stop();
  };
  try {
    const urls: string[] = [];
    for (let i = 1; i <= QUOTA.replicas; i++) {
      const port = await freePort();
      // Nothing else is set: the budget, the cache, the pools and the logs are production's defaults.
      const env = {
        PORT: String(port),
        CRITEO_API_URL: emulator.url,
        CRITEO_CLIENT_ID: DEMO_CLIENT.id,
        CRITEO_CLIENT_SECRET: DEMO_CLIENT.secret,
        REDIS_URL: redis.url,
      };
      replicas.push(spawnNode(`gateway-replica-${i}`, nodeEntry('src/main.ts', compiled), env));
      urls.push(`http://127.0.0.1:${port}/graphql`);
    }
    await Promise.all(replicas.map((child, i) => waitForGraphQL(urls[i] ?? '', child)));
    const runtime = compiled ? 'tsc-compiled JS' : 'through tsx';
    return {
      urls,
      setup: `${QUOTA.replicas} processes of src/main.ts (${runtime}, NODE_ENV=production, production defaults) on one Redis`,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function deployMesh(emulator: EmulatorProcess, options: BenchOptions, compiled: boolean) {
  const context = {
    emulator,
    token: await emulator.token(),
    upstreamConnections: options.upstreamConnections,
    meshJit: false,
    compiled,
  };
  // Its own supergraph file, composed against this emulator: the main run's stays as its report describes.
  const mesh = await startMesh(context, { supergraph: 'supergraph-q4.graphql' });
  return { urls: [mesh.url], setup: mesh.runtime, stop: () => mesh.child.stop() };
}

const message = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';

/** Q4 on each selected target in turn, at the highest latency asked for; each on its own emulator. */
export async function quotaPhase(
  targets: readonly string[],
  options: BenchOptions,
  compiled: boolean,
  log: (line: string) => void,
): Promise<QuotaRun[]> {
  const latencyMs = Math.max(0, ...options.latencies);
  const runs: QuotaRun[] = [];
  for (const target of QUOTA_TARGETS.filter((name) => targets.includes(name))) {
    const pages = TARGETS[target].queries.userPages;
    if (!pages) throw new Error(`${target} has no Q4 pages`);
    const emulator = await startEmulator(latencyMs, compiled, QUOTA.limitPerMinute);
    let deployment: Deployment | null = null;
    try {
      deployment =
        target === 'gateway'
          ? await deployGateway(emulator, compiled)
          : await deployMesh(emulator, options, compiled);
      log(`Q4 ${target}: ${QUOTA.users} users for ${QUOTA.durationS} s on ${deployment.urls.join(', ')}`);
      const outcome = await runUsers(deployment.urls, pages, QUOTA);
      await emulator.settle();
      const calls = await emulator.calls();
      const tooMany = (await emulator.statuses())['429'] ?? 0;
      const upstream = { calls, total: totalCalls(calls), tooMany };
      runs.push({ target, status: 'ok', setup: deployment.setup, latencyMs, outcome, upstream });
      const { failed } = outcome;
      log(
        `  ${target.padEnd(8)} Q4: ${whole(outcome.answeredPerMinute)} pages answered a minute, failed ` +
          `${failed.upstream429} by 429 + ${failed.rateBudget} by the rate budget + ${failed.other} other, ` +
          `${outcome.cutOff} cut off; ${upstream.total} upstream calls, ${tooMany} answered 429`,
      );
    } catch (error) {
      runs.push({
        target,
        status: 'failed',
        reason: message(error),
        setup: deployment?.setup ?? '',
        latencyMs,
      });
      log(`  ${target} Q4: FAILED ${message(error)}`);
    } finally {
      await deployment?.stop();
      await emulator.child.stop();
    }
  }
  return runs;
}

/** The issue's Q4 goals; none when Q4 did not run. */
export function quotaGoals(runs: QuotaRun[]): Goal[] {
  if (runs.length === 0) return [];
  const outcome = (target: QuotaTarget) => runs.find((r) => r.target === target)?.outcome;
  const [ours, mesh] = [outcome('gateway'), outcome('mesh')];
  const ratio = ours && mesh ? ours.answeredPerMinute / mesh.answeredPerMinute : undefined;
  return [
    {
      goal: 'Q4 answered pages a minute on the real quota ≥ 10× Mesh + Hive Gateway',
      measured:
        ours && mesh
          ? `${whole(ours.answeredPerMinute)} ÷ ${whole(mesh.answeredPerMinute)} = ${Number.isFinite(ratio) ? `${fixed(ratio, 1)}×` : '∞'}`
          : '–',
      met: ratio === undefined ? null : ratio >= 10,
    },
    {
      goal: 'Q4: no page of this gateway fails because of a 429',
      measured: ours
        ? `${ours.failed.upstream429} failed by 429 (upstream 429s: ${runs.find((r) => r.target === 'gateway')?.upstream?.tooMany ?? '–'})`
        : '–',
      met: ours ? ours.failed.upstream429 === 0 : null,
    },
  ];
}
