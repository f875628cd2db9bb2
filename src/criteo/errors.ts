import type { Problem } from '../contract/envelope.js';

/**
 * Stable codes of request-level failures. The GraphQL layer exposes them as `extensions.code`
 * (documented in the README); never put a token, secret or identifier in a message.
 */
export type CriteoErrorCode =
  | 'CRITEO_BAD_REQUEST'
  | 'CRITEO_UNAUTHENTICATED'
  | 'CRITEO_FORBIDDEN'
  | 'CRITEO_NOT_FOUND'
  | 'CRITEO_RATE_LIMITED'
  | 'CRITEO_UNAVAILABLE'
  | 'CRITEO_TIMEOUT'
  /** The client closed the connection: its outstanding calls were cancelled (logs only; nobody reads it). */
  | 'CRITEO_CANCELLED'
  | 'CRITEO_NETWORK_ERROR'
  | 'CRITEO_OUTCOME_UNKNOWN'
  | 'CRITEO_NOT_SENT'
  | 'CRITEO_CONTRACT_MISMATCH'
  | 'CRITEO_AUTH_FAILED'
  | 'CRITEO_UNEXPECTED_STATUS';

export interface CriteoErrorDetails {
  operation: string;
  status?: number | undefined;
  traceId?: string | null | undefined;
  /** Criteo's problem code (kebab-case), when the body carried one. */
  criteoCode?: string | null | undefined;
  problems?: Problem[] | undefined;
  /** A 429's reset: when calls are allowed again, in `Date.now()` milliseconds. */
  resetAt?: number | null | undefined;
  cause?: unknown;
  /** The request never left the gateway (rate budget, deadline, connection): Criteo cannot have applied it. */
  notSent?: boolean | undefined;
}

/** A failure of a whole Criteo call (as opposed to one item of a bulk call). */
export class CriteoError extends Error {
  readonly operation: string;
  readonly status: number | undefined;
  readonly traceId: string | null;
  readonly criteoCode: string | null;
  readonly problems: Problem[];
  readonly resetAt: number | null;
  /** The request never left the gateway: safe to send again. */
  readonly notSent: boolean;

  constructor(
    readonly code: CriteoErrorCode,
    message: string,
    details: CriteoErrorDetails,
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'CriteoError';
    this.operation = details.operation;
    this.status = details.status;
    this.traceId = details.traceId ?? null;
    this.criteoCode = details.criteoCode ?? null;
    this.problems = details.problems ?? [];
    this.resetAt = details.resetAt ?? null;
    this.notSent = details.notSent ?? false;
  }
}

/**
 * What a `CriteoError` shows GraphQL clients as `extensions` (the README's error codes): typed once,
 * built by `toErrorExtensions`. Absent fields are left out, never null.
 */
export interface CriteoErrorExtensions {
  code: CriteoErrorCode;
  /** The spec's operationId of the failed call. */
  operation: string;
  /** Criteo's HTTP status, when a response arrived. */
  status?: number;
  /** Criteo's problem code (kebab-case). */
  criteoCode?: string;
  /** Criteo's trace id, to quote to Criteo's support. */
  traceId?: string;
  /** A 429's reset: when to try again (ISO 8601). */
  resetAt?: string;
  /** Seconds from now until `resetAt`. */
  retryAfter?: number;
}

/** The `extensions` of `error` as clients see them; `now` dates `retryAfter`. */
export function toErrorExtensions(error: CriteoError, now: number = Date.now()): CriteoErrorExtensions {
  return {
    code: error.code,
    operation: error.operation,
    ...(error.status === undefined ? {} : { status: error.status }),
    ...(error.criteoCode ? { criteoCode: error.criteoCode } : {}),
    ...(error.traceId ? { traceId: error.traceId } : {}),
    ...(error.resetAt === null
      ? {}
      : {
          resetAt: new Date(error.resetAt).toISOString(),
          retryAfter: Math.max(0, Math.ceil((error.resetAt - now) / 1000)),
        }),
  };
}

/** The upstream answered a body that does not match the contract (the spec as parsed by zod). */
export class CriteoContractError extends CriteoError {
  constructor(
    operation: string,
    readonly path: string,
    detail: string,
    status?: number,
  ) {
    super(
      'CRITEO_CONTRACT_MISMATCH',
      `${operation}: the response does not match the contract at ${path || '(root)'}: ${detail}`,
      {
        operation,
        status,
      },
    );
    this.name = 'CriteoContractError';
  }
}

/** Maps an HTTP status of a failed call to its stable code. */
export function codeForStatus(status: number): CriteoErrorCode {
  if (status === 400 || status === 413 || status === 415 || status === 422) return 'CRITEO_BAD_REQUEST';
  if (status === 401) return 'CRITEO_UNAUTHENTICATED';
  if (status === 403) return 'CRITEO_FORBIDDEN';
  if (status === 404 || status === 410) return 'CRITEO_NOT_FOUND';
  if (status === 429) return 'CRITEO_RATE_LIMITED';
  if (status >= 500) return 'CRITEO_UNAVAILABLE';
  return 'CRITEO_UNEXPECTED_STATUS';
}

/**
 * A Criteo problem that concerns one item of a call (`instance: "@data/N"` of a bulk call, or the
 * single subject of a non-bulk call): GraphQL shows it as typed data on that item only.
 */
export class CriteoProblemError extends Error {
  readonly criteoCode: string;
  readonly title: string | null;
  readonly detail: string | null;
  readonly traceId: string | null;
  readonly type: string | null;
  readonly instance: string | null;
  /** Field name -> JSON path inside the request, from the problem's `source`. */
  readonly source: Record<string, string>;

  constructor(problem: Problem) {
    // Expected data, built by the hundred per answer and never logged: a stack trace would cost more
    // than the rest of the object (capturing it, then formatting it when the errors plugin copies it).
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(problem.detail ?? problem.title ?? problem.code ?? 'Criteo reported a problem');
    Error.stackTraceLimit = stackTraceLimit;
    this.name = 'CriteoProblemError';
    this.criteoCode = problem.code ?? 'unknown';
    this.title = problem.title ?? null;
    this.detail = problem.detail ?? null;
    this.traceId = problem.traceId ?? problem.traceIdentifier ?? null;
    this.type = problem.type ?? null;
    this.instance = problem.instance ?? null;
    this.source = Object.fromEntries(
      Object.entries(problem.source ?? {}).filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string',
      ),
    );
  }
}

/** `@data/3` -> 3; anything else -> null. */
export function itemIndexOf(problem: Problem): number | null {
  const match = /^@data\/(\d+)$/.exec(problem.instance ?? '');
  return match?.[1] === undefined ? null : Number(match[1]);
}
