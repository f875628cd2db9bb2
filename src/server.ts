import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createYoga } from 'graphql-yoga';
import { createContext, type GatewayContext } from './context.js';
import type { CriteoClient } from './criteo/client.js';
import { GRAPHIQL_TABS } from './graphiql-tabs.js';
import { maskError } from './plugins/mask-errors.js';
import { schema } from './schema/index.js';

export interface GatewayOptions {
  criteo: CriteoClient;
  /** DataLoader batching; off only for the N+1 control of the benchmarks. */
  batch?: boolean;
  /** Serve GraphiQL at `/graphql` (assets served locally, no CDN). */
  graphiql?: boolean;
  /** Deadline of one GraphQL operation (default 20 s): outstanding upstream calls are cancelled. */
  operationTimeoutMs?: number;
}

/** The GraphQL server: schema, per-request context, error masking and GraphiQL. */
export function createGateway(options: GatewayOptions) {
  return createYoga<Record<string, unknown>, GatewayContext>({
    schema,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    context: ({ request }) =>
      createContext(options.criteo, {
        batch: options.batch ?? true,
        signal: AbortSignal.any([request.signal, AbortSignal.timeout(options.operationTimeoutMs ?? 20_000)]),
      }),
    maskedErrors: { maskError },
    graphiql:
      options.graphiql === false ? false : { title: 'Criteo Audience GraphQL', defaultTabs: GRAPHIQL_TABS },
    renderGraphiQL,
  });
}

export type Gateway = ReturnType<typeof createGateway>;
