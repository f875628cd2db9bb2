import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import { CRITEO_CALLS_PER_MINUTE } from '../contract/limits.js';
import { type EmulatorApplication, TokenIssuer } from './auth.js';
import type { EmulatorContext } from './context.js';
import { DEMO_APPLICATIONS, seedDemoData } from './demo-data.js';
import { type FaultConfig, FaultInjector } from './faults.js';
import { type EmptyProblemLists, EnvelopeWriter } from './http.js';
import { useAuth } from './plugins/use-auth.js';
import { useFaults } from './plugins/use-faults.js';
import { useProblems } from './plugins/use-problems.js';
import { useRequestLog } from './plugins/use-request-log.js';
import { RateLimiter, type RateLimitOptions } from './rate-limit.js';
import { RequestLog } from './request-log.js';
import { registerControlRoutes } from './routes/control.js';
import { registerMarketingSolutionsRoutes } from './routes/index.js';
import { registerOAuthRoutes } from './routes/oauth.js';
import { EmulatorStore } from './store.js';

export type { EmulatorContext } from './context.js';

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

export interface Emulator extends EmulatorContext {
  /** `http://127.0.0.1:<port>`: where `/oauth2/token` lives. */
  readonly url: string;
  /** `<url>/<version>/marketing-solutions`. */
  readonly apiUrl: string;
  readonly app: FastifyInstance;
  close(): Promise<void>;
}

/** Builds the Fastify app without listening (for `inject` in unit tests). */
export function createEmulator(options: EmulatorOptions = {}): {
  app: FastifyInstance;
  context: EmulatorContext;
} {
  const context = createContext(options);
  // 50,000 identifiers of up to ~100 characters must fit in one contact-list PATCH.
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 16 * 1024 * 1024,
    forceCloseConnections: true,
  });
  // Criteo speaks JSON (and forms on the token endpoint only): any other body is a 415.
  app.removeContentTypeParser('text/plain');
  app.register(formbody);
  // The order of a request: logged, maybe faulted, authenticated and rate-limited, then handled;
  // whatever fails on the way becomes a problem body.
  app.register(useRequestLog, { context });
  app.register(useFaults, { context });
  app.register(useAuth, { context });
  app.register(useProblems, { context });
  app.register(registerOAuthRoutes, { context });
  app.register(registerControlRoutes, { context, prefix: '/__emulator' });
  // Every version shares the one store: a client on 2025-10 and one on 2026-07 see the same account.
  for (const served of context.versions) {
    app.register(registerMarketingSolutionsRoutes, { context, prefix: `/${served}/marketing-solutions` });
  }
  return { app, context };
}

/** Starts the emulator over real HTTP. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const { app, context } = createEmulator(options);
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

function createContext(options: EmulatorOptions): EmulatorContext {
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
  return context;
}
