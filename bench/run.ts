/**
 * `npm run bench`: this gateway beside GraphQL Mesh + Hive Gateway, a bare yoga passthrough and its own
 * N+1 control, each in its own process on one emulated Criteo API. Never part of `npm test`.
 * `npm run bench -- --help` lists the options; the report goes to `bench/results/latest.md` and `.json`.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { audienceIds, seedAudiences, startEmulator } from './lib/emulator.js';
import { describeEnvironment } from './lib/environment.js';
import { send } from './lib/measure.js';
import { HELP, isLoadQuery, type LoadQueryName, parseOptions } from './lib/options.js';
import { type LiveTarget, queryPhase, scalingPhase } from './lib/phases.js';
import { buildTargets, ROOT, readRssMb } from './lib/processes.js';
import { summariseProfile } from './lib/profile.js';
import { quotaGoals, quotaPhase } from './lib/quota.js';
import { toMarkdown } from './lib/report.js';
import { type BenchReport, evaluateGoals } from './lib/results.js';
import { PROFILE_DIR, TARGETS } from './lib/targets.js';
import { isRecord } from './queries/operation.js';

const began = Date.now();
const log = (line: string) =>
  process.stdout.write(`${`${Math.round((Date.now() - began) / 1000)}s`.padStart(5)} ${line}\n`);

async function isSubgraph(url: string): Promise<boolean> {
  const result = await send(url, { operationName: 'Service', query: 'query Service { _service { sdl } }' });
  const service = result.data?._service;
  return isRecord(service) && typeof service.sdl === 'string';
}

function profiles(report: BenchReport) {
  for (const name of report.options.profile) {
    const dir = join(PROFILE_DIR, name);
    if (!existsSync(dir)) continue;
    // `--cpu-prof` writes one profile per thread: the main thread's is the busiest (tsx's loader idles).
    const [main] = readdirSync(dir)
      .filter((file) => file.endsWith('.cpuprofile'))
      .map((file) => summariseProfile(join(dir, file)))
      .sort((a, b) => b.busyMs - a.busyMs);
    if (main) report.profiles.push({ ...main, file: `${name}: ${main.file.slice(ROOT.length)}` });
  }
}

/** Q1–Q3 and the scaling table: every target in its own process on one emulator, rate limit off. */
async function sharedEmulatorPhases(report: BenchReport, queries: LoadQueryName[], compiled: boolean) {
  const { options } = report;
  const emulator = await startEmulator(options.latencies[0] ?? 0, compiled);
  report.runtimes.emulator = compiled
    ? 'node, tsc-compiled JS (bench/.build)'
    : 'node --import tsx (from source)';
  const live: LiveTarget[] = [];
  try {
    const token = await emulator.token();
    await seedAudiences(emulator, token, Math.max(100, ...options.scalingItems));
    const context = { emulator, options, report, log, q3Ids: await audienceIds(emulator, token, 100) };
    for (const name of options.targets) {
      const spec = TARGETS[name];
      try {
        const target = await spec.start({
          emulator,
          token,
          upstreamConnections: options.upstreamConnections,
          meshJit: options.meshJit,
          compiled,
          profileDir: options.profile.includes(name) ? PROFILE_DIR : undefined,
        });
        const subgraph = spec.queries.entities ? await isSubgraph(target.url) : false;
        live.push({ spec, target, subgraph });
        report.runtimes[name] = target.runtime;
        log(`started ${spec.label} (${name}) at ${target.url}${subgraph ? ', a federation subgraph' : ''}`);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        log(`${name} did not start: ${reason}`);
        report.runs.push({
          target: name,
          query: 'Q1',
          latencyMs: 0,
          status: 'failed',
          reason,
          operations: 0,
        });
      }
    }
    for (const latencyMs of options.latencies) {
      await emulator.setLatency(latencyMs);
      log(`upstream latency ${latencyMs} ms`);
      for (const query of queries) await queryPhase(live, query, latencyMs, context);
      for (const items of options.scalingItems) await scalingPhase(live, items, latencyMs, context);
    }
    for (const { spec, target } of live) {
      log(
        `${spec.name}: peak RSS over the process's life ${readRssMb(target.pid, 'VmHWM')?.toFixed(0) ?? '?'} MB`,
      );
    }
  } finally {
    await Promise.all(live.map(({ target }) => target.child.stop()));
    await emulator.child.stop();
  }
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  if (!options) return process.stdout.write(`${HELP}\n`);
  const startedAt = Date.now();
  const report: BenchReport = {
    date: new Date().toISOString(),
    elapsedS: 0,
    environment: describeEnvironment(),
    options,
    labels: Object.fromEntries(options.targets.map((name) => [name, TARGETS[name].label])),
    runtimes: {},
    runs: [],
    scaling: [],
    quota: [],
    goals: [],
    profiles: [],
    sent: {},
  };
  if (options.profile.length) rmSync(PROFILE_DIR, { recursive: true, force: true });

  let compiled = !options.fromSource;
  if (compiled) {
    log('compiling src/ and the bench targets (bench/tsconfig.build.json)');
    compiled = await buildTargets().then(
      () => true,
      (error: unknown) => {
        // Whatever another change left half-done in src/, the run goes on from source, and says so.
        report.runtimes.build = `tsc failed, ran from source: ${String(error).split('\n').slice(0, 4).join(' ')}`;
        log(report.runtimes.build);
        return false;
      },
    );
  }
  const loadQueries = options.queries.filter(isLoadQuery);
  if (loadQueries.length || options.scalingItems.length) {
    await sharedEmulatorPhases(report, loadQueries, compiled);
  }
  if (options.queries.includes('Q4')) {
    report.quota = await quotaPhase(options.targets, options, compiled, log);
  }

  profiles(report);
  const loadRan = report.runs.length > 0 || report.scaling.length > 0;
  report.goals = [
    ...(loadRan ? evaluateGoals(report.runs, report.scaling, options.latencies) : []),
    ...quotaGoals(report.quota),
  ];
  report.elapsedS = (Date.now() - startedAt) / 1000;
  const results = join(ROOT, 'bench', 'results');
  mkdirSync(results, { recursive: true });
  writeFileSync(join(results, `${options.out}.json`), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(results, `${options.out}.md`), toMarkdown(report));
  log(`\nWrote bench/results/${options.out}.md and .json in ${report.elapsedS.toFixed(0)} s`);
  for (const goal of report.goals) {
    log(`  ${goal.met === null ? 'n/a' : goal.met ? 'met' : 'NOT MET'}: ${goal.goal}: ${goal.measured}`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
