import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CriteoError } from '../../src/criteo/errors.js';
import { RateBudget } from '../../src/criteo/rate-budget.js';

describe('RateBudget', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('admits `limit` calls per window at once and queues the rest in order', async () => {
    const budget = new RateBudget({ limit: 3, windowMs: 1_000, marginMs: 0 });
    const started: [number, number][] = [];
    const calls = Array.from({ length: 7 }, (_, i) =>
      budget.take().then(() => started.push([i, Date.now()])),
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(started).toEqual([
      [0, 0],
      [1, 0],
      [2, 0],
    ]);
    expect(budget.queued).toBe(4);
    await vi.advanceTimersByTimeAsync(2_000);
    await Promise.all(calls);
    expect(started.map(([i]) => i)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(started.map(([, at]) => at)).toEqual([0, 0, 0, 1_000, 1_000, 1_000, 2_000]);
  });

  it('never lets more than `limit` calls start in any window', async () => {
    const budget = new RateBudget({ limit: 5, windowMs: 1_000, marginMs: 0 });
    const starts: number[] = [];
    const calls: Promise<void>[] = [];
    for (let i = 0; i < 40; i++) {
      calls.push(budget.take().then(() => void starts.push(Date.now())));
      await vi.advanceTimersByTimeAsync(137);
    }
    await vi.advanceTimersByTimeAsync(10_000);
    await Promise.all(calls);
    for (const start of starts)
      expect(starts.filter((s) => s >= start && s < start + 1_000).length).toBeLessThanOrEqual(5);
  });

  it('keeps a margin of 5% of the window by default', async () => {
    const budget = new RateBudget({ limit: 1, windowMs: 1_000 });
    await budget.take();
    let second = -1;
    const next = budget.take().then(() => {
      second = Date.now();
    });
    await vi.advanceTimersByTimeAsync(2_000);
    await next;
    expect(second).toBe(1_050);
  });

  it('refuses at once when the queue is full', async () => {
    const budget = new RateBudget({ limit: 1, windowMs: 1_000, maxQueue: 2, marginMs: 0 });
    await budget.take();
    const queued = [budget.take(), budget.take()];
    await expect(budget.take()).rejects.toBeInstanceOf(CriteoError);
    await vi.advanceTimersByTimeAsync(3_000);
    await Promise.all(queued);
  });

  it('drops a queued call when its signal aborts, and the next one moves up', async () => {
    const budget = new RateBudget({ limit: 1, windowMs: 1_000, marginMs: 0 });
    await budget.take();
    const controller = new AbortController();
    const aborted = budget.take(controller.signal);
    const next = budget.take();
    controller.abort(new Error('deadline'));
    await expect(aborted).rejects.toThrow('deadline');
    expect(budget.queued).toBe(1);
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(next).resolves.toBeUndefined();
  });

  it('serves callers in turn: one caller’s flood of 40 delays another’s single call by one call', async () => {
    const budget = new RateBudget({ limit: 2, windowMs: 1_000, marginMs: 0 });
    const order: string[] = [];
    const a = budget.forCaller('a');
    const b = budget.forCaller('b');
    const flood = Array.from({ length: 40 }, (_, i) => a.take().then(() => order.push(`a${i}`)));
    await vi.advanceTimersByTimeAsync(0);
    const single = b.take().then(() => order.push('b'));
    await vi.advanceTimersByTimeAsync(30_000);
    await Promise.all([...flood, single]);
    // a0 and a1 started at once; the next window serves a2, then b.
    expect(order.slice(0, 4)).toEqual(['a0', 'a1', 'a2', 'b']);
    expect(order.filter((name) => name.startsWith('a'))).toEqual(
      Array.from({ length: 40 }, (_, i) => `a${i}`),
    );
  });

  it('bounds each caller’s queue on its own, and all callers together', async () => {
    const budget = new RateBudget({ limit: 1, windowMs: 1_000, maxQueue: 2, maxQueueTotal: 3, marginMs: 0 });
    await budget.take();
    const a = budget.forCaller('a');
    const queued = [a.take(), a.take()];
    await expect(a.take()).rejects.toThrow(
      'The upstream call queue is full (2 calls waiting for rate budget)',
    );
    queued.push(budget.forCaller('b').take());
    await expect(budget.forCaller('c').take()).rejects.toThrow(
      'The upstream call queue is full (3 calls waiting for rate budget)',
    );
    expect(budget.queued).toBe(3);
    await vi.advanceTimersByTimeAsync(5_000);
    await Promise.all(queued);
  });
});
