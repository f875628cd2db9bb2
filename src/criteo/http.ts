import { Agent, type Dispatcher } from 'undici';
import { z } from 'zod';
import { type Problem, ProblemListSchema } from '../contract/envelope.js';
import type { TokenSource } from './auth.js';
import { CriteoContractError, CriteoError, codeForStatus } from './errors.js';

export interface CriteoHttpOptions {
  /** Origin (and optional base path) of the API, e.g. `https://api.criteo.com`. */
  apiUrl: string;
  /** API version path segment, e.g. `2025-10`. */
  apiVersion: string;
  tokens: TokenSource;
  dispatcher: Dispatcher;
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
}

const ErrorBodySchema = z.object({ errors: ProblemListSchema }).partial();

/** Creates the keep-alive dispatcher the client uses for every call to one Criteo origin. */
export function createDispatcher(connections = 32): Dispatcher {
  return new Agent({ connections, keepAliveTimeout: 30_000, keepAliveMaxTimeout: 120_000 });
}

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
    let token = await this.options.tokens.get();
    let response = await this.send(options, token);
    if (response.statusCode === 401) {
      await response.body.dump();
      this.options.tokens.invalidate(token);
      token = await this.options.tokens.get();
      response = await this.send(options, token);
    }
    const text = await this.readBody(options.operation, response);
    if (!(options.expect ?? [200]).includes(response.statusCode))
      throw this.failure(options.operation, response.statusCode, text);
    return this.parse(options, response.statusCode, text);
  }

  private async send<S extends z.ZodType>(
    options: CallOptions<S>,
    token: string,
  ): Promise<Dispatcher.ResponseData> {
    const query = Object.entries(options.query ?? {}).filter(
      (entry): entry is [string, string | number] => entry[1] !== undefined,
    );
    const search = query.length
      ? `?${new URLSearchParams(query.map(([k, v]): [string, string] => [k, String(v)])).toString()}`
      : '';
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    try {
      return await this.options.dispatcher.request({
        origin: this.origin,
        path: `${this.basePath}${options.path}${search}`,
        method: options.method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      });
    } catch (cause) {
      throw new CriteoError(
        'CRITEO_NETWORK_ERROR',
        `${options.operation}: Criteo could not be reached (${errorName(cause)})`,
        {
          operation: options.operation,
          cause,
        },
      );
    }
  }

  private async readBody(operation: string, response: Dispatcher.ResponseData): Promise<string> {
    try {
      return await response.body.text();
    } catch (cause) {
      throw new CriteoError(
        'CRITEO_NETWORK_ERROR',
        `${operation}: the connection closed while reading the response (${errorName(cause)})`,
        {
          operation,
          status: response.statusCode,
          cause,
        },
      );
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

  private failure(operation: string, status: number, text: string): CriteoError {
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
    return new CriteoError(codeForStatus(status), `${operation} failed with HTTP ${status} (${reason})`, {
      operation,
      status,
      traceId: first?.traceId ?? first?.traceIdentifier,
      criteoCode: first?.code,
      problems,
    });
  }
}

function errorName(error: unknown): string {
  if (error instanceof Error)
    return 'code' in error && typeof error.code === 'string' ? error.code : error.name;
  return 'unknown error';
}
