import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningGateway, startGateway } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createCriteoClient } from '../../src/criteo/client.js';
import { type Emulator, startEmulator } from '../../src/emulator/server.js';
import { createReadinessCheck } from '../../src/observability/readiness.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

async function probe(gateway: RunningGateway, path: '/ready' | '/health') {
  const response = await fetch(gateway.url.replace(/\/graphql$/, path));
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}

describe('/health and /ready', () => {
  let emulator: Emulator;
  let gateway: RunningGateway;
  let port: number;

  beforeAll(async () => {
    emulator = await startEmulator({ rateLimit: false });
    port = (emulator.app.server.address() as AddressInfo).port;
    gateway = await startGateway(
      loadConfig({
        CRITEO_API_URL: emulator.url,
        CRITEO_CLIENT_ID: 'demo-client-id',
        CRITEO_CLIENT_SECRET: 'demo-client-secret',
        PORT: '0',
        LOG_LEVEL: 'silent',
        // These tests follow the upstream from probe to probe.
        READY_CACHE_MS: '0',
      }),
      { host: '127.0.0.1' },
    );
  });
  afterAll(async () => {
    await gateway.stop();
    await emulator.close();
  });

  it('/ready is 200 when a token can be obtained and GET /me answers', async () => {
    emulator.requests.clear();
    expect(await probe(gateway, '/ready')).toEqual({ status: 200, body: { ready: true, status: 'ready' } });
    expect(emulator.requests.countsByOperation()).toMatchObject({ GetCurrentApplication: 1 });
  });

  it('/ready is 503 with a reason while the emulator is down, and 200 again once it is back', async () => {
    await emulator.close();
    const down = await probe(gateway, '/ready');
    expect(down).toEqual({
      status: 503,
      body: {
        ready: false,
        status: 'unavailable',
        check: 'upstream',
        code: 'CRITEO_NETWORK_ERROR',
        reason: expect.stringContaining('GetCurrentApplication'),
      },
    });
    // Liveness does not depend on the upstream.
    expect((await probe(gateway, '/health')).status).toBe(200);

    // A new emulator on the same port: its tokens are signed with another key, so the cached token
    // is refused once (401) and replaced.
    emulator = await startEmulator({ rateLimit: false, port });
    expect(await probe(gateway, '/ready')).toEqual({ status: 200, body: { ready: true, status: 'ready' } });
    expect(emulator.requests.countsByOperation()).toMatchObject({ OAuthToken: 1 });
  });

  it('/ready names the token step when Criteo refuses the credentials', async () => {
    const refused = await startGateway(
      loadConfig({
        CRITEO_API_URL: emulator.url,
        CRITEO_CLIENT_ID: 'demo-client-id',
        CRITEO_CLIENT_SECRET: 'not-the-secret',
        PORT: '0',
        LOG_LEVEL: 'silent',
      }),
      { host: '127.0.0.1' },
    );
    try {
      const result = await probe(refused, '/ready');
      expect(result).toEqual({
        status: 503,
        body: {
          ready: false,
          status: 'unavailable',
          check: 'token',
          code: 'CRITEO_AUTH_FAILED',
          reason: 'OAuthToken: the token request failed (HTTP 401)',
        },
      });
      expect(JSON.stringify(result)).not.toContain('not-the-secret');
    } finally {
      await refused.stop();
    }
  });

  it('a draining gateway is not ready, without asking Criteo', async () => {
    const criteo = createCriteoClient({
      apiUrl: emulator.url,
      apiVersion: emulator.version,
      auth: { credentials: { clientId: 'demo-client-id', clientSecret: 'demo-client-secret' } },
    });
    try {
      emulator.requests.clear();
      const check = createReadinessCheck(criteo, { draining: () => true });
      expect(await check()).toEqual({
        ready: false,
        status: 'draining',
        reason: 'the gateway is shutting down',
      });
      expect(emulator.requests.countsByOperation()).toEqual({});
    } finally {
      await criteo.close();
    }
  });
});

describe('/ready under a flood of probes', () => {
  let test: TestGateway;
  const ready = () => fetch(test.url.replace(/\/graphql$/, '/ready')).then((response) => response.status);

  beforeAll(async () => {
    // An interval longer than the test: every probe after the first is answered from the cache.
    test = await startTestGateway({ env: { READY_CACHE_MS: '60000' } });
  });
  afterAll(() => test.close());

  it('costs one token and one GET /me for 200 concurrent and 200 sequential probes', async () => {
    test.emulator.requests.clear();
    const concurrent = await Promise.all(Array.from({ length: 200 }, ready));
    const sequential: number[] = [];
    for (let i = 0; i < 200; i += 1) sequential.push(await ready());
    expect(new Set([...concurrent, ...sequential])).toEqual(new Set([200]));
    expect(test.emulator.requests.countsByOperation()).toEqual({ OAuthToken: 1, GetCurrentApplication: 1 });
  });

  it('caches a failure too: 100 probes while Criteo fails cost one call', async () => {
    const failing = await startTestGateway({ env: { READY_CACHE_MS: '60000' } });
    try {
      failing.emulator.faults.set('GetCurrentApplication', { errorRate: 1, errorStatus: 500 });
      const statuses = await Promise.all(
        Array.from({ length: 100 }, () =>
          fetch(failing.url.replace(/\/graphql$/, '/ready')).then((response) => response.status),
        ),
      );
      expect(new Set(statuses)).toEqual(new Set([503]));
      expect(failing.emulator.requests.countsByOperation()).toEqual({
        OAuthToken: 1,
        GetCurrentApplication: 1,
      });
    } finally {
      await failing.close();
    }
  });
});
