/** The Markdown of Q4, users on a real quota: one row per target, then what its failures looked like. */
import { QUOTA, type QuotaRun } from './quota.js';
import { fixed, whole } from './results.js';
import { FAILURE_CAUSES, type FailureCause } from './users.js';

const CAUSES: Record<FailureCause, string> = {
  upstream429: 'a 429 from Criteo',
  rateBudget:
    "held for the gateway's rate budget past the operation's deadline, or refused by its full queue",
  other: 'anything else',
};

const LABELS: Record<QuotaRun['target'], string> = {
  gateway: `this gateway, ${QUOTA.replicas} replicas on Redis`,
  mesh: 'GraphQL Mesh v1 + Hive Gateway',
};

export function quotaSection(runs: QuotaRun[]): string[] {
  if (runs.length === 0) return [];
  const latency = runs[0]?.latencyMs ?? 0;
  const lines = [
    '## Q4: users on a real quota',
    '',
    `Each target on a fresh emulator that enforces Criteo's own limit (${QUOTA.limitPerMinute} calls a minute per ` +
      `application, a fixed window opened by the first call; upstream latency ${latency} ms), so both face the ` +
      `same quota. ${QUOTA.users} simulated users, each loading the segment page (50 segments of advertiser 4949 ` +
      'with name, type, description, last change and size) then the audience page (50 audiences of both demo ' +
      'advertisers with their size and the segments of their algebra) in a loop with no pause, for ' +
      `${QUOTA.durationS} s; a failed page is loaded again at once. This gateway: ${QUOTA.replicas} processes of ` +
      `\`src/main.ts\` sharing one Redis (\`REDIS_URL\`), ${QUOTA.users / QUOTA.replicas} users each, every other ` +
      'setting its production default (rate budget 250 a minute, shared on Redis). Mesh: one Hive Gateway process ' +
      "with its defaults; its client sends each page as two operations, the second built from the first's answer. " +
      'A page is *answered* when every operation of it is answered without a GraphQL error; pages still loading ' +
      'at the end are *cut off*. The documents are in `bench/queries/gateway.ts` and `bench/queries/mesh.ts` ' +
      '(`userPages`).',
    '',
    '| target | processes | pages answered | answered / min | failed: 429 | failed: rate budget | failed: other | cut off | answered per 10 s | p50 ms | p99 ms | upstream calls | upstream 429s |',
    '|---|---|--:|--:|--:|--:|--:|--:|---|--:|--:|--:|--:|',
  ];
  for (const run of runs) {
    const o = run.outcome;
    if (run.status !== 'ok' || !o) {
      lines.push(
        `| ${LABELS[run.target]} | ${run.setup} | failed: ${run.reason ?? ''} | | | | | | | | | | |`,
      );
      continue;
    }
    lines.push(
      `| ${LABELS[run.target]} | ${run.setup} | ${whole(o.answered)} | ${whole(o.answeredPerMinute)} | ` +
        `${whole(o.failed.upstream429)} | ${whole(o.failed.rateBudget)} | ${whole(o.failed.other)} | ${whole(o.cutOff)} | ` +
        `${o.answeredPer10s.join(' · ')} | ${fixed(o.p50Ms)} | ${fixed(o.p99Ms)} | ` +
        `${whole(run.upstream?.total)} | ${whole(run.upstream?.tooMany)} |`,
    );
  }
  lines.push(
    '',
    "Failures by cause (from the errors' `extensions`: this gateway's `code` and `status`, Mesh's `response.status`), the first of each:",
    '',
  );
  for (const run of runs) {
    for (const cause of FAILURE_CAUSES) {
      const example = run.outcome?.examples[cause];
      if (example)
        lines.push(`- ${LABELS[run.target]}, ${CAUSES[cause]}: \`${example.replaceAll('`', "'")}\``);
    }
  }
  return [...lines, ''];
}
