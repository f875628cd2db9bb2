import { describe, expect, it } from 'vitest';
import { CriteoError } from '../../src/criteo/errors.js';
import type { UpstreamCall } from '../../src/criteo/http.js';
import { ReadCache } from '../../src/criteo/read-cache.js';
import { MemoryReadStore } from '../../src/shared-state/read-store.js';

// Identical reads in flight, when deadlines fire: the sender's, or a waiter's own.

const call = {
  operation: 'SearchAudiences',
  method: 'POST',
  path: '/audiences/search',
  body: { data: { type: 'Audience', attributes: {} } },
  schema: undefined as never,
  idempotent: true,
  status: undefined,
  reads: ['Audience'],
} satisfies UpstreamCall & { reads: readonly ['Audience'] };

function controlled<T>() {
  let resolve: (value: T) => void = () => {};
  let reject: (error: unknown) => void = () => {};
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const newCache = () => new ReadCache({ store: new MemoryReadStore(), ttlMs: 60_000, namespace: 'test' });
/** Lets the store's answers and the flight registration run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('ReadCache, identical reads in flight', () => {
  it('shares one call between concurrent reads and counts the others as cached', async () => {
    const cache = newCache();
    const upstream = controlled<{ n: number }>();
    let sends = 0;
    const send = () => {
      sends += 1;
      return upstream.promise;
    };
    let cached = 0;
    const reads = Array.from({ length: 4 }, () =>
      cache.read(call, { owner: '', onCached: () => (cached += 1) }, send),
    );
    await settle();
    upstream.resolve({ n: 1 });
    expect(await Promise.all(reads)).toEqual([{ n: 1 }, { n: 1 }, { n: 1 }, { n: 1 }]);
    expect(sends).toBe(1);
    expect(cached).toBe(3);
    expect(cache.counts).toEqual({ hit: 0, shared: 3, miss: 1 });
  });

  it('when the sender’s deadline fires, the waiters share one call of their own', async () => {
    const cache = newCache();
    const sender = new AbortController();
    const first = controlled<{ n: number }>();
    const second = controlled<{ n: number }>();
    const calls = [first, second];
    let sends = 0;
    const send = () => {
      const next = calls[sends];
      sends += 1;
      if (!next) throw new Error('a third call');
      return next.promise;
    };
    const abandoned = cache.read(call, { owner: '', signal: sender.signal }, send);
    await settle();
    const waiters = Array.from({ length: 3 }, () => cache.read(call, { owner: '' }, send));
    await settle();
    sender.abort(new Error('deadline'));
    first.reject(sender.signal.reason);
    await expect(abandoned).rejects.toThrow('deadline');
    await settle();
    second.resolve({ n: 2 });
    expect(await Promise.all(waiters)).toEqual([{ n: 2 }, { n: 2 }, { n: 2 }]);
    expect(sends).toBe(2);
  });

  it("a waiter's own deadline ends its wait as a CriteoError, the shared call goes on", async () => {
    const cache = newCache();
    const upstream = controlled<{ n: number }>();
    const sender = cache.read(call, { owner: '' }, () => upstream.promise);
    await settle();
    const waiter = new AbortController();
    const waiting = cache.read(call, { owner: '', signal: waiter.signal }, () => upstream.promise);
    await settle();
    waiter.abort(new Error('deadline'));
    const error = await waiting.catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(CriteoError);
    expect(error).toMatchObject({ code: 'CRITEO_TIMEOUT', operation: 'SearchAudiences' });
    upstream.resolve({ n: 3 });
    expect(await sender).toEqual({ n: 3 });
  });

  it('keeps callers apart: the same call for another owner is a call of its own', async () => {
    const cache = newCache();
    let sends = 0;
    const send = () => {
      sends += 1;
      return Promise.resolve({ owner: sends });
    };
    await cache.read(call, { owner: 'a' }, send);
    expect(await cache.read(call, { owner: 'b' }, send)).toEqual({ owner: 2 });
    expect(await cache.read(call, { owner: 'a' }, send)).toEqual({ owner: 1 });
    expect(sends).toBe(2);
  });
});
