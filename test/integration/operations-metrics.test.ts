import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type RunningGateway, startGateway } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { type Emulator, startEmulator } from '../../src/emulator/server.js';

/** One sample of a Prometheus text exposition: `name{label="value",…} number`. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function parseMetrics(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? ([-+\d.eE]+|NaN|[+-]Inf)$/.exec(line);
    if (!match?.[1] || match[3] === undefined) continue;
    const labels = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1] ?? '', m[2] ?? '']),
    );
    samples.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return samples;
}

/** The value of the one sample named `name` whose labels include `labels` (undefined when absent). */
function sampleValue(
  samples: Sample[],
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  const found = samples.filter(
    (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  );
  if (found.length > 1) throw new Error(`${name} ${JSON.stringify(labels)} matches ${found.length} samples`);
  return found[0]?.value;
}

/** Each test that needs its calls to reach the emulator asks for a page size of its own: the read cache is on. */
const pageOf = (first: number) => /* GraphQL */ `
  query AudiencePage {
    audiences(advertiserIds: ["4949"], first: ${first}) {
      edges { node { id segments { ... on Segment { id size { __typename } } } size { __typename } } }
    }
  }
`;

const ResultSchema = z.object({
  data: z.record(z.string(), z.unknown()).nullable().optional(),
  errors: z
    .array(z.object({ message: z.string(), extensions: z.record(z.string(), z.unknown()) }))
    .optional(),
});

describe('/metrics', () => {
  let emulator: Emulator;
  let gateway: RunningGateway;

  async function query(query: string) {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    return ResultSchema.parse(await response.json());
  }

  async function scrape(): Promise<Sample[]> {
    const response = await fetch(gateway.url.replace(/\/graphql$/, '/metrics'));
    expect(response.status).toBe(200);
    return parseMetrics(await response.text());
  }

  /** Upstream calls of the emulator's request log, token requests left out. */
  function upstreamCalls(): Record<string, number> {
    const counts = emulator.requests.countsByOperation();
    delete counts.OAuthToken;
    return counts;
  }

  beforeAll(async () => {
    emulator = await startEmulator({ rateLimit: false });
    gateway = await startGateway(
      loadConfig({
        CRITEO_API_URL: emulator.url,
        CRITEO_CLIENT_ID: 'demo-client-id',
        CRITEO_CLIENT_SECRET: 'demo-client-secret',
        PORT: '0',
        LOG_LEVEL: 'silent',
      }),
      { host: '127.0.0.1' },
    );
  });
  afterAll(async () => {
    await gateway.stop();
    await emulator.close();
  });
  beforeEach(() => emulator.faults.clear());

  it('counts the upstream calls of a known query by operation and status, with their latencies', async () => {
    const result = await query(pageOf(10));
    expect(result.errors).toBeUndefined();
    const calls = upstreamCalls();
    expect(calls).toEqual({
      SearchAudiences: 1,
      SearchAudienceSegments: 1,
      ComputeAudienceSegmentsSizes: 1,
      ComputeAudiencesSizes: 1,
    });

    const metrics = await scrape();
    for (const [operation, count] of Object.entries(calls)) {
      expect(sampleValue(metrics, 'criteo_upstream_calls_total', { operation, status: '200' })).toBe(count);
      expect(sampleValue(metrics, 'criteo_upstream_duration_seconds_count', { operation })).toBe(count);
      expect(sampleValue(metrics, 'criteo_upstream_duration_seconds_sum', { operation })).toBeGreaterThan(0);
      expect(sampleValue(metrics, 'criteo_upstream_retries_total', { operation })).toBeUndefined();
    }
    expect(sampleValue(metrics, 'criteo_token_refreshes_total')).toBe(
      emulator.requests.list('OAuthToken').length,
    );
    expect(sampleValue(metrics, 'criteo_token_refreshes_total')).toBe(1);
    expect(sampleValue(metrics, 'criteo_rate_budget_queue_length')).toBe(0);

    // One batch per loader, of the sizes the emulator received.
    const idsOf = (operationId: string) => emulator.requests.list(operationId)[0]?.ids.length;
    for (const [loader, operationId] of [
      ['segments', 'SearchAudienceSegments'],
      ['segmentSizes', 'ComputeAudienceSegmentsSizes'],
      ['audienceSizes', 'ComputeAudiencesSizes'],
    ] as const) {
      expect(sampleValue(metrics, 'gateway_dataloader_batch_size_count', { loader })).toBe(1);
      expect(sampleValue(metrics, 'gateway_dataloader_batch_size_sum', { loader })).toBe(idsOf(operationId));
    }
    expect(sampleValue(metrics, 'gateway_dataloader_batch_size_sum', { loader: 'audienceSizes' })).toBe(10);

    // GraphQL side: the operation by name.
    const byName = { operationName: 'AudiencePage', operationType: 'query' };
    expect(sampleValue(metrics, 'graphql_envelop_request', byName)).toBe(1);
    expect(sampleValue(metrics, 'graphql_envelop_request_duration_count', byName)).toBe(1);
  });

  it('counts a retry once, and the call once with its final status', async () => {
    const before = await scrape();
    const ok = (s: Sample[]) =>
      sampleValue(s, 'criteo_upstream_calls_total', { operation: 'SearchAudiences', status: '200' }) ?? 0;
    emulator.requests.clear();
    emulator.faults.failNext('SearchAudiences', { kind: 'status', status: 503 });

    const result = await query(pageOf(11));
    expect(result.errors).toBeUndefined();
    expect(emulator.requests.list('SearchAudiences').map((e) => e.status)).toEqual([503, 200]);

    const after = await scrape();
    expect(sampleValue(after, 'criteo_upstream_retries_total', { operation: 'SearchAudiences' })).toBe(1);
    expect(ok(after) - ok(before)).toBe(1);
    expect(
      sampleValue(after, 'criteo_upstream_calls_total', { operation: 'SearchAudiences', status: '503' }),
    ).toBe(undefined);
  });

  it('counts failed calls under their status and GraphQL errors under the operation name', async () => {
    const result = await query(/* GraphQL */ `
      query OtherAdvertiser { audienceSegments(advertiserIds: ["7070"], first: 5) { totalCount } }
    `);
    expect(result.errors?.[0]?.extensions.code).toBe('CRITEO_FORBIDDEN');

    const metrics = await scrape();
    expect(
      sampleValue(metrics, 'criteo_upstream_calls_total', {
        operation: 'SearchAudienceSegments',
        status: '403',
      }),
    ).toBe(1);
    expect(
      sampleValue(metrics, 'graphql_envelop_error_result', {
        operationName: 'OtherAdvertiser',
        operationType: 'query',
        phase: 'execute',
      }),
    ).toBe(1);
  });

  it('reports calls with no response under their error code', async () => {
    const retries = (s: Sample[]) =>
      sampleValue(s, 'criteo_upstream_retries_total', { operation: 'SearchAudiences' }) ?? 0;
    const before = retries(await scrape());
    emulator.faults.failNext('SearchAudiences', { kind: 'connectionReset' }, 10);
    const result = await query(pageOf(12));
    expect(result.errors?.[0]?.extensions.code).toBe('CRITEO_NETWORK_ERROR');
    const metrics = await scrape();
    expect(
      sampleValue(metrics, 'criteo_upstream_calls_total', {
        operation: 'SearchAudiences',
        status: 'CRITEO_NETWORK_ERROR',
      }),
    ).toBe(1);
    // The client's default policy: three retries before giving up.
    expect(retries(metrics) - before).toBe(3);
  });
});

describe('criteo_rate_budget_queue_length', () => {
  it('shows the calls waiting for rate budget', async () => {
    const emulator = await startEmulator({ rateLimit: false });
    const gateway = await startGateway(
      loadConfig({
        CRITEO_API_URL: emulator.url,
        CRITEO_CLIENT_ID: 'demo-client-id',
        CRITEO_CLIENT_SECRET: 'demo-client-secret',
        PORT: '0',
        LOG_LEVEL: 'silent',
        CRITEO_RATE_LIMIT_PER_MINUTE: '1',
        SHUTDOWN_TIMEOUT_MS: '0',
      }),
      { host: '127.0.0.1' },
    );
    try {
      const send = (id: string) =>
        fetch(gateway.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: `{ audience(id: "${id}") { id } }` }),
        }).catch(() => null);
      const first = await send('500001');
      expect(first?.status).toBe(200);
      // The budget is spent for a minute: two more calls wait in its queue.
      void send('500002');
      void send('500003');
      let queued: number | undefined;
      for (let i = 0; i < 200 && queued !== 2; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        const text = await (await fetch(gateway.url.replace(/\/graphql$/, '/metrics'))).text();
        queued = sampleValue(parseMetrics(text), 'criteo_rate_budget_queue_length');
      }
      expect(queued).toBe(2);
    } finally {
      await gateway.stop();
      await emulator.close();
    }
  });
});
