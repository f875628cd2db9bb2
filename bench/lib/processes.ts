import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

/** The repository root: every child runs there, as `npm run` would. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Where `bench/tsconfig.build.json` compiles `src/` and the bench targets. */
export const BUILD_DIR = join('bench', '.build');

/** `node` arguments that run a TypeScript entry: its compiled JS in `bench/.build`, or the source through tsx. */
export function nodeEntry(source: string, compiled: boolean): string[] {
  return compiled ? [join(BUILD_DIR, source.replace(/\.ts$/, '.js'))] : ['--import', 'tsx', source];
}

/**
 * Compiles `src/` and the bench targets with tsc (`tsconfig.build.json`, as `npm run build`, into
 * `bench/.build`) so that every target runs as production would: plain JS, no loader thread.
 */
export async function buildTargets(): Promise<void> {
  rmSync(join(ROOT, BUILD_DIR), { recursive: true, force: true });
  await runNode('tsc', [
    join('node_modules', 'typescript', 'bin', 'tsc'),
    '-p',
    join('bench', 'tsconfig.build.json'),
  ]);
}

/** A port nobody listens on right now (the child binds it a moment later). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || !address) throw new Error('no free port');
  return address.port;
}

export interface Child {
  name: string;
  pid: number;
  /** The last lines the process wrote (stdout and stderr), for failure messages. */
  output(): string;
  exited(): boolean;
  /** Resolves with the exit code (null when killed by a signal). */
  done: Promise<number | null>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

/** Spawns `node <args>` in the repository root with `NODE_ENV=production` and the given environment. */
export function spawnNode(name: string, args: string[], env: Record<string, string> = {}): Child {
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-8_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let gone = false;
  const done = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      gone = true;
      resolve(code);
    });
  });
  if (child.pid === undefined) throw new Error(`${name}: could not spawn node ${args.join(' ')}`);
  return {
    name,
    pid: child.pid,
    output: () => tail,
    exited: () => gone,
    done,
    async stop(graceMs = 10_000) {
      if (gone) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await done;
      clearTimeout(timer);
    },
  };
}

/** Runs `node <args>` to completion; rejects with its output when it fails. */
export async function runNode(name: string, args: string[], env: Record<string, string> = {}): Promise<void> {
  const child = spawnNode(name, args, env);
  if ((await child.done) !== 0) throw new Error(`${name} failed:\n${child.output()}`);
}

/** Waits until `url` answers a GraphQL request, or fails with the child's output. */
export async function waitForGraphQL(url: string, child: Child, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exited()) throw new Error(`${child.name} exited during startup:\n${child.output()}`);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query":"{ __typename }"}',
      });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`${child.name} did not answer at ${url} within ${timeoutMs} ms:\n${child.output()}`);
}

/** Resident set size of a process in MB (`VmRSS`, or `VmHWM` for the peak since it started). */
export function readRssMb(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null; // not Linux, or the process is gone
  }
}

/** Samples a process's RSS every `intervalMs` until stopped; `stop()` returns the highest sample (MB). */
export function sampleRss(pid: number, intervalMs = 100): { stop(): number | null } {
  let peak: number | null = readRssMb(pid);
  const timer = setInterval(() => {
    const rss = readRssMb(pid);
    if (rss !== null && (peak === null || rss > peak)) peak = rss;
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}

/** Linux's USER_HZ: `/proc/<pid>/stat` counts CPU time in hundredths of a second on every Linux ABI. */
const TICKS_PER_SECOND = 100;

/** CPU time a process has used so far (user + system), in ms, or null off Linux. */
export function cpuMs(pid: number): number | null {
  const ticks = cpuTicks(pid);
  return ticks === null ? null : (ticks * 1_000) / TICKS_PER_SECOND;
}

/** CPU time a process has used so far, in clock ticks (`utime + stime`), or null off Linux. */
function cpuTicks(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}

/**
 * Waits until a process stops using CPU (at most one tick per `quietMs`): work a load run leaves behind,
 * such as the errors of queries cut off at its end, must not fall on the next target's run.
 */
export async function settleCpu(pid: number, quietMs = 200, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = cpuTicks(pid);
  while (last !== null && Date.now() < deadline) {
    await sleep(quietMs);
    const now = cpuTicks(pid);
    if (now === null || now - last <= 1) return;
    last = now;
  }
}
