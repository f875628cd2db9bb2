import { describe, expect, it } from 'vitest';
import { FaultInjector } from '../../../src/emulator/faults.js';
import { RateLimiter } from '../../../src/emulator/rate-limit.js';

describe('FaultInjector', () => {
  it('adds fixed latency plus jitter below the jitter bound', () => {
    const faults = new FaultInjector({ '*': { latencyMs: 20, jitterMs: 10 } });
    for (let i = 0; i < 100; i++) {
      const { latencyMs } = faults.decide('SearchAudiences');
      expect(latencyMs).toBeGreaterThanOrEqual(20);
      expect(latencyMs).toBeLessThan(30);
    }
  });

  it('draws the same faults for the same seed', () => {
    const draw = () => {
      const faults = new FaultInjector({ '*': { errorRate: 0.3 } }, 7);
      return Array.from({ length: 200 }, () => faults.decide('SearchAudiences').fault?.kind ?? 'none');
    };
    const first = draw();
    expect(draw()).toEqual(first);
    const failures = first.filter((k) => k === 'status').length;
    expect(failures).toBeGreaterThan(30);
    expect(failures).toBeLessThan(90);
  });

  it('plays scripted faults in order before probabilistic ones, then stops', () => {
    const faults = new FaultInjector();
    faults.failNext('CreateAudiences', { kind: 'status', status: 500 }, 2);
    faults.failNext('*', { kind: 'connectionReset' });
    expect(faults.decide('CreateAudiences').fault).toEqual({ kind: 'status', status: 500 });
    expect(faults.decide('SearchAudiences').fault).toEqual({ kind: 'connectionReset' });
    expect(faults.decide('CreateAudiences').fault).toEqual({ kind: 'status', status: 500 });
    expect(faults.decide('CreateAudiences').fault).toBeNull();
  });

  it('leaves the token endpoint alone unless it is named', () => {
    const faults = new FaultInjector({ '*': { errorRate: 1 } });
    expect(faults.decide('OAuthToken').fault).toBeNull();
    faults.set('OAuthToken', { errorRate: 1 });
    expect(faults.decide('OAuthToken').fault).toEqual({ kind: 'status', status: 503 });
  });
});

describe('RateLimiter', () => {
  it('allows `limit` calls per window and application, then refuses until the window ends', () => {
    const limiter = new RateLimiter({ limit: 2, windowMs: 1_000 });
    expect(limiter.take(1, 0)).toMatchObject({ allowed: true, remaining: 1, resetAt: 1 });
    expect(limiter.take(1, 10)).toMatchObject({ allowed: true, remaining: 0 });
    expect(limiter.take(1, 20)).toMatchObject({ allowed: false, remaining: 0 });
    expect(limiter.take(2, 20)).toMatchObject({ allowed: true });
    expect(limiter.take(1, 1_000)).toMatchObject({ allowed: true, remaining: 1, resetAt: 2 });
  });
});
