import { readFileSync } from 'node:fs';
import { isRecord } from '../queries/operation.js';

export interface ProfileSummary {
  file: string;
  /** Sampled time that was not idle, ms. */
  busyMs: number;
  idleMs: number;
  functions: { name: string; where: string; selfMs: number; share: number }[];
  packages: { name: string; selfMs: number; share: number }[];
  /** This repository's functions by inclusive time (their callees included): where `src/` spends it. */
  repository: { name: string; where: string; totalMs: number; share: number }[];
}

interface ProfileNode {
  id: number;
  parent?: number;
  functionName: string;
  url: string;
  line: number;
}

/** Who owns a script: an npm package, Node itself, this repository's `src/` or `bench/`. */
function ownerOf(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return pkg;
  if (url.includes('/src/')) return `src/${url.split('/src/')[1]?.split('/')[0] ?? ''}`;
  if (url.includes('/bench/')) return 'bench';
  return url;
}

function parseNodes(profile: Record<string, unknown>): Map<number, ProfileNode> {
  const nodes = new Map<number, ProfileNode>();
  for (const node of Array.isArray(profile.nodes) ? profile.nodes : []) {
    if (!isRecord(node) || typeof node.id !== 'number' || !isRecord(node.callFrame)) continue;
    const frame = node.callFrame;
    nodes.set(node.id, {
      id: node.id,
      functionName:
        typeof frame.functionName === 'string' && frame.functionName ? frame.functionName : '(anonymous)',
      url: typeof frame.url === 'string' ? frame.url : '',
      line: typeof frame.lineNumber === 'number' ? frame.lineNumber + 1 : 0,
    });
  }
  for (const node of Array.isArray(profile.nodes) ? profile.nodes : []) {
    if (!isRecord(node) || typeof node.id !== 'number' || !Array.isArray(node.children)) continue;
    for (const child of node.children) {
      const entry = typeof child === 'number' ? nodes.get(child) : undefined;
      if (entry) entry.parent = node.id;
    }
  }
  return nodes;
}

/** Self time per function and per package of a V8 `.cpuprofile` (what `node --cpu-prof` writes). */
export function summariseProfile(file: string, top = 15): ProfileSummary {
  const profile: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!isRecord(profile)) throw new Error(`${file}: not a CPU profile`);
  const nodes = parseNodes(profile);
  const samples = Array.isArray(profile.samples) ? profile.samples : [];
  const deltas = Array.isArray(profile.timeDeltas) ? profile.timeDeltas : [];
  const byFunction = new Map<string, { name: string; where: string; selfMs: number }>();
  const byPackage = new Map<string, number>();
  const inclusive = new Map<string, { name: string; where: string; totalMs: number }>();
  let idleMs = 0;
  let busyMs = 0;
  samples.forEach((id, i) => {
    const node = typeof id === 'number' ? nodes.get(id) : undefined;
    const next = deltas[i + 1];
    const ms = (typeof next === 'number' ? next : 0) / 1000;
    if (!node) return;
    if (node.functionName === '(idle)') {
      idleMs += ms;
      return;
    }
    busyMs += ms;
    const where = node.url
      ? `${node.url.replace(/^.*?(node_modules|\/src\/|\/bench\/)/, '$1')}:${node.line}`
      : '';
    const key = `${node.functionName} ${where}`;
    const entry = byFunction.get(key) ?? { name: node.functionName, where, selfMs: 0 };
    entry.selfMs += ms;
    byFunction.set(key, entry);
    const owner = ownerOf(node.url, node.functionName);
    byPackage.set(owner, (byPackage.get(owner) ?? 0) + ms);
    // Charge the sample once to every distinct repository function on its stack.
    const seen = new Set<string>();
    for (
      let frame: ProfileNode | undefined = node;
      frame;
      frame = frame.parent ? nodes.get(frame.parent) : undefined
    ) {
      if (!frame.url.includes('/src/') || frame.url.includes('node_modules')) continue;
      const where = `src/${frame.url.split('/src/')[1] ?? ''}`;
      const name = `${frame.functionName} ${where}`;
      if (seen.has(name)) continue;
      seen.add(name);
      const entry = inclusive.get(name) ?? { name: frame.functionName, where, totalMs: 0 };
      entry.totalMs += ms;
      inclusive.set(name, entry);
    }
  });
  const share = (ms: number) => (busyMs ? ms / busyMs : 0);
  return {
    file,
    busyMs,
    idleMs,
    functions: [...byFunction.values()]
      .sort((a, b) => b.selfMs - a.selfMs)
      .slice(0, top)
      .map((f) => ({ ...f, share: share(f.selfMs) })),
    packages: [...byPackage.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, selfMs]) => ({ name, selfMs, share: share(selfMs) })),
    repository: [...inclusive.values()]
      .sort((a, b) => b.totalMs - a.totalMs)
      .slice(0, top)
      .map((f) => ({ ...f, share: share(f.totalMs) })),
  };
}
