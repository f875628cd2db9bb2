import { type Child, freePort, nodeEntry, spawnNode } from './processes.js';

export const DEMO_CLIENT = { id: 'demo-client-id', secret: 'demo-client-secret' };
export const API_VERSION = '2026-07';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Upstream calls per Criteo operationId; the token endpoint is not counted (one token serves the run). */
export type CallCounts = Record<string, number>;

export const totalCalls = (counts: CallCounts) => Object.values(counts).reduce((a, b) => a + b, 0);

/** The emulator in its own process, driven through its Criteo API and its `/__emulator` control API. */
export interface EmulatorProcess {
  /** `http://127.0.0.1:<port>`: the token endpoint lives here, the API under `/<version>/marketing-solutions`. */
  url: string;
  child: Child;
  clearCalls(): Promise<void>;
  calls(): Promise<CallCounts>;
  /** Answers per HTTP status since the last clear, the token endpoint's included (it is never rate limited). */
  statuses(): Promise<Record<string, number>>;
  /**
   * The fewest calls Criteo's limits allow for the logged requests: per operation, its distinct ids over
   * the batch limit (100 per search, 50 per compute-sizes), plus the calls that carry no ids (page searches).
   */
  minimumCalls(): Promise<number>;
  /** Waits until no upstream call arrived for `quietMs` (requests a load run left in flight drain first). */
  settle(quietMs?: number): Promise<void>;
  /** Fixed latency added to every API call from now on. */
  setLatency(ms: number): Promise<void>;
  token(): Promise<string>;
  api(path: string, token: string, body: unknown): Promise<unknown>;
}

/**
 * Starts `src/emulator/cli.ts` with day-long tokens (Mesh sends a static one) and the rate limit off,
 * unless `rateLimitPerMinute` is set (Q4: Criteo's own 250).
 */
export async function startEmulator(
  latencyMs: number,
  compiled: boolean,
  rateLimitPerMinute = 0,
): Promise<EmulatorProcess> {
  const port = await freePort();
  const child = spawnNode('emulator', [
    ...nodeEntry('src/emulator/cli.ts', compiled),
    ...['--port', String(port), '--rate-limit', String(rateLimitPerMinute), '--token-ttl', '86400'],
    ...['--latency', String(latencyMs)],
  ]);
  const url = `http://127.0.0.1:${port}`;
  const control = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${url}/__emulator${path}`, init);
    if (!response.ok) throw new Error(`emulator ${path}: HTTP ${response.status}`);
    return response.status === 204 ? null : ((await response.json()) as unknown);
  };

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exited()) throw new Error(`emulator exited during startup:\n${child.output()}`);
    const ready = await control('/stats').then(
      () => true,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`emulator did not start:\n${child.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  return {
    url,
    child,
    clearCalls: async () => {
      await control('/requests/clear', { method: 'POST' });
    },
    async calls() {
      const stats = await control('/stats');
      const counts = isRecord(stats) && isRecord(stats.counts) ? stats.counts : {};
      const result: CallCounts = {};
      for (const [operation, n] of Object.entries(counts)) {
        if (operation !== 'OAuthToken' && typeof n === 'number') result[operation] = n;
      }
      return result;
    },
    async statuses() {
      const stats = await control('/stats');
      const statuses = isRecord(stats) && isRecord(stats.statuses) ? stats.statuses : {};
      return Object.fromEntries(
        Object.entries(statuses).flatMap(([status, n]) => (typeof n === 'number' ? [[status, n]] : [])),
      );
    },
    async minimumCalls() {
      const log = await control('/requests');
      const requests = isRecord(log) && Array.isArray(log.requests) ? log.requests : [];
      const ids = new Map<string, Set<string>>();
      let withoutIds = 0;
      for (const request of requests) {
        if (!isRecord(request) || typeof request.operationId !== 'string') continue;
        if (request.operationId === 'OAuthToken') continue;
        const list = Array.isArray(request.ids) ? request.ids.map(String) : [];
        if (list.length === 0) withoutIds++;
        const set = ids.get(request.operationId) ?? new Set<string>();
        for (const id of list) set.add(id);
        ids.set(request.operationId, set);
      }
      let minimum = withoutIds;
      for (const [operation, set] of ids)
        minimum += Math.ceil(set.size / (operation.startsWith('Search') ? 100 : 50));
      return minimum;
    },
    async settle(quietMs = 200) {
      const total = async () => {
        const stats = await control('/stats');
        return isRecord(stats) && typeof stats.total === 'number' ? stats.total : 0;
      };
      const deadline = Date.now() + 30_000;
      let last = await total();
      while (Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, quietMs));
        const now = await total();
        if (now === last) return;
        last = now;
      }
    },
    async setLatency(ms) {
      await control('/faults', {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ '*': { latencyMs: ms } }),
      });
    },
    async token() {
      const response = await fetch(`${url}/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: DEMO_CLIENT.id,
          client_secret: DEMO_CLIENT.secret,
        }),
      });
      const body: unknown = await response.json();
      if (!isRecord(body) || typeof body.access_token !== 'string') throw new Error('emulator: no token');
      return body.access_token;
    },
    async api(path, token, body) {
      const response = await fetch(`${url}/${API_VERSION}/marketing-solutions${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`emulator ${path}: HTTP ${response.status} ${await response.text()}`);
      return (await response.json()) as unknown;
    },
  };
}

function resourceIds(body: unknown): string[] {
  const data = isRecord(body) && Array.isArray(body.data) ? body.data : [];
  return data.flatMap((item: unknown) => (isRecord(item) && typeof item.id === 'string' ? [item.id] : []));
}

/**
 * Grows advertiser 4949 to `total` audiences through Criteo's own `audiences/create` (50 per call), each an
 * `(A OR B) AND C` of its in-market, behavioral and location segments, as the integration tests do.
 */
export async function seedAudiences(emulator: EmulatorProcess, token: string, total: number): Promise<void> {
  const advertiserIds = ['4949'];
  const existing = await emulator.api('/audiences/search?limit=1', token, {
    data: { type: 'Audience', attributes: { advertiserIds } },
  });
  const meta = isRecord(existing) && isRecord(existing.meta) ? existing.meta : {};
  const have = typeof meta.totalItems === 'number' ? meta.totalItems : 0;
  const segments = resourceIds(
    await emulator.api('/audience-segments/search?limit=100', token, {
      data: {
        type: 'AudienceSegment',
        attributes: { advertiserIds, audienceSegmentTypes: ['InMarket', 'Behavioral', 'Location'] },
      },
    }),
  );
  if (segments.length === 0) throw new Error('seed: advertiser 4949 has no segments');
  const leaf = (n: number) => ({ audienceSegmentId: segments[n % segments.length] });
  for (let start = have; start < total; start += 50) {
    const items = Array.from({ length: Math.min(50, total - start) }, (_, k) => {
      const i = start + k;
      return {
        type: 'Audience',
        attributes: {
          advertiserId: '4949',
          name: `Bench audience ${i}`,
          algebra: { and: [{ or: [leaf(i * 7 + 13), leaf(i * 7 + 26)] }, leaf(i * 7 + 39)] },
        },
      };
    });
    const created = await emulator.api('/audiences/create', token, { data: items });
    if (resourceIds(created).length !== items.length) throw new Error(`seed: ${JSON.stringify(created)}`);
  }
}

/** The first `limit` (≤ 100) audience ids the demo application sees, in Criteo's order. */
export async function audienceIds(
  emulator: EmulatorProcess,
  token: string,
  limit: number,
): Promise<string[]> {
  return resourceIds(
    await emulator.api(`/audiences/search?limit=${limit}`, token, {
      data: { type: 'Audience', attributes: { advertiserIds: ['4949', '5050'] } },
    }),
  );
}
