/**
 * GraphQL Mesh v1 over Criteo's audience OpenAPI subset, composed by `mesh-compose` (run by `npm run bench`
 * with `CRITEO_API_URL` set to the emulator) into `bench/.mesh/supergraph.graphql`.
 *
 * Mesh has no OAuth2 client-credentials flow: the bench fetches a token from the emulator first and Hive
 * Gateway sends it as a static header (`CRITEO_TOKEN`, interpolated at runtime).
 */
import { join } from 'node:path';
import { defineConfig } from '@graphql-mesh/compose-cli';
import { loadOpenAPISubgraph } from '@omnigraph/openapi';

// Read-only POSTs land on Mutation by default; a client reads them as queries.
const READ_ONLY_POSTS = [
  'SearchAudienceSegments',
  'SearchAudiences',
  'ComputeAudienceSegmentsSizes',
  'ComputeAudiencesSizes',
];

export const composeConfig = defineConfig({
  subgraphs: [
    {
      sourceHandler: loadOpenAPISubgraph('Criteo', {
        // The spec's paths carry 2025-10, which the emulator still serves (same Audience contract as 2026-07).
        source: join(process.cwd(), 'contract', 'marketingsolutions_2025-10.audience.json'),
        endpoint: process.env.CRITEO_API_URL ?? 'http://127.0.0.1:8787',
        operationHeaders: { Authorization: 'Bearer {env.CRITEO_TOKEN}' },
        selectQueryOrMutationField: READ_ONLY_POSTS.map((fieldName) => ({ type: 'Query', fieldName })),
      }),
    },
  ],
});
