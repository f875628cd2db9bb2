import { createRandom, type Random } from './random.js';

/**
 * Faults the emulator can inject. `status`, `rateLimit` and `connectionReset` happen before the
 * request is handled (nothing is applied); `malformedJson`, `schemaDrift`, `lostResponse` and
 * `extraItems` happen after (a write is applied, then its response is broken). `extraItems` answers
 * `count` items in `data` whatever was asked for (a misbehaving upstream ignoring `limit`).
 */
export type Fault =
  | { kind: 'status'; status: number }
  | { kind: 'rateLimit' }
  | { kind: 'connectionReset' }
  | { kind: 'malformedJson' }
  | { kind: 'schemaDrift' }
  | { kind: 'lostResponse' }
  | { kind: 'extraItems'; count: number };
export type FaultKind = Fault['kind'];

/** Probabilistic faults and latency for one operation (or `*` for every API operation). */
export interface FaultRule {
  /** Fixed delay before answering, in ms. */
  latencyMs?: number;
  /** Extra uniformly random delay in [0, jitterMs). */
  jitterMs?: number;
  /** Share of calls answered with `errorStatus` (default 503). */
  errorRate?: number;
  errorStatus?: number;
  rateLimitRate?: number;
  connectionResetRate?: number;
  malformedRate?: number;
  driftRate?: number;
  lostResponseRate?: number;
}

export type FaultConfig = Record<string, FaultRule>;

export interface FaultDecision {
  latencyMs: number;
  fault: Fault | null;
}

/** The token endpoint is only faulted when named explicitly, so `*` rules exercise API calls. */
const TOKEN_OPERATION = 'OAuthToken';

export class FaultInjector {
  private rules: FaultConfig;
  private scripted: { operation: string; fault: Fault; remaining: number }[] = [];
  private random: Random;

  constructor(config: FaultConfig = {}, seed = 42) {
    this.rules = { ...config };
    this.random = createRandom(seed);
  }

  /** Replaces the rule of one operation (`*` = every API operation). */
  set(operation: string, rule: FaultRule): void {
    this.rules[operation] = rule;
  }

  /** Makes the next `times` calls of `operation` (`*` = any API operation) fail with `fault`. */
  failNext(operation: string, fault: Fault, times = 1): void {
    this.scripted.push({ operation, fault, remaining: times });
  }

  clear(): void {
    this.rules = {};
    this.scripted = [];
  }

  config(): FaultConfig {
    return { ...this.rules };
  }

  decide(operationId: string): FaultDecision {
    const rule = this.ruleFor(operationId);
    const latencyMs = (rule.latencyMs ?? 0) + (rule.jitterMs ? this.random.next() * rule.jitterMs : 0);
    const scripted = this.scripted.find((s) => this.matches(s.operation, operationId));
    if (scripted) {
      scripted.remaining -= 1;
      if (scripted.remaining <= 0) this.scripted.splice(this.scripted.indexOf(scripted), 1);
      return { latencyMs, fault: scripted.fault };
    }
    return { latencyMs, fault: this.roll(rule) };
  }

  private roll(rule: FaultRule): Fault | null {
    const candidates: [number | undefined, Fault][] = [
      [rule.errorRate, { kind: 'status', status: rule.errorStatus ?? 503 }],
      [rule.rateLimitRate, { kind: 'rateLimit' }],
      [rule.connectionResetRate, { kind: 'connectionReset' }],
      [rule.malformedRate, { kind: 'malformedJson' }],
      [rule.driftRate, { kind: 'schemaDrift' }],
      [rule.lostResponseRate, { kind: 'lostResponse' }],
    ];
    for (const [rate, fault] of candidates) {
      if (rate && this.random.next() < rate) return fault;
    }
    return null;
  }

  private ruleFor(operationId: string): FaultRule {
    const specific = this.rules[operationId];
    const wildcard = operationId === TOKEN_OPERATION ? undefined : this.rules['*'];
    return { ...wildcard, ...specific };
  }

  private matches(operation: string, operationId: string): boolean {
    return operation === operationId || (operation === '*' && operationId !== TOKEN_OPERATION);
  }
}

/** The faults that let the handler run, then break its response. */
export type AfterHandlerFault = Extract<
  Fault,
  { kind: 'malformedJson' | 'schemaDrift' | 'lostResponse' | 'extraItems' }
>;

export function isAfterHandlerFault(fault: Fault): fault is AfterHandlerFault {
  return (
    fault.kind === 'malformedJson' ||
    fault.kind === 'schemaDrift' ||
    fault.kind === 'lostResponse' ||
    fault.kind === 'extraItems'
  );
}
