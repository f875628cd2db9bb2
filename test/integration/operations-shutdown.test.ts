import { connect } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/server.js';
import {
  type GatewayProcess as Child,
  listeningUrl,
  startGatewayProcess as startChild,
} from '../support/gateway-process.js';

/** Whether a new TCP connection to the port is accepted. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

const SEGMENTS =
  '{ audienceSegments(advertiserIds: ["4949"], first: 3) { totalCount edges { node { ... on Segment { id } } } } }';

describe('graceful shutdown on SIGTERM', () => {
  let emulator: Emulator;
  let child: Child | null = null;

  beforeAll(async () => {
    emulator = await startEmulator({ rateLimit: false });
  });
  afterAll(() => emulator.close());
  afterEach(() => {
    emulator.faults.clear();
    child?.process.kill('SIGKILL');
    child = null;
  });

  async function startGatewayProcess(env: Record<string, string> = {}) {
    child = startChild({
      CRITEO_API_URL: emulator.url,
      CRITEO_CLIENT_ID: 'demo-client-id',
      CRITEO_CLIENT_SECRET: 'demo-client-secret',
      ...env,
    });
    const url = await listeningUrl(child);
    return { child, url, port: Number(new URL(url).port) };
  }

  /** Sends the query; resolves once the emulator holds its upstream call (inside the injected latency). */
  async function inFlightQuery(url: string) {
    emulator.requests.clear();
    const response = fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: SEGMENTS }),
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));
    while (emulator.requests.list('SearchAudienceSegments').length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    // Wrapped: an async function returning the promise itself would wait for it.
    return { response };
  }

  it('lets an in-flight operation finish with its data, refuses new connections, and exits 0', async () => {
    const { child, url, port } = await startGatewayProcess({ SHUTDOWN_TIMEOUT_MS: '20000' });
    emulator.faults.set('SearchAudienceSegments', { latencyMs: 1_000 });
    const { response } = await inFlightQuery(url);
    // Handled at once: if an assertion below fails, the child is killed and this must not go unhandled.
    const pending = response.catch((error: unknown) => ({
      status: 0,
      body: { error: String(error) } as Record<string, unknown>,
    }));

    child.process.kill('SIGTERM');
    await child.line((line) => line.msg === 'shutting down: finishing in-flight requests');
    // The listening socket is closed: a new connection is refused while the operation still runs.
    expect(await accepts(port)).toBe(false);
    expect(emulator.requests.list('SearchAudienceSegments').map((e) => e.status)).toEqual([null]);

    const { status, body } = await pending;
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data).toMatchObject({ audienceSegments: { totalCount: expect.any(Number) } });
    expect(await child.exited).toBe(0);
    expect(child.lines.at(-1)).toMatchObject({ msg: 'stopped', drained: true });
  });

  it('past SHUTDOWN_TIMEOUT_MS, closes the unfinished request and still exits 0', async () => {
    const { child, url } = await startGatewayProcess({ SHUTDOWN_TIMEOUT_MS: '200' });
    emulator.faults.set('SearchAudienceSegments', { latencyMs: 10_000 });
    const { response: pending } = await inFlightQuery(url);
    const outcome = pending.then(
      () => 'answered',
      () => 'connection closed',
    );

    child.process.kill('SIGTERM');
    expect(await child.exited).toBe(0);
    // The process is gone long before the upstream would have answered.
    expect(emulator.requests.list('SearchAudienceSegments').map((e) => e.status)).toEqual([null]);
    expect(await outcome).toBe('connection closed');
    expect(child.lines.map((line) => line.msg)).toContain(
      'shutdown timeout: closing the connections of unfinished requests',
    );
    expect(child.lines.at(-1)).toMatchObject({ msg: 'stopped', drained: false });
  });
});
