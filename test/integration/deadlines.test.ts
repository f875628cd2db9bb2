import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import {
  bodyOf,
  type GraphQLResponse,
  readResponse,
  startTestGateway,
  type TestGateway,
} from '../support/gateway.js';

let gateway: TestGateway | undefined;

afterEach(async () => {
  await gateway?.close();
  gateway = undefined;
});

/** `global.gc` without starting the worker with `--expose-gc`: a fresh context picks the flag up. */
function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  const gc: unknown = runInNewContext('gc');
  if (typeof gc !== 'function') throw new Error('gc() could not be exposed');
  return () => gc();
}

/** The client's own timeout, far beyond the gateway's deadline: reaching it means the deadline never fired. */
const CLIENT_TIMEOUT_MS = 30_000;

async function queryWithClientTimeout(
  url: string,
  query: string,
): Promise<GraphQLResponse | 'client timeout'> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), CLIENT_TIMEOUT_MS);
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query }),
      signal: controller.signal,
    });
    return await readResponse(response);
  } catch (error) {
    if (controller.signal.aborted) return 'client timeout';
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

describe('the operation deadline', () => {
  it('answers CRITEO_TIMEOUT for every request waiting on rate budget while garbage collections run', async () => {
    const gc = exposeGc();
    gateway = await startTestGateway({
      env: { CRITEO_RATE_LIMIT_PER_MINUTE: '1', OPERATION_TIMEOUT_MS: '1500' },
    });
    // Spends the one call of the minute: every request after it waits for budget.
    expect(bodyOf(await gateway.query('{ me { name } }'))).toEqual({
      data: { me: { name: expect.any(String) } },
    });
    gateway.resetCalls();

    const collecting = setInterval(gc, 10);
    try {
      const results = await Promise.all(
        Array.from({ length: 10 }, () => queryWithClientTimeout(gateway?.url ?? '', '{ me { name } }')),
      );
      for (const result of results) {
        expect(result).not.toBe('client timeout');
        expect(result).toMatchObject({
          data: { me: null },
          errors: [{ extensions: { code: 'CRITEO_TIMEOUT', operation: 'GetCurrentApplication' } }],
        });
      }
    } finally {
      clearInterval(collecting);
    }
    // None of them reached Criteo.
    expect(gateway.calls()).toEqual({});
  }, 60_000);
});

describe('a 429 whose reset lies beyond the deadline', () => {
  it('fails at once with CRITEO_RATE_LIMITED and the reset time, without retrying', async () => {
    // Criteo's window of one call an hour: the second call's 429 resets about an hour later.
    gateway = await startTestGateway({ emulator: { rateLimit: { limit: 1, windowMs: 3_600_000 } } });
    expect(bodyOf(await gateway.query('{ me { name } }'))).toEqual({
      data: { me: { name: expect.any(String) } },
    });
    gateway.resetCalls();

    const result = await gateway.query('{ me { name } }');
    expect(result.data).toEqual({ me: null });
    const extensions = result.errors?.[0]?.extensions ?? {};
    expect(extensions).toMatchObject({
      code: 'CRITEO_RATE_LIMITED',
      status: 429,
      operation: 'GetCurrentApplication',
      resetAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    // The reset the emulator announced, about an hour from now.
    const resetAt = Date.parse(String(extensions.resetAt));
    expect(resetAt).toBeGreaterThan(Date.now() + 50 * 60_000);
    expect(extensions.retryAfter).toBeGreaterThan(50 * 60);
    expect(result.errors?.[0]?.message).toContain("after this operation's deadline: not retried");
    // One 429, no retry.
    expect(gateway.emulator.requests.list('GetCurrentApplication').map((entry) => entry.status)).toEqual([
      429,
    ]);
  });

  it('still retries a 429 whose reset comes before the deadline', async () => {
    gateway = await startTestGateway();
    // The injected 429 resets within a second; the deadline is 20 s away.
    gateway.emulator.faults.failNext('GetCurrentApplication', { kind: 'rateLimit' });
    expect(bodyOf(await gateway.query('{ me { name } }'))).toEqual({
      data: { me: { name: expect.any(String) } },
    });
    expect(gateway.emulator.requests.list('GetCurrentApplication').map((entry) => entry.status)).toEqual([
      429, 200,
    ]);
  });
});
