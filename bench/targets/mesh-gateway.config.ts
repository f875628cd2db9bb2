/**
 * Hive Gateway serving the Mesh supergraph (`hive-gateway supergraph bench/.mesh/supergraph.graphql -c
 * bench/targets/mesh-gateway.config.ts`): defaults, except that nothing deduplicates in-flight requests
 * (identical benchmark requests would otherwise share one execution) and nothing serves GraphiQL.
 */
import { defineConfig, type HTTPTransportOptions } from '@graphql-hive/gateway';

const noDeduplication: HTTPTransportOptions = { deduplicateInflightRequests: false };

export const gatewayConfig = defineConfig({
  inboundInflightRequestDeduplication: false,
  transportEntries: { '*.http': { options: noDeduplication } },
  graphiql: false,
  landingPage: false,
  logging: 'warn',
});
