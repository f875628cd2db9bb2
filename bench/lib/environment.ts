import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, release, totalmem, type } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './processes.js';

const PACKAGES = [
  'graphql',
  'graphql-yoga',
  '@pothos/core',
  'dataloader',
  'undici',
  'fastify',
  '@graphql-mesh/compose-cli',
  '@omnigraph/openapi',
  '@graphql-hive/gateway',
  '@graphql-hive/gateway-runtime',
  'autocannon',
  'tsx',
];

export interface Environment {
  machine: string;
  cores: number;
  node: string;
  versions: Record<string, string>;
  git: string;
}

function version(pkg: string): string {
  try {
    const manifest: unknown = JSON.parse(
      readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8'),
    );
    return typeof manifest === 'object' && manifest && 'version' in manifest ? String(manifest.version) : '?';
  } catch {
    return 'missing';
  }
}

function git(): string {
  try {
    const run = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = run('status', '--porcelain').length > 0;
    return `${run('rev-parse', '--short', 'HEAD')}${dirty ? ' + uncommitted changes' : ''}`;
  } catch {
    return 'unknown';
  }
}

export function describeEnvironment(): Environment {
  const cpu = cpus();
  return {
    machine: `${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GB RAM, ${type()} ${release()}`,
    cores: cpu.length,
    node: process.version,
    versions: Object.fromEntries(PACKAGES.map((pkg) => [pkg, version(pkg)])),
    git: git(),
  };
}
