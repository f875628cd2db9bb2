import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CriteoClient, type CriteoClientOptions, createCriteoClient } from '../../src/criteo/client.js';
import { type Emulator, type EmulatorOptions, startEmulator } from '../../src/emulator/server.js';
import { createGateway, type GatewayOptions } from '../../src/server.js';

export interface GraphQLResponse {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface TestGateway {
  emulator: Emulator;
  criteo: CriteoClient;
  /** `http://127.0.0.1:<port>/graphql` */
  url: string;
  /** POSTs a GraphQL operation over HTTP and returns the parsed JSON body. */
  query(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse>;
  /** Upstream calls per operationId since the last `resetCalls()` (from the emulator's request log). */
  calls(): Record<string, number>;
  resetCalls(): void;
  close(): Promise<void>;
}

/** The emulator and the gateway, both on port 0, talking real HTTP (as `npm start` does). */
export async function startTestGateway(
  options: {
    emulator?: EmulatorOptions;
    gateway?: Omit<GatewayOptions, 'criteo'>;
    client?: Partial<Omit<CriteoClientOptions, 'apiUrl' | 'apiVersion' | 'auth'>>;
  } = {},
): Promise<TestGateway> {
  const emulator = await startEmulator({ rateLimit: false, ...options.emulator });
  const criteo = createCriteoClient({
    apiUrl: emulator.url,
    apiVersion: emulator.version,
    auth: { credentials: { clientId: 'demo-client-id', clientSecret: 'demo-client-secret' } },
    // Quick backoff keeps fault tests short; tests assert counts, never delays.
    retry: { maxRetries: 3, minDelayMs: 1, maxDelayMs: 20 },
    ...options.client,
  });
  const server: Server = createServer(createGateway({ criteo, ...options.gateway }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;

  return {
    emulator,
    criteo,
    url,
    async query(query, variables) {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
        },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as GraphQLResponse;
    },
    calls: () => {
      const counts = emulator.requests.countsByOperation();
      delete counts.OAuthToken;
      return counts;
    },
    resetCalls: () => emulator.requests.clear(),
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await criteo.close();
      await emulator.close();
    },
  };
}
