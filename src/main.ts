import { createServer } from 'node:http';
import { ConfigError, loadConfig } from './config.js';
import { createCriteoClient } from './criteo/client.js';
import { DEMO_APPLICATIONS } from './emulator/demo-data.js';
import { startEmulator } from './emulator/server.js';
import { createGateway } from './server.js';

/**
 * `npm start`: with Criteo credentials, the gateway talks to CRITEO_API_URL; without, it starts the
 * emulator in-process on loopback with demo data and talks to it over real HTTP.
 */
async function main() {
  const config = loadConfig();
  const demo = DEMO_APPLICATIONS[0];
  const emulator = config.credentials ? null : await startEmulator({ version: config.apiVersion });
  const credentials = config.credentials ?? {
    clientId: demo?.clientId ?? '',
    clientSecret: demo?.clientSecret ?? '',
  };
  const apiUrl = emulator?.url ?? config.apiUrl;
  const { upstream } = config;
  const criteo = createCriteoClient({
    apiUrl,
    apiVersion: config.apiVersion,
    auth: { credentials },
    http: {
      connections: upstream.maxConnections,
      connectTimeoutMs: upstream.connectTimeoutMs,
      headersTimeoutMs: upstream.requestTimeoutMs,
      bodyTimeoutMs: upstream.requestTimeoutMs,
    },
    retry: { maxRetries: upstream.maxRetries, minDelayMs: 200, maxDelayMs: 5_000 },
    rateBudget: upstream.rateLimitPerMinute === 0 ? false : { limit: upstream.rateLimitPerMinute },
  });
  const gateway = createGateway({ criteo, operationTimeoutMs: config.operationTimeoutMs });
  const server = createServer(gateway);
  await new Promise<void>((resolve) => server.listen(config.port, resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;

  process.stdout.write(
    [
      `GraphQL gateway: http://localhost:${port}/graphql (GraphiQL in a browser)`,
      emulator
        ? `Criteo upstream: embedded emulator at ${emulator.apiUrl} with demo data (no CRITEO_CLIENT_ID set)`
        : `Criteo upstream: ${config.apiUrl}/${config.apiVersion}/marketing-solutions`,
      '',
    ].join('\n'),
  );

  const shutdown = () => {
    server.close();
    void Promise.all([criteo.close(), emulator?.close()]).then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
});
