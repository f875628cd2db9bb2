import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import formbody from '@fastify/formbody';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import { CRITEO_CALLS_PER_MINUTE } from '../contract/limits.js';
import { type EmulatorApplication, TokenIssuer } from './auth.js';
import { DEMO_APPLICATIONS, seedDemoData } from './demo-data.js';
import { type Fault, type FaultConfig, FaultInjector, isAfterHandlerFault } from './faults.js';
import { type EmptyProblemLists, EnvelopeWriter } from './http.js';
import { type ProblemInit, ProblemResponse } from './problems.js';
import { RateLimiter, type RateLimitOptions, rateLimitHeaders } from './rate-limit.js';
import { collectIds, isRecord, RequestLog, type RequestLogEntry } from './request-log.js';
import { registerAdSetRoutes } from './routes/ad-sets.js';
import { registerAudienceSegmentRoutes } from './routes/audience-segments.js';
import { registerAudienceRoutes } from './routes/audiences.js';
import { registerContactListRoutes } from './routes/contact-lists.js';
import { registerControlRoutes } from './routes/control.js';
import { registerInMarketRoutes } from './routes/in-market.js';
import { registerMeRoutes } from './routes/me.js';
import { registerOAuthRoutes } from './routes/oauth.js';
import { EmulatorStore } from './store.js';

export interface EmulatorOptions {
  /** Interface to listen on; loopback by default. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** The API version of `apiUrl` (`/<version>/marketing-solutions/...`); served too if not in `versions`. */
  version?: string;
  /** Every API version served at once (default `SERVED_VERSIONS`). */
  versions?: readonly string[];
  /** Applications and their client credentials; defaults to the demo applications. */
  applications?: EmulatorApplication[];
  /** Access-token lifetime (Criteo: 900 s). */
  tokenTtlSeconds?: number;
  /** Per-application rate limit (Criteo: 250 calls a minute); `false` turns it off. */
  rateLimit?: RateLimitOptions | false;
  /** Seed the deterministic demo data set (advertisers 4949 and 5050 for `demo-client-id`). */
  demoData?: boolean;
  faults?: FaultConfig;
  /** Seed of the fault-injection PRNG. */
  seed?: number;
  requestLogLimit?: number;
  /** How empty `errors`/`warnings` are written: `[]` (spec examples), omitted (docs) or `null`. */
  emptyProblemLists?: EmptyProblemLists;
  /** Log requests to stdout (pino, through Fastify). */
  logger?: boolean;
}

/**
 * The versions Criteo answers for these endpoints: their Audience contract is identical once the version
 * segment is normalised (criteo-openapi/README.md). 2025-10 left support on 2026-10-27; Criteo's
 * versioning policy still answers an out-of-support version ("fall forward"), so the emulator does too.
 * Any other version gets Criteo's 404 `not-found`.
 */
export const SERVED_VERSIONS: readonly string[] = ['2025-10', '2026-01', '2026-07'];
/** The newest stable version, and the gateway's default `CRITEO_API_VERSION`. */
export const DEFAULT_VERSION = '2026-07';

/** Everything a route needs. The emulator is Criteo: it imports the contract, never the gateway. */
export interface EmulatorContext {
  store: EmulatorStore;
  tokens: TokenIssuer;
  faults: FaultInjector;
  requests: RequestLog;
  rateLimiter: RateLimiter | null;
  envelope: EnvelopeWriter;
  /** The version of `apiUrl`. */
  version: string;
  /** Every version served, `version` included. */
  versions: readonly string[];
  applications: EmulatorApplication[];
}

export interface Emulator extends EmulatorContext {
  /** `http://127.0.0.1:<port>`: where `/oauth2/token` lives. */
  readonly url: string;
  /** `<url>/<version>/marketing-solutions`. */
  readonly apiUrl: string;
  readonly app: FastifyInstance;
  close(): Promise<void>;
}

/** Builds the Fastify app without listening (for `inject` in unit tests). */
export function buildEmulator(options: EmulatorOptions = {}): {
  app: FastifyInstance;
  context: EmulatorContext;
} {
  const applications = options.applications ?? DEMO_APPLICATIONS;
  const version = options.version ?? DEFAULT_VERSION;
  const context: EmulatorContext = {
    store: new EmulatorStore(),
    tokens: new TokenIssuer(applications, options.tokenTtlSeconds ?? 900),
    faults: new FaultInjector(options.faults, options.seed),
    requests: new RequestLog(options.requestLogLimit),
    rateLimiter:
      options.rateLimit === false
        ? null
        : new RateLimiter(options.rateLimit ?? { limit: CRITEO_CALLS_PER_MINUTE, windowMs: 60_000 }),
    envelope: new EnvelopeWriter(options.emptyProblemLists ?? 'array'),
    version,
    versions: [...new Set([version, ...(options.versions ?? SERVED_VERSIONS)])],
    applications,
  };
  if (options.demoData ?? true) seedDemoData(context.store);

  // 50,000 identifiers of up to ~100 characters must fit in one contact-list PATCH.
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 16 * 1024 * 1024,
    forceCloseConnections: true,
  });
  app.decorateRequest('traceId', '');
  app.decorateRequest('application', null);
  // Criteo speaks JSON (and forms on the token endpoint only): any other body is a 415.
  app.removeContentTypeParser('text/plain');
  app.register(formbody);
  installHooks(app, context);
  app.register(registerOAuthRoutes, { context });
  app.register(registerControlRoutes, { context, prefix: '/__emulator' });
  // Every version shares the one store: a client on 2025-10 and one on 2026-07 see the same account.
  for (const served of context.versions) {
    app.register(
      async (api) => {
        for (const register of [
          registerAudienceSegmentRoutes,
          registerContactListRoutes,
          registerInMarketRoutes,
          registerAudienceRoutes,
          registerMeRoutes,
          registerAdSetRoutes,
        ]) {
          await api.register(register, { context });
        }
      },
      { prefix: `/${served}/marketing-solutions` },
    );
  }
  return { app, context };
}

/** Starts the emulator over real HTTP. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const { app, context } = buildEmulator(options);
  const address = await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 0 });
  const url = address.replace('[::1]', 'localhost');
  return {
    ...context,
    app,
    url,
    apiUrl: `${url}/${context.version}/marketing-solutions`,
    close: () => app.close(),
  };
}

const entries = new WeakMap<FastifyRequest, RequestLogEntry>();
const afterFaults = new WeakMap<FastifyRequest, Fault>();

function installHooks(app: FastifyInstance, context: EmulatorContext) {
  app.addHook('onRequest', async (request) => {
    request.traceId = randomUUID();
    const operationId = request.routeOptions.config.operationId;
    if (!operationId) return;
    entries.set(
      request,
      context.requests.start({
        method: request.method,
        path: request.url.split('?')[0] ?? request.url,
        operationId,
        query: toStringRecord(request.query),
        body: null,
        ids: [],
      }),
    );
  });

  app.addHook('preValidation', async (request, reply) => {
    const entry = entries.get(request);
    const { operationId, auth } = request.routeOptions.config;
    if (!entry || !operationId) return;
    entry.body = redactForm(request.body);
    entry.ids = collectIds(request.body, toStringRecord(request.params));

    const { latencyMs, fault } = context.faults.decide(operationId);
    if (latencyMs > 0) await sleep(latencyMs);
    if (fault) {
      entry.fault = fault.kind;
      if (isAfterHandlerFault(fault)) afterFaults.set(request, fault);
      else return injectBeforeHandler(fault, request, reply);
    }

    if (auth === false) return;
    const check = context.tokens.verify(request.headers.authorization);
    if (!check.ok) {
      throw new ProblemResponse(401, [
        { type: 'authentication', code: check.code, detail: authDetail(check.code) },
      ]);
    }
    request.application = check.application;
    entry.applicationId = check.application.applicationId;

    if (context.rateLimiter) {
      const state = context.rateLimiter.take(check.application.applicationId);
      reply.headers(rateLimitHeaders(state));
      if (!state.allowed) {
        throw new ProblemResponse(429, [
          {
            type: 'quota',
            code: 'rate-limit-exceeded',
            detail: `The application exceeded ${state.limit} calls per window`,
          },
        ]);
      }
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const fault = afterFaults.get(request);
    if (!fault || typeof payload !== 'string') return payload;
    if (fault.kind === 'malformedJson') return payload.slice(0, Math.max(1, Math.floor(payload.length / 2)));
    if (fault.kind === 'schemaDrift') return JSON.stringify(drift(JSON.parse(payload)));
    if (fault.kind === 'extraItems') return JSON.stringify(padItems(JSON.parse(payload), fault.count));
    // lostResponse: the write is applied, then the connection drops in the middle of the body.
    reply.header('content-length', String(Buffer.byteLength(payload)));
    return brokenStream(payload);
  });

  app.addHook('onResponse', async (request, reply) => {
    const entry = entries.get(request);
    if (!entry) return;
    entry.status = reply.statusCode;
    entry.durationMs = Math.round(reply.elapsedTime);
  });

  app.setErrorHandler((error: FastifyError | ProblemResponse, request, reply) => {
    const problem = error instanceof ProblemResponse ? error : fromFastifyError(error, request);
    reply.code(problem.status).headers(problem.headers);
    return sendProblems(reply, request, context, problem.problems);
  });

  app.setNotFoundHandler((request, reply) => {
    reply.code(404);
    return sendProblems(reply, request, context, [
      { code: 'not-found', detail: `No operation at ${request.method} ${request.url.split('?')[0]}` },
    ]);
  });
}

function sendProblems(
  reply: FastifyReply,
  request: FastifyRequest,
  context: EmulatorContext,
  problems: ProblemInit[],
) {
  const flavor = request.routeOptions.config?.problemFlavor ?? 'common';
  const instance = request.url.split('?')[0] ?? request.url;
  return reply.send({
    errors: context.envelope.problems(request.traceId, problems, flavor, instance),
    warnings: [],
  });
}

function fromFastifyError(error: FastifyError, request: FastifyRequest): ProblemResponse {
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return new ProblemResponse(415, [
      {
        code: 'unsupported-media-type',
        detail: `Content-Type ${request.headers['content-type'] ?? '(none)'} is not supported`,
      },
    ]);
  }
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return new ProblemResponse(413, [{ code: 'payload-too-big', detail: 'The request body is too large' }]);
  }
  if (error.statusCode === 400 || error.code?.startsWith('FST_ERR_CTP')) {
    return new ProblemResponse(400, [{ code: 'invalid-request-body', detail: `body: ${error.message}` }]);
  }
  if (error.statusCode === 405) {
    return new ProblemResponse(405, [{ code: 'method-not-allowed', detail: error.message }]);
  }
  request.log.error(error);
  return new ProblemResponse(500, [
    { type: 'availability', code: 'internal-error', detail: 'Internal error' },
  ]);
}

async function injectBeforeHandler(fault: Fault, request: FastifyRequest, reply: FastifyReply) {
  switch (fault.kind) {
    case 'status':
      throw new ProblemResponse(fault.status, [
        { ...injectedProblem(fault.status), detail: `Injected fault: HTTP ${fault.status}` },
      ]);
    case 'rateLimit':
      throw new ProblemResponse(
        429,
        [{ type: 'quota', code: 'rate-limit-exceeded', detail: 'Injected fault: rate limit' }],
        {
          'x-ratelimit-limit': String(CRITEO_CALLS_PER_MINUTE),
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 1),
        },
      );
    case 'connectionReset':
      reply.hijack();
      request.raw.socket.destroy();
      return reply;
    default:
      return undefined;
  }
}

/** The problem Criteo would send with an injected status. */
function injectedProblem(status: number): Omit<ProblemInit, 'detail'> {
  if (status === 401) return { type: 'authentication', code: 'authorization-token-invalid' };
  if (status === 403) return { type: 'authorization', code: 'advertiser-not-authorized' };
  if (status === 429) return { type: 'quota', code: 'rate-limit-exceeded' };
  if (status === 500) return { type: 'availability', code: 'internal-error' };
  if (status >= 500) return { type: 'availability', code: 'service-unavailable' };
  return { type: 'validation', code: 'invalid-request-body' };
}

/** A body that stops half-way with an error: the client sees the connection close mid-body. */
function brokenStream(payload: string): Readable {
  const half = payload.slice(0, Math.max(1, Math.floor(payload.length / 2)));
  let sent = false;
  return new Readable({
    read() {
      if (!sent) {
        sent = true;
        this.push(half);
        setImmediate(() => this.destroy(new Error('injected fault: connection lost mid-body')));
      }
    },
  });
}

/** A contract drift: the body parses as JSON but no longer matches the spec (an id becomes a number). */
function drift(body: unknown): unknown {
  if (!isRecord(body)) return { data: 'drifted' };
  const data = body.data;
  if (Array.isArray(data) && isRecord(data[0]))
    return { ...body, data: [{ ...data[0], id: Number(data[0].id) || 1 }, ...data.slice(1)] };
  if (isRecord(data)) return { ...body, data: { ...data, attributes: 'drifted' } };
  return { ...body, data: 'drifted' };
}

/** `data` grown to `count` items, copies of the real ones with ids of their own. */
function padItems(body: unknown, count: number): unknown {
  if (!isRecord(body) || !Array.isArray(body.data) || body.data.length === 0) return body;
  const items: unknown[] = body.data;
  const padded = Array.from({ length: count }, (_, index) => {
    const item = items[index % items.length];
    return index < items.length || !isRecord(item) ? item : { ...item, id: String(900_000_000 + index) };
  });
  return { ...body, data: padded };
}

function authDetail(code: string): string {
  switch (code) {
    case 'authorization-token-missing':
      return 'The Authorization header with a Bearer token is missing';
    case 'authorization-token-expired':
      return 'The access token has expired; request a new one';
    default:
      return 'The access token is invalid';
  }
}

function toStringRecord(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]));
}

/** The token call's form carries the client secret: never keep it in the log. */
function redactForm(body: unknown): unknown {
  if (!isRecord(body) || !('client_secret' in body)) return body ?? null;
  return { ...body, client_secret: '[redacted]' };
}
