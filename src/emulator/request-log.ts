/** One upstream call as the emulator saw it: what tests and benchmarks count. */
export interface RequestLogEntry {
  seq: number;
  at: string;
  method: string;
  path: string;
  /** The spec's operationId (`SearchAudienceSegments`, …), `OAuthToken`, or null for unknown routes. */
  operationId: string | null;
  query: Record<string, string>;
  /** The parsed request body (JSON or form). Form secrets are replaced by `[redacted]`. */
  body: unknown;
  /** Resource ids the request carried: `data[].id`, search-filter ids and path ids. */
  ids: string[];
  applicationId: number | null;
  status: number | null;
  /** The fault injected into this call, if any. */
  fault: string | null;
  durationMs: number | null;
}

/** A bounded, in-memory log of every request, newest last. */
export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private seq = 0;
  private readonly counts = new Map<string, number>();
  /** Answers per HTTP status, kept apart from the bounded entries: a benchmark counts its 429s past the limit. */
  private readonly statuses = new Map<number, number>();

  constructor(private readonly limit = 10_000) {}

  start(init: Omit<RequestLogEntry, 'seq' | 'at' | 'status' | 'fault' | 'durationMs' | 'applicationId'>) {
    const entry: RequestLogEntry = {
      ...init,
      seq: ++this.seq,
      at: new Date().toISOString(),
      applicationId: null,
      status: null,
      fault: null,
      durationMs: null,
    };
    this.entries.push(entry);
    if (this.entries.length > this.limit) this.entries.shift();
    const key = init.operationId ?? 'unknown';
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    return entry;
  }

  /** Records how the call ended. */
  finish(entry: RequestLogEntry, status: number, durationMs: number): void {
    entry.status = status;
    entry.durationMs = durationMs;
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
  }

  /** Answered calls per HTTP status since the last clear, including entries dropped by the size limit. */
  countsByStatus(): Record<string, number> {
    return Object.fromEntries(this.statuses);
  }

  /** All retained entries, optionally only those of one operation. */
  list(operationId?: string): RequestLogEntry[] {
    return operationId ? this.entries.filter((e) => e.operationId === operationId) : [...this.entries];
  }

  /** Calls per operation since the last clear, including entries dropped by the size limit. */
  countsByOperation(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  count(operationId?: string): number {
    if (!operationId) return [...this.counts.values()].reduce((a, b) => a + b, 0);
    return this.counts.get(operationId) ?? 0;
  }

  clear(): void {
    this.entries = [];
    this.counts.clear();
    this.statuses.clear();
  }
}

/** Collects the resource ids a request names, so tests can assert which ids went upstream. */
export function collectIds(body: unknown, params: Record<string, string>): string[] {
  const ids: string[] = Object.values(params);
  if (!isRecord(body)) return ids;
  const data = body.data;
  if (Array.isArray(data)) {
    for (const item of data) if (isRecord(item) && typeof item.id === 'string') ids.push(item.id);
  } else if (isRecord(data) && isRecord(data.attributes)) {
    for (const key of ['audienceSegmentIds', 'audienceIds'] as const) {
      const list = data.attributes[key];
      if (Array.isArray(list)) for (const id of list) if (typeof id === 'string') ids.push(id);
    }
  }
  return ids;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
