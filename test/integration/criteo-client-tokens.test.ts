import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createCriteoClient } from '../../src/criteo/client.js';
import { startEmulator } from '../../src/emulator/server.js';
import { API_VERSION, useEmulator } from '../support/criteo-client.js';

describe('CriteoClient token caching', () => {
  const t = useEmulator();

  it('10 sequential calls fetch one token', async () => {
    for (let i = 0; i < 10; i++) await t.client.getCurrentApplication();
    expect(t.emulator.requests.count('GetCurrentApplication')).toBe(10);
    expect(t.emulator.requests.count('OAuthToken')).toBe(1);
  });

  it('100 concurrent calls on a cold client share one token request (single flight)', async () => {
    const results = await Promise.all(Array.from({ length: 100 }, () => t.client.getCurrentApplication()));
    expect(results.every((r) => r?.applicationId === 1001)).toBe(true);
    expect(t.emulator.requests.count('GetCurrentApplication')).toBe(100);
    expect(t.emulator.requests.count('OAuthToken')).toBe(1);
  });
});

describe('CriteoClient token refresh before expiry', () => {
  const t = useEmulator({ tokenTtlSeconds: 1 });

  it('refreshes an expiring token once for 100 concurrent calls', async () => {
    await t.client.getCurrentApplication();
    expect(t.emulator.requests.count('OAuthToken')).toBe(1);
    // The token lives 1 s and the client refreshes it 10% before expiry: past that point, it must refresh.
    await sleep(1200);
    const results = await Promise.allSettled(
      Array.from({ length: 100 }, () => t.client.getCurrentApplication()),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(100);
    expect(t.emulator.requests.count('OAuthToken')).toBe(2);
    const calls = t.emulator.requests.list('GetCurrentApplication');
    expect(calls).toHaveLength(101);
    expect(calls.every((c) => c.status === 200)).toBe(true);
  });
});

describe('token endpoint failures', () => {
  it('reports a token response cut mid-body as CRITEO_NETWORK_ERROR and a 503 as CRITEO_UNAVAILABLE', async () => {
    const emulator = await startEmulator({ rateLimit: false, demoData: false });
    const client = createCriteoClient({
      apiUrl: emulator.url,
      apiVersion: API_VERSION,
      auth: { credentials: { clientId: 'demo-client-id', clientSecret: 'demo-client-secret' } },
    });
    try {
      // Cut once, the call asks again; cut twice, it fails without reaching the API.
      emulator.faults.failNext('OAuthToken', { kind: 'lostResponse' }, 2);
      await expect(client.getCurrentApplication()).rejects.toMatchObject({
        code: 'CRITEO_NETWORK_ERROR',
        operation: 'OAuthToken',
      });
      expect(emulator.requests.count('OAuthToken')).toBe(2);
      expect(emulator.requests.count('GetCurrentApplication')).toBe(0);
      emulator.faults.failNext('OAuthToken', { kind: 'status', status: 503 });
      await expect(client.getCurrentApplication()).rejects.toMatchObject({
        code: 'CRITEO_UNAVAILABLE',
        status: 503,
      });
      await expect(client.getCurrentApplication()).resolves.toMatchObject({ applicationId: 1001 });
    } finally {
      await client.close();
      await emulator.close();
    }
  });
});
