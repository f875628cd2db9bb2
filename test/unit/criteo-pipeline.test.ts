import { MockAgent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { TokenSource } from '../../src/criteo/auth.js';
import { CriteoError, toErrorExtensions } from '../../src/criteo/errors.js';
import { type CriteoHttpOptions, createCriteoHttp } from '../../src/criteo/http.js';
import type { BudgetGate } from '../../src/criteo/rate-budget.js';

/**
 * The call pipeline of `createCriteoHttp` with its transport injected (undici's MockAgent): the
 * steps that the integration tests against the emulator cannot reach, counted attempt by attempt.
 */

const ORIGIN = 'http://criteo.test';
const PATH = '/2025-10/marketing-solutions/audience-segments/create';
const CREATE = {
  operation: 'CreateAudienceSegments',
  method: 'POST',
  path: '/audience-segments/create',
  body: { data: [] },
  schema: z.object({ data: z.array(z.unknown()) }),
} as const;

let agent: MockAgent | undefined;
afterEach(async () => {
  await agent?.close();
  agent = undefined;
});

type CountedTokens = TokenSource & { gets: number };

function tokensOf(overrides: Partial<TokenSource> = {}): CountedTokens {
  const source: CountedTokens = {
    gets: 0,
    get: () => {
      source.gets += 1;
      return Promise.resolve(`token-${source.gets}`);
    },
    invalidate: () => {},
    ...overrides,
  };
  return source;
}

function pipeline(options: Partial<CriteoHttpOptions> = {}) {
  const mock = new MockAgent();
  mock.disableNetConnect();
  agent = mock;
  const attempts: boolean[] = [];
  const http = createCriteoHttp({
    apiUrl: ORIGIN,
    apiVersion: '2025-10',
    tokens: tokensOf(),
    dispatcher: mock,
    onAttempt: ({ retry }) => attempts.push(retry),
    ...options,
  });
  return { http, attempts, upstream: mock.get(ORIGIN) };
}

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable('the call succeeded'),
    (error: unknown) => {
      if (!(error instanceof CriteoError)) throw error;
      return error;
    },
  );

describe('the Criteo call pipeline', () => {
  it('reports a write whose connection was refused as CRITEO_NOT_SENT, after one attempt', async () => {
    const { http, attempts, upstream } = pipeline();
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    upstream.intercept({ path: PATH, method: 'POST' }).replyWithError(refused);

    const error = await failureOf(http.call(CREATE));

    expect(error).toMatchObject({ code: 'CRITEO_NOT_SENT', notSent: true, status: undefined });
    expect(error.message).toBe(
      'CreateAudienceSegments: not sent (Criteo could not be reached: ECONNREFUSED); Criteo never received it, it is safe to send again',
    );
    expect(attempts).toEqual([false]);
  });

  it('sends nothing and reports CRITEO_NOT_SENT when the rate-budget queue is full', async () => {
    const full = new CriteoError('CRITEO_RATE_LIMITED', 'The upstream call queue is full', {
      operation: 'RateBudget',
    });
    let takes = 0;
    const budget: BudgetGate = {
      take: () => {
        takes += 1;
        return Promise.reject(full);
      },
      shrink: () => Promise.resolve(),
    };
    const { http, attempts } = pipeline({ budget });

    const error = await failureOf(http.call(CREATE));

    expect(error.code).toBe('CRITEO_NOT_SENT');
    expect(error.message).toContain('not sent (the queue of calls waiting for rate budget is full)');
    expect(takes).toBe(1);
    expect(attempts).toEqual([]);
  });

  it('sends nothing and reports CRITEO_NOT_SENT when the token cannot be had', async () => {
    const unreachable = new CriteoError('CRITEO_NETWORK_ERROR', 'OAuthToken: unreachable', {
      operation: 'OAuthToken',
    });
    const { http, attempts } = pipeline({ tokens: tokensOf({ get: () => Promise.reject(unreachable) }) });

    const error = await failureOf(http.call(CREATE));

    expect(error).toMatchObject({ code: 'CRITEO_NOT_SENT', notSent: true });
    expect(error.cause).toMatchObject({ code: 'CRITEO_NETWORK_ERROR', notSent: true });
    expect(attempts).toEqual([]);
  });

  it("sends a caller's own token once: its 401 is CRITEO_UNAUTHENTICATED, not a refresh", async () => {
    const tokens = tokensOf({ refreshable: false });
    const { http, attempts, upstream } = pipeline({ tokens });
    upstream
      .intercept({ path: '/2025-10/marketing-solutions/me', method: 'GET' })
      .reply(401, { errors: [{ code: 'authorization-token-invalid', traceId: 'trace-401' }] })
      .times(2);

    const error = await failureOf(
      http.call({ operation: 'GetCurrentApplication', method: 'GET', path: '/me', schema: z.unknown() }),
    );

    expect(error).toMatchObject({ code: 'CRITEO_UNAUTHENTICATED', status: 401, traceId: 'trace-401' });
    expect(tokens.gets).toBe(1);
    expect(attempts).toEqual([false]);
  });
});

describe('toErrorExtensions', () => {
  it("shows a 429's code, status, trace id and reset, and leaves absent fields out", () => {
    const limited = new CriteoError('CRITEO_RATE_LIMITED', 'X failed with HTTP 429', {
      operation: 'X',
      status: 429,
      traceId: 'trace-1',
      resetAt: 61_500,
    });
    expect(toErrorExtensions(limited, 0)).toEqual({
      code: 'CRITEO_RATE_LIMITED',
      operation: 'X',
      status: 429,
      traceId: 'trace-1',
      resetAt: '1970-01-01T00:01:01.500Z',
      retryAfter: 62,
    });
    const lost = new CriteoError('CRITEO_NETWORK_ERROR', 'X: lost', { operation: 'X' });
    expect(toErrorExtensions(lost)).toEqual({ code: 'CRITEO_NETWORK_ERROR', operation: 'X' });
  });
});
