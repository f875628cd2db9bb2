import { Writable } from 'node:stream';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { type RunningGateway, type StartOptions, startGateway } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { CriteoClient } from '../../src/criteo/client.js';
import { DEMO_APPLICATIONS } from '../../src/emulator/demo-data.js';
import { type Emulator, type EmulatorOptions, startEmulator } from '../../src/emulator/server.js';
import { mergeParts, readParts } from './incremental.js';

/** A GraphQL response body; `Data` is the result type of a typed document (see `test/codegen.ts`). */
export interface GraphQLResponse<Data = Record<string, unknown>> {
  data?: Data | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, unknown>;
}

/** An operation's variables as the gateway's JSON body carries them. */
export type Variables = Record<string, unknown>;

/**
 * The JSON body of a response fetched by hand (a test that reads the status or headers too, or its
 * raw text), typed by the `document` it answers. The one place a body is trusted to be what the
 * document says.
 */
export async function readResponse<Data = Record<string, unknown>, Vars extends Variables = Variables>(
  response: Response | string,
  _document?: TypedDocumentNode<Data, Vars>,
): Promise<GraphQLResponse<Data>> {
  if (typeof response !== 'string' && response.headers.get('content-type')?.startsWith('multipart/mixed'))
    return mergeParts(await readParts(response)) as GraphQLResponse<Data>;
  const body: unknown = typeof response === 'string' ? JSON.parse(response) : await response.json();
  return body as GraphQLResponse<Data>;
}

/**
 * The response without `extensions.criteo` (the call counts every response carries), for tests that
 * compare whole responses; the counts have tests of their own (upstream-call-limit.test.ts).
 */
export function bodyOf<Data>({ extensions, ...rest }: GraphQLResponse<Data>): GraphQLResponse<Data> {
  const { criteo: _counts, ...other } = extensions ?? {};
  return Object.keys(other).length > 0 ? { ...rest, extensions: other } : rest;
}

export interface TestGateway {
  emulator: Emulator;
  criteo: CriteoClient;
  gateway: RunningGateway;
  /** `http://127.0.0.1:<port>/graphql` */
  url: string;
  /**
   * POSTs a GraphQL operation over HTTP (with `headers`, e.g. a caller's Authorization) and returns
   * the parsed JSON body: typed by a `graphql(…)` document, untyped for a string built at run time.
   */
  query<Data, Vars extends Variables>(
    document: TypedDocumentNode<Data, Vars>,
    variables?: Vars,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<Data>>;
  query(query: string, variables?: Variables, headers?: Record<string, string>): Promise<GraphQLResponse>;
  /** Upstream calls per operationId since the last `resetCalls()` (from the emulator's request log). */
  calls(): Record<string, number>;
  resetCalls(): void;
  close(): Promise<void>;
}

export interface TestGatewayOptions {
  emulator?: EmulatorOptions;
  /**
   * Environment variables on top of the defaults, read by the same `loadConfig` as `npm start`: a
   * test that needs another limit or mode says so here (e.g. `{ OPERATION_TIMEOUT_MS: '150' }`).
   */
  env?: Record<string, string>;
  /** Settings without an environment variable (retry backoff, budget windows). */
  client?: StartOptions['client'];
  /** DataLoader batching; off only for the N+1 control. */
  batch?: boolean;
  /** Caller-authentication settings without an environment variable (the key-set refetch cooldown). */
  auth?: StartOptions['auth'];
  /** Where log lines go (default: nowhere); tests that read the logs pass a capture. */
  logDestination?: StartOptions['logDestination'];
}

const demo = DEMO_APPLICATIONS[0];

/**
 * The emulator, and the gateway exactly as `npm start` builds it (`startGateway` with the default
 * config: every plugin, limit and the production error masking), both on port 0, talking real HTTP.
 *
 * Three settings differ from the defaults, for every test alike:
 * - retries back off in 1-20 ms instead of 200-5,000 ms (tests assert counts, never delays);
 * - the client-side rate budget is off (`CRITEO_RATE_LIMIT_PER_MINUTE=0`): the suite makes far
 *   more than 250 calls a minute; the budget's own tests turn it on through `env` or `client`;
 * - the read cache is off (`CACHE_TTL_SECONDS=0`): most tests count the upstream calls of a query
 *   or change the emulator's data behind the gateway's back between two queries; the cache's own
 *   tests (`read-cache*.test.ts`, `replicas-*.test.ts`) turn it on with its default through `env`.
 * Logs go nowhere (`LOG_LEVEL=silent`) unless a test asks for a level.
 */
export async function startTestGateway(options: TestGatewayOptions = {}): Promise<TestGateway> {
  const emulator = await startEmulator({ rateLimit: false, ...options.emulator });
  const config = loadConfig({
    CRITEO_CLIENT_ID: demo?.clientId,
    CRITEO_CLIENT_SECRET: demo?.clientSecret,
    CRITEO_API_URL: emulator.url,
    CRITEO_API_VERSION: emulator.version,
    CRITEO_RATE_LIMIT_PER_MINUTE: '0',
    CACHE_TTL_SECONDS: '0',
    PORT: '0',
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const gateway = await startGateway(config, {
    host: '127.0.0.1',
    logDestination: options.logDestination ?? new Writable({ write: (_chunk, _encoding, done) => done() }),
    client: {
      retry: { maxRetries: config.upstream.maxRetries, minDelayMs: 1, maxDelayMs: 20 },
      ...options.client,
    },
    batch: options.batch,
    auth: options.auth,
  });
  const { url } = gateway;

  return {
    emulator,
    criteo: gateway.criteo,
    gateway,
    url,
    async query(
      document: TypedDocumentNode | string,
      variables?: Variables,
      headers?: Record<string, string>,
    ) {
      const query = typeof document === 'string' ? document : print(document);
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          // As a client with @defer / @stream support: JSON when the answer is one result, the parts
          // (merged by `readResponse`) when it comes in several.
          accept: 'application/graphql-response+json, application/json, multipart/mixed',
          ...headers,
        },
        body: JSON.stringify({ query, variables }),
      });
      return readResponse(response);
    },
    calls: () => {
      const counts = emulator.requests.countsByOperation();
      delete counts.OAuthToken;
      return counts;
    },
    resetCalls: () => emulator.requests.clear(),
    async close() {
      await gateway.stop();
      await emulator.close();
    },
  };
}
