import { Agent, type Dispatcher, interceptors } from 'undici';
import { z } from 'zod';
import { type Problem, ProblemListSchema } from '../contract/envelope.js';
import { deadlineOf, isDisconnect } from '../deadline.js';
import type { TokenSource } from './auth.js';
import { CriteoContractError, CriteoError, codeForStatus } from './errors.js';
import type { BudgetGate } from './rate-budget.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy, rateLimitReset, retryOptions } from './retry.js';

export interface CriteoHttpOptions {
  /** Origin (and optional base path) of the API, e.g. `https://api.criteo.com`. */
  apiUrl: string;
  /** API version path segment, e.g. `2025-10`. */
  apiVersion: string;
  tokens: TokenSource;
  /** From `createDispatcher`: keep-alive, timeouts, and undici's retry interceptor. */
  dispatcher: Dispatcher;
  retry?: RetryPolicy;
  /** Process-wide rate budget (or its view for one caller); null turns it off. */
  budget?: BudgetGate | null;
  /** Aborts every call (the GraphQL operation's deadline). */
  signal?: AbortSignal | undefined;
  /** Largest response body read (default 32 MiB); a larger one is cut and is a contract mismatch. */
  maxResponseBytes?: number;
  /** Observes each upstream attempt (metrics). */
  onAttempt?: (event: { operation: string; retry: boolean }) => void;
  /** Observes each finished call, success or failure, after its retries (metrics, logs, span attributes). */
  onResponse?: (event: UpstreamResponseEvent) => void;
  /** Runs each call (retries included) inside, e.g. a tracing span made active for its duration. */
  wrapCall?: <T>(call: { operation: string; method: string }, run: () => Promise<T>) => Promise<T>;
  /** Extra headers for each request, e.g. W3C `traceparent` of the active span. */
  headers?: () => Record<string, string>;
}

export interface UpstreamResponseEvent {
  operation: string;
  method: string;
  /** The final HTTP status; undefined when no response arrived (network error, timeout). */
  status: number | undefined;
  durationMs: number;
  ok: boolean;
  /** The failure as a `CriteoError` (with `code` and Criteo's `traceId`); undefined for other failures. */
  error: CriteoError | undefined;
}

export interface CallOptions<S extends z.ZodType> {
  /** The spec's operationId: named in errors and in upstream metrics. */
  operation: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Path under `/{version}/marketing-solutions`, e.g. `/audience-segments/search`. */
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** The zod schema of the success body; `null` for an empty (204) body. */
  schema: S;
  /** Statuses treated as success (default 200). */
  expect?: number[];
  /** Safe to send again (searches, compute-sizes, estimates, GETs): retried on 429/502/503/504 and resets. */
  idempotent?: boolean;
  /**
   * Most items `data` may hold: the page size asked for, or the number of items sent. More is a
   * contract mismatch, told before the body is validated item by item.
   */
  maxItems?: number;
}

export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

const ErrorBodySchema = z.object({ errors: ProblemListSchema }).partial();

export interface DispatcherOptions {
  /** Concurrent connections to the Criteo origin; further requests queue in undici. */
  connections?: number;
  connectTimeoutMs?: number;
  /** Time to the response headers. */
  headersTimeoutMs?: number;
  /** Longest pause between two chunks of a response body. */
  bodyTimeoutMs?: number;
}

/** The keep-alive dispatcher every call to Criteo goes through, with undici's retry interceptor. */
export function createDispatcher(options: DispatcherOptions = {}): Dispatcher {
  return new Agent({
    connections: options.connections ?? 16,
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 120_000,
    connect: { timeout: options.connectTimeoutMs ?? 5_000 },
    headersTimeout: options.headersTimeoutMs ?? 15_000,
    bodyTimeout: options.bodyTimeoutMs ?? 15_000,
  }).compose(interceptors.retry({ maxRetries: 0, throwOnError: false }));
}

const TIMEOUT_CODES = ['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT'];

/**
 * The one place that speaks HTTP to Criteo's API: builds URLs, adds the bearer token (retrying once
 * with a fresh token on 401), parses the success body with the operation's zod schema and turns
 * failures into `CriteoError`s.
 */
export class CriteoHttp {
  private readonly origin: string;
  private readonly basePath: string;

  constructor(private readonly options: CriteoHttpOptions) {
    const url = new URL(options.apiUrl);
    this.origin = url.origin;
    this.basePath = `${url.pathname.replace(/\/+$/, '')}/${options.apiVersion}/marketing-solutions`;
  }

  async call<S extends z.ZodType>(options: CallOptions<S>): Promise<z.infer<S>> {
    const { wrapCall } = this.options;
    return wrapCall
      ? wrapCall({ operation: options.operation, method: options.method }, () => this.observedCall(options))
      : this.observedCall(options);
  }

  private async observedCall<S extends z.ZodType>(options: CallOptions<S>): Promise<z.infer<S>> {
    const { onResponse } = this.options;
    if (!onResponse) return this.callWithRetry(options, {});
    const started = performance.now();
    const seen: { status?: number } = {};
    const report = (ok: boolean, error?: unknown) => {
      const failure = error instanceof CriteoError ? error : undefined;
      onResponse({
        operation: options.operation,
        method: options.method,
        status: failure?.status ?? seen.status,
        durationMs: performance.now() - started,
        ok,
        error: failure,
      });
    };
    try {
      const result = await this.callWithRetry(options, seen);
      report(true);
      return result;
    } catch (error) {
      report(false, error);
      throw error;
    }
  }

  private async callWithRetry<S extends z.ZodType>(
    options: CallOptions<S>,
    seen: { status?: number },
  ): Promise<z.infer<S>> {
    try {
      return await this.attempt(options, seen);
    } catch (error) {
      const idempotent = options.idempotent ?? options.method === 'GET';
      if (!idempotent) throw writeFailure(error, options.operation);
      // A body cut mid-way: undici's retry asks for the rest with a Range header, which Criteo does
      // not serve (UND_ERR_REQ_RETRY); a safe call is then requested again, once, from the start.
      const cutMidBody =
        error instanceof CriteoError && error.code === 'CRITEO_NETWORK_ERROR' && error.status !== undefined;
      if (!cutMidBody || this.options.signal?.aborted) throw error;
      this.options.onAttempt?.({ operation: options.operation, retry: true });
      return this.attempt(options, seen);
    }
  }

  private async attempt<S extends z.ZodType>(
    options: CallOptions<S>,
    seen: { status?: number },
  ): Promise<z.infer<S>> {
    // Without a token nothing leaves.
    let token = await this.options.tokens.get().catch((error: unknown) => {
      throw error instanceof CriteoError ? markNotSent(error) : error;
    });
    let response = await this.send(options, token);
    if (response.statusCode === 401 && this.options.tokens.refreshable !== false) {
      await response.body.dump();
      this.options.tokens.invalidate(token);
      token = await this.options.tokens.get();
      response = await this.send(options, token);
    }
    seen.status = response.statusCode;
    const text = await this.readBody(options.operation, response);
    if (!(options.expect ?? [200]).includes(response.statusCode))
      throw this.failure(options.operation, response.statusCode, text, response.headers);
    return this.parse(options, response.statusCode, text);
  }

  private async send<S extends z.ZodType>(
    options: CallOptions<S>,
    token: string,
  ): Promise<Dispatcher.ResponseData> {
    const { signal, budget = null, retry = DEFAULT_RETRY_POLICY, onAttempt } = this.options;
    const idempotent = options.idempotent ?? options.method === 'GET';
    const query = Object.entries(options.query ?? {}).filter(
      (entry): entry is [string, string | number] => entry[1] !== undefined,
    );
    const search = query.length
      ? `?${new URLSearchParams(query.map(([k, v]): [string, string] => [k, String(v)])).toString()}`
      : '';
    const headers: Record<string, string> = {
      ...this.options.headers?.(),
      authorization: `Bearer ${token}`,
      accept: 'application/json',
    };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    // Until the dispatcher has the request, nothing left: a failure then is certainly not applied.
    let dispatched = false;
    try {
      await budget?.take(signal);
      signal?.throwIfAborted();
      onAttempt?.({ operation: options.operation, retry: false });
      dispatched = true;
      const onRetry = () => onAttempt?.({ operation: options.operation, retry: true });
      return await this.options.dispatcher.request({
        origin: this.origin,
        path: `${this.basePath}${options.path}${search}`,
        method: options.method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal,
        // Writes are never re-sent blindly: only idempotent calls get retries.
        retryOptions: idempotent
          ? retryOptions(retry, budget, signal, onRetry)
          : { maxRetries: 0, throwOnError: false },
      } as Dispatcher.RequestOptions);
    } catch (cause) {
      const error = this.transportError(options.operation, cause);
      throw dispatched ? error : markNotSent(error);
    }
  }

  private transportError(operation: string, cause: unknown, status?: number): CriteoError {
    if (cause instanceof CriteoError) return cause;
    const name = errorName(cause);
    if (isDisconnect(this.options.signal)) {
      return new CriteoError(
        'CRITEO_CANCELLED',
        `${operation}: cancelled, the client closed the connection`,
        {
          operation,
          status,
          cause,
        },
      );
    }
    if (this.options.signal?.aborted) {
      return new CriteoError(
        'CRITEO_TIMEOUT',
        `${operation}: cancelled, the GraphQL operation ran out of time`,
        { operation, status, cause },
      );
    }
    if (TIMEOUT_CODES.includes(name)) {
      return new CriteoError('CRITEO_TIMEOUT', `${operation}: Criteo did not answer in time (${name})`, {
        operation,
        status,
        cause,
      });
    }
    return new CriteoError('CRITEO_NETWORK_ERROR', `${operation}: Criteo could not be reached (${name})`, {
      operation,
      status,
      cause,
    });
  }

  /** The body as text, read up to `maxResponseBytes`: a misbehaving upstream cannot fill the memory. */
  private async readBody(operation: string, response: Dispatcher.ResponseData): Promise<string> {
    const max = this.options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    const tooLarge = (size: string) => {
      // Dropping the rest closes the connection; the abort error it emits has nobody to tell.
      response.body.on('error', () => {}).destroy();
      return new CriteoContractError(
        operation,
        '',
        `the body is larger than ${max} bytes (${size}; CRITEO_MAX_RESPONSE_BYTES)`,
        response.statusCode,
      );
    };
    const declared = Number(response.headers['content-length']);
    if (declared > max) throw tooLarge(`Content-Length ${declared}`);
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of response.body) {
        const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
        size += bytes.length;
        if (size > max) throw tooLarge(`more than ${max} bytes arrived`);
        chunks.push(bytes);
      }
      return Buffer.concat(chunks, size).toString('utf8');
    } catch (cause) {
      if (cause instanceof CriteoError) throw cause;
      const error = this.transportError(operation, cause, response.statusCode);
      if (error.code === 'CRITEO_NETWORK_ERROR') {
        error.message = `${operation}: the connection closed while reading the response (${errorName(cause)})`;
      }
      throw error;
    }
  }

  private parse<S extends z.ZodType>(options: CallOptions<S>, status: number, text: string): z.infer<S> {
    let json: unknown;
    if (text === '') json = undefined;
    else {
      try {
        json = JSON.parse(text);
      } catch {
        throw new CriteoContractError(options.operation, '', 'the body is not valid JSON', status);
      }
    }
    const items = isRecord(json) && Array.isArray(json.data) ? json.data.length : 0;
    if (options.maxItems !== undefined && items > options.maxItems) {
      throw new CriteoContractError(
        options.operation,
        'data',
        `${items} items where at most ${options.maxItems} were asked for`,
        status,
      );
    }
    const result = options.schema.safeParse(json);
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new CriteoContractError(
        options.operation,
        issue?.path.join('.') ?? '',
        issue?.message ?? 'invalid',
        status,
      );
    }
    return result.data;
  }

  private failure(
    operation: string,
    status: number,
    text: string,
    headers: Dispatcher.ResponseData['headers'],
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
    const deadline = deadlineOf(this.options.signal);
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
}

/** Failures that happen before a request leaves: the write certainly was not applied. */
const NOT_SENT_CODES = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT'];

/**
 * What a failed write tells its caller. One that never left (it waited for rate budget until the
 * deadline, the queue was full, the connection could not be opened) is `CRITEO_NOT_SENT`: safe to
 * send again. One whose connection failed after it was sent may have been applied: it is never
 * re-sent, and the caller is told the outcome is unknown (check the state before sending it again).
 * Criteo's answers (statuses) stay as they are.
 */
function writeFailure(error: unknown, operation: string): unknown {
  if (!(error instanceof CriteoError)) return error;
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

function notSentReason(error: CriteoError): string {
  if (error.code === 'CRITEO_TIMEOUT' && !TIMEOUT_CODES.includes(errorName(error.cause)))
    return 'the GraphQL operation ran out of time before it could leave';
  if (error.code === 'CRITEO_RATE_LIMITED') return 'the queue of calls waiting for rate budget is full';
  return `Criteo could not be reached: ${errorName(error.cause)}`;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function errorName(error: unknown): string {
  if (error instanceof Error)
    return 'code' in error && typeof error.code === 'string' ? error.code : error.name;
  return 'unknown error';
}
