/** `bench/results/<out>.md`: the report's Markdown, from the results alone. */
import type { CallCounts } from './emulator.js';
import { QUERY_NAMES } from './options.js';
import { quotaSection } from './quota-report.js';
import { type BenchReport, fixed, pairedRatio, type QueryRun, showRatio, whole } from './results.js';
import { TARGET_NAMES } from './targets.js';

const ABBREVIATIONS: Record<string, string> = {
  SearchAudiences: 'aud-search',
  SearchAudienceSegments: 'seg-search',
  ComputeAudiencesSizes: 'aud-sizes',
  ComputeAudienceSegmentsSizes: 'seg-sizes',
};
const breakdown = (calls: CallCounts) =>
  Object.entries(calls)
    .map(([op, n]) => `${n} ${ABBREVIATIONS[op] ?? op}`)
    .join(' + ');

function resultsTable(report: BenchReport, latencyMs: number): string[] {
  const order = (r: QueryRun) => QUERY_NAMES.indexOf(r.query) * 10 + TARGET_NAMES.indexOf(r.target);
  const rows = report.runs.filter((r) => r.latencyMs === latencyMs).sort((a, b) => order(a) - order(b));
  const lines = [
    '| query | target | ops | queries/s | rounds (min–max) | gateway ÷ target (median of rounds, range) | p50 ms | p99 ms | CPU ms / query | upstream calls / query | under load | peak RSS MB | failed |',
    '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const run of rows) {
    const label = report.labels[run.target] ?? run.target;
    if (run.status !== 'ok' || !run.measurement) {
      lines.push(
        `| ${run.query} | ${label} | | ${run.status === 'n/a' ? '' : 'failed: '}${run.reason ?? ''} | | | | | | | | | |`,
      );
      continue;
    }
    const m = run.measurement;
    const ratio = pairedRatio(
      rows.find((r) => r.target === 'gateway' && r.query === run.query),
      run,
    );
    lines.push(
      `| ${run.query} | ${label} | ${run.operations} | ${whole(m.load.queriesPerSecond)} | ${whole(Math.min(...m.load.roundsPerSecond))}–${whole(Math.max(...m.load.roundsPerSecond))} | ${showRatio(ratio)} | ${fixed(m.load.p50Ms)} | ${fixed(m.load.p99Ms)} | ${m.cpuMsPerQuery === null ? '–' : fixed(m.cpuMsPerQuery, 2)} | ${m.upstreamCallsPerQuery} | ${fixed(m.upstreamCallsPerQueryUnderLoad, 2)} | ${whole(m.peakRssMb)} | ${m.load.failed} |`,
    );
  }
  return lines;
}

function scalingTable(report: BenchReport): string[] {
  const latencies = report.options.latencies;
  const lines = [
    `| target | items | ops | upstream calls | Criteo's minimum | by operation | ${latencies.map((l) => `median ms at ${l} ms`).join(' | ')} |`,
    `|---|--:|--:|--:|--:|---|${latencies.map(() => '--:').join('|')}|`,
  ];
  const keys = [...new Set(report.scaling.map((s) => `${s.target}|${s.items}`))];
  for (const key of keys) {
    const points = report.scaling.filter((s) => `${s.target}|${s.items}` === key);
    const first = points.find((p) => p.point) ?? points[0];
    if (!first) continue;
    const label = report.labels[first.target] ?? first.target;
    // Calls can differ by latency: batches form from what has arrived by the end of a tick.
    const counts = [...new Set(points.flatMap((p) => (p.point ? [p.point.upstreamCalls] : [])))];
    const calls =
      counts.length > 1
        ? points.map((p) => `${p.point?.upstreamCalls ?? '–'} at ${p.latencyMs} ms`).join(', ')
        : (counts[0] ?? '–');
    const medians = latencies.map((l) => {
      const p = points.find((s) => s.latencyMs === l);
      return p?.point ? fixed(p.point.medianMs) : p ? `failed: ${p.reason ?? ''}` : '–';
    });
    lines.push(
      `| ${label} | ${first.items.toLocaleString('en-US')} | ${first.operations} | ${calls} | ${first.point?.minimumCalls ?? '–'} | ${first.point ? breakdown(first.point.calls) : ''} | ${medians.join(' | ')} |`,
    );
  }
  return lines;
}

function sentSection(report: BenchReport): string[] {
  const lines: string[] = [];
  for (const [target, queries] of Object.entries(report.sent)) {
    for (const [query, operations] of Object.entries(queries ?? {})) {
      lines.push(
        `<details><summary>${target} · ${query}: ${operations?.length ?? 0} operation(s)</summary>`,
        '',
      );
      for (const op of operations ?? []) {
        const variables = JSON.stringify(op.variables ?? {});
        lines.push(
          '```graphql',
          op.query,
          '```',
          '',
          `variables: \`${variables.length > 400 ? `${variables.slice(0, 400)}…` : variables}\``,
          '',
        );
      }
      lines.push('</details>', '');
    }
  }
  return lines;
}

function profileSection(report: BenchReport): string[] {
  return report.profiles.flatMap((p) => [
    `### ${p.file}`,
    '',
    `Busy ${whole(p.busyMs)} ms, idle ${whole(p.idleMs)} ms. Self time by package:`,
    '',
    ...p.packages.map((x) => `- ${x.name}: ${fixed(x.share * 100)}%`),
    '',
    '| function | where | self ms | share |',
    '|---|---|--:|--:|',
    ...p.functions.map(
      (f) => `| \`${f.name}\` | ${f.where} | ${whole(f.selfMs)} | ${fixed(f.share * 100)}% |`,
    ),
    '',
    ...(p.repository.length
      ? [
          "This repository's functions by inclusive time (callees included; under tsx every line reads 1):",
          '',
          '| function | where | total ms | share |',
          '|---|---|--:|--:|',
          ...p.repository.map(
            (f) => `| \`${f.name}\` | ${f.where} | ${whole(f.totalMs)} | ${fixed(f.share * 100)}% |`,
          ),
          '',
        ]
      : []),
  ]);
}

export function toMarkdown(report: BenchReport): string {
  const { environment: env, options: o } = report;
  const minutes = `${Math.floor(report.elapsedS / 60)} min ${Math.round(report.elapsedS % 60)} s`;
  return [
    '# Benchmark: this gateway beside GraphQL Mesh + Hive Gateway on the emulated Criteo API',
    '',
    `Written by \`npm run bench\` on ${report.date} (the run took ${minutes}).`,
    '',
    `- **Machine:** ${env.machine}. The load generator, the emulator and the target share these cores: compare the ratios inside this file; the absolute numbers are not capacity.`,
    `- **Versions:** Node ${env.node} · ${Object.entries(env.versions)
      .map(([k, v]) => `${k} ${v}`)
      .join(' · ')} · git ${env.git}`,
    `- **Load (Q1–Q3, scaling):** autocannon, ${o.connections} connections, ${o.warmupS} s warm-up then ${o.durationS} s per target × query × latency. Every process runs with \`NODE_ENV=production\`; emulator rate limit off, tokens valid 24 h; the gateway's client-side rate budget, read cache (\`CACHE_TTL_SECONDS=0\`) and GraphiQL off; upstream pools of ${o.upstreamConnections} connections (gateway, passthrough; Mesh uses Node's fetch defaults).`,
    `- **Runtimes:** ${Object.entries(report.runtimes)
      .map(([k, v]) => `${k}: ${v}`)
      .join('; ')}.`,
    '- **Columns:** *ops* = GraphQL operations (HTTP requests) per query; *queries/s* and latencies are per whole query (Mesh Q2 = its two operations back to back); *CPU ms / query* = the CPU time of the target process (user + system, from `/proc`) during the measured runs ÷ queries it answered, steadier than queries/s on a shared machine; *upstream calls / query* = emulator log for one query run alone; *under load* = calls during the measured run ÷ queries started (in-flight deduplication would show here); *peak RSS* = highest RSS of the target process sampled every 100 ms during the measured run.',
    '',
    '## Goals',
    '',
    '| goal | measured | met |',
    '|---|---|---|',
    ...report.goals.map(
      (g) => `| ${g.goal} | ${g.measured} | ${g.met === null ? 'n/a' : g.met ? 'yes' : '**no**'} |`,
    ),
    '',
    ...(report.runs.length ? o.latencies : []).flatMap((latency) => [
      `## Upstream latency ${latency} ms`,
      '',
      ...resultsTable(report, latency),
      '',
    ]),
    ...(report.scaling.length
      ? [
          '## Scaling: Q2 at 10 / 100 / 1,000 items',
          '',
          'One query at a time (no concurrent load): upstream calls of one query, median latency of ' +
            `${o.scalingSamples} sequential queries. Advertiser 4949, grown to 1,000 audiences through Criteo's ` +
            '`audiences/create`; pages of 100 as aliases in one operation (Mesh: its two operations). ' +
            "*Criteo's minimum*: the fewest calls its limits allow for the ids this query needed (distinct ids " +
            '÷ 100 per search, ÷ 50 per compute-sizes, plus one search per page).',
          '',
          ...scalingTable(report),
          '',
        ]
      : []),
    ...quotaSection(report.quota),
    ...(report.profiles.length ? ['## CPU profiles', '', ...profileSection(report)] : []),
    '## Targets and what each received',
    '',
    ...Object.entries(report.labels).map(([name, label]) => `- \`${name}\`: ${label}`),
    '',
    ...sentSection(report),
  ].join('\n');
}
