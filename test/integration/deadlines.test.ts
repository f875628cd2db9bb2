import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { type GraphQLResponse, startTestGateway, type TestGateway } from '../support/gateway.js';

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
    return (await response.json()) as GraphQLResponse;
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
    expect(await gateway.query('{ me { name } }')).toEqual({ data: { me: { name: expect.any(String) } } });
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
