import type { IncomingHttpHeaders } from 'node:http';
import { z } from 'zod';
import { type Problem, ProblemListSchema } from '../contract/envelope.js';
import { deadlineOf, isDisconnect } from '../deadline.js';
import { CriteoContractError, CriteoError, codeForStatus } from './errors.js';
import { rateLimitReset } from './retry.js';

/** A response whose status the call does not expect; its body may carry Criteo's problems. */
export class UnexpectedStatus {
  constructor(
    readonly status: number,
    readonly text: string,
    readonly headers: IncomingHttpHeaders,
  ) {}
}

/** A response body that breaks the contract: where (`data.0.id`; '' for the whole body) and how. */
export class ContractViolation {
  constructor(
    readonly path: string,
    readonly detail: string,
  ) {}
}

export interface FailureContext {
  /** The spec's operationId, named in every message. */
  operation: string;
  /**
   * Where the call stood when `cause` happened:
   * - `before-send`: nothing had left (token, rate budget, deadline): the error is marked `notSent`;
   * - `send`: undici had the request; `body`: the response body was being read;
   * - `response`: a whole response arrived (`UnexpectedStatus`, `ContractViolation`);
   * - `write`: the final failure of a write, which is never re-sent: CRITEO_NOT_SENT or CRITEO_OUTCOME_UNKNOWN.
   */
  stage: 'before-send' | 'send' | 'body' | 'response' | 'write';
  /** The call's deadline: once it aborted, a failure is CRITEO_TIMEOUT, or CRITEO_CANCELLED when the client left. */
  signal?: AbortSignal | undefined;
  /** The response's status, when its head had arrived. */
  status?: number | undefined;
}

/**
 * The one place an upstream failure becomes a `CriteoError`: a thrown undici error or abort, a
 * response with an unexpected status, a body that breaks the contract. A `CriteoError` stays what it
 * is, except for the not-sent marking and a write's outcome.
 */
export function toCriteoError(cause: unknown, context: FailureContext): CriteoError {
  const { operation, status } = context;
  if (cause instanceof ContractViolation)
    return new CriteoContractError(operation, cause.path, cause.detail, status);
  if (cause instanceof UnexpectedStatus) return fromStatus(cause, context);
  const error = cause instanceof CriteoError ? cause : fromThrown(cause, context);
  if (context.stage === 'before-send') return markNotSent(error);
  if (context.stage === 'write') return writeOutcome(error, operation);
  return error;
}

const TIMEOUT_CODES = ['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT'];

/** Failures that happen before a request leaves: the write certainly was not applied. */
const NOT_SENT_CODES = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT'];

const ErrorBodySchema = z.object({ errors: ProblemListSchema }).partial();

/** An undici error, an abort reason, or anything else thrown on the way. */
function fromThrown(cause: unknown, { operation, signal, status, stage }: FailureContext): CriteoError {
  const name = errorName(cause);
  if (isDisconnect(signal)) {
    const message = `${operation}: cancelled, the client closed the connection`;
    return new CriteoError('CRITEO_CANCELLED', message, { operation, status, cause });
  }
  if (signal?.aborted) {
    const message = `${operation}: cancelled, the GraphQL operation ran out of time`;
    return new CriteoError('CRITEO_TIMEOUT', message, { operation, status, cause });
  }
  if (TIMEOUT_CODES.includes(name)) {
    const message = `${operation}: Criteo did not answer in time (${name})`;
    return new CriteoError('CRITEO_TIMEOUT', message, { operation, status, cause });
  }
  const message =
    stage === 'body'
      ? `${operation}: the connection closed while reading the response (${name})`
      : `${operation}: Criteo could not be reached (${name})`;
  return new CriteoError('CRITEO_NETWORK_ERROR', message, { operation, status, cause });
}

/** Criteo's answer: its first problem names the reason; a 429 tells when the limit resets. */
function fromStatus(
  { status, text, headers }: UnexpectedStatus,
  { operation, signal }: FailureContext,
): CriteoError {
  let problems: Problem[] = [];
  try {
    problems = ErrorBodySchema.parse(JSON.parse(text)).errors ?? [];
  } catch {
    // A non-JSON error body (a proxy's HTML page): the status is all we know.
  }
  const first = problems[0];
  const reason = first
    ? `${first.code ?? 'error'}: ${first.detail ?? first.title ?? ''}`.trim()
    : `HTTP ${status}`;
  const resetAt = status === 429 ? rateLimitReset(headers) : null;
  const deadline = deadlineOf(signal);
  const late =
    resetAt !== null && deadline !== undefined && resetAt > deadline
      ? `; the limit resets at ${new Date(resetAt).toISOString()}, after this operation's deadline: not retried`
      : '';
  return new CriteoError(
    codeForStatus(status),
    `${operation} failed with HTTP ${status} (${reason})${late}`,
    {
      operation,
      status,
      traceId: first?.traceId ?? first?.traceIdentifier,
      criteoCode: first?.code,
      problems,
      resetAt,
    },
  );
}

/** The same failure, known to have happened before the request left. */
function markNotSent(error: CriteoError): CriteoError {
  if (error.notSent) return error;
  const { operation, status, traceId, criteoCode, problems, resetAt } = error;
  return new CriteoError(error.code, error.message, {
    operation,
    status,
    traceId,
    criteoCode,
    problems,
    resetAt,
    cause: error.cause,
    notSent: true,
  });
}

/**
 * What a failed write tells its caller. One that never left (it waited for rate budget until the
 * deadline, the queue was full, the connection could not be opened) is `CRITEO_NOT_SENT`: safe to
 * send again. One whose connection failed after it was sent may have been applied: it is never
 * re-sent, and the caller is told the outcome is unknown (check the state before sending it again).
 * Criteo's answers (statuses) stay as they are.
 */
function writeOutcome(error: CriteoError, operation: string): CriteoError {
  const transport = ['CRITEO_NETWORK_ERROR', 'CRITEO_TIMEOUT', 'CRITEO_RATE_LIMITED'].includes(error.code);
  if (
    transport &&
    error.status === undefined &&
    (error.notSent || NOT_SENT_CODES.includes(errorName(error.cause)))
  ) {
    return new CriteoError(
      'CRITEO_NOT_SENT',
      `${operation}: not sent (${notSentReason(error)}); Criteo never received it, it is safe to send again`,
      { operation, cause: error, notSent: true },
    );
  }
  if (!['CRITEO_NETWORK_ERROR', 'CRITEO_TIMEOUT'].includes(error.code)) return error;
  return new CriteoError(
    'CRITEO_OUTCOME_UNKNOWN',
    `${operation}: the connection failed after the request was sent; Criteo may have applied it (not re-sent)`,
    { operation, status: error.status, cause: error },
  );
}

function notSentReason(error: CriteoError): string {
  if (error.code === 'CRITEO_TIMEOUT' && !TIMEOUT_CODES.includes(errorName(error.cause)))
    return 'the GraphQL operation ran out of time before it could leave';
  if (error.code === 'CRITEO_RATE_LIMITED') return 'the queue of calls waiting for rate budget is full';
  return `Criteo could not be reached: ${errorName(error.cause)}`;
}

/** undici's stable `code` (`UND_ERR_SOCKET`, `ECONNRESET`), else the error's name. */
function errorName(error: unknown): string {
  if (error instanceof Error)
    return 'code' in error && typeof error.code === 'string' ? error.code : error.name;
  return 'unknown error';
}
