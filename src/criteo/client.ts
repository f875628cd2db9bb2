import type { Dispatcher } from 'undici';
import type { CriteoCredentials } from '../config.js';
import * as application from './application.js';
import * as audienceSegments from './audience-segments.js';
import * as audiences from './audiences.js';
import { ClientCredentialsTokenSource, type TokenSource } from './auth.js';
import * as contactLists from './contact-lists.js';
import { CriteoHttp, createDispatcher } from './http.js';

export interface CriteoClientOptions {
  apiUrl: string;
  apiVersion: string;
  /** Service credentials (client credentials flow) or a ready token source (passthrough). */
  auth: { credentials: CriteoCredentials } | { tokens: TokenSource };
  dispatcher?: Dispatcher;
}

type Bound<T> = {
  [K in keyof T]: T[K] extends (http: CriteoHttp, ...args: infer A) => infer R ? (...args: A) => R : never;
};

function bind<T extends Record<string, (http: CriteoHttp, ...args: never[]) => unknown>>(
  http: CriteoHttp,
  module: T,
): Bound<T> {
  return Object.fromEntries(
    Object.entries(module).map(([name, fn]) => [name, (...args: never[]) => fn(http, ...args)]),
  ) as Bound<T>;
}

/** One function per Criteo operation, named after it; all share one keep-alive dispatcher and token source. */
export function createCriteoClient(options: CriteoClientOptions) {
  const dispatcher = options.dispatcher ?? createDispatcher();
  const tokens =
    'tokens' in options.auth
      ? options.auth.tokens
      : new ClientCredentialsTokenSource({
          credentials: options.auth.credentials,
          apiUrl: options.apiUrl,
          dispatcher,
        });
  const http = new CriteoHttp({ apiUrl: options.apiUrl, apiVersion: options.apiVersion, tokens, dispatcher });
  return {
    ...bind(http, audienceSegments),
    ...bind(http, audiences),
    ...bind(http, contactLists),
    ...bind(http, application),
    tokens,
    close: () => dispatcher.close(),
  };
}

export type CriteoClient = ReturnType<typeof createCriteoClient>;
